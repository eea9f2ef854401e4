/**
 * The staffing table (社工到岗情况统计表) scored by the command line, then recalculated by
 * LibreOffice: every formula written into the results block (COUNTA, SUMPRODUCT over MATCH
 * against the month columns) must compute to the value we cached, and the report must carry the
 * seed report's figures (持证 50/86/36, 社工 100/101/1, 稳岗率 17/20 = 85.00 %). The same figures
 * from 入职 / 离职 dates (the date-mode formulas compare the date serials with each month's last day).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const gen = require("../../support/generate-roster.ts");
const staffing = require("../../support/staffing-table.ts");

exports.register = function register(ctx) {
  const { test, need, runCli, assertAgreement, ARTIFACTS } = ctx;

  async function write(name, spec) {
    const file = path.join(ARTIFACTS, "fixtures", name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await gen.seedWorkbookBytes({ sheets: [spec], roster: null }));
    return file;
  }

  function figures(report) {
    const st = report.staffing && report.staffing[0];
    need(st, "no staffing table in the report");
    const c = (k) => st.classes.find((x) => x.class === k);
    return `${c("certified").required}/${c("certified").actual}/${c("certified").surplus} ${c("all").required}/${c("all").actual}/${c("all").surplus} ${st.retention.stayed}/${st.retention.base}`;
  }

  test("staffing table: the seed's figures, and LibreOffice agrees with every staffing formula", async () => {
    const input = await write("社工到岗-seed.xlsx", staffing.seedStaffingSheet());
    const out = path.join(ARTIFACTS, "staffing-评估结果.xlsx");
    const reportFile = path.join(ARTIFACTS, "staffing-report.json");
    runCli(input, out, reportFile);
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    const got = figures(report);
    need(got === "50/86/36 100/101/1 17/20", `figures ${got}, expected 50/86/36 100/101/1 17/20`);
    const checked = assertAgreement(out, "staffing table");
    return `${got}; ${checked} formula cells agree`;
  });

  test("staffing table with 7月-style headers and 1 as the mark: LibreOffice agrees", async () => {
    const input = await write("社工到岗-short.xlsx", staffing.seedStaffingSheet({ shortMonths: true, mark: 1 }));
    const out = path.join(ARTIFACTS, "staffing-short-评估结果.xlsx");
    const reportFile = path.join(ARTIFACTS, "staffing-short-report.json");
    runCli(input, out, reportFile);
    const got = figures(JSON.parse(fs.readFileSync(reportFile, "utf8")));
    need(got === "50/86/36 100/101/1 17/20", `figures ${got}`);
    return `${assertAgreement(out, "staffing table (7月, 1)")} formula cells agree`;
  });

  test("staffing table with 入职/离职 dates: the seed's figures, and LibreOffice agrees with the date formulas", async () => {
    const input = await write("社工到岗-dates.xlsx", staffing.seedStaffingDatesSheet());
    const out = path.join(ARTIFACTS, "staffing-dates-评估结果.xlsx");
    const reportFile = path.join(ARTIFACTS, "staffing-dates-report.json");
    runCli(input, out, reportFile);
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    const got = figures(report);
    need(got === "50/86/36 100/101/1 17/20", `figures ${got}, expected 50/86/36 100/101/1 17/20`);
    const checked = assertAgreement(out, "staffing table (入职/离职)");
    // the block's 15 figures (3 × 2 classes, 持续在岗, 稳岗率, 4 levels, 合计, 期末月在岗) are all formulas
    need(checked >= 14, `only ${checked} formula cells written from the dates`);
    return `${got}; ${checked} formula cells agree`;
  });

  test("staffing table with a figures grid under it (类别 × 应到岗/实到岗/超配, 稳岗率): filled in, LibreOffice agrees", async () => {
    const input = await write("社工到岗-grid.xlsx", staffing.seedStaffingSheet({ resultsGrid: true }));
    const out = path.join(ARTIFACTS, "staffing-grid-评估结果.xlsx");
    const reportFile = path.join(ARTIFACTS, "staffing-grid-report.json");
    runCli(input, out, reportFile);
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    const got = figures(report);
    need(got === "50/86/36 100/101/1 17/20", `figures ${got}`);
    const g = staffing.resultsGridRows({ resultsGrid: true });
    const cert = report.staffing[0].classes.find((c) => c.class === "certified");
    need(cert.requiredCell === `C${g.certified + 1}`, `持证社工 应到岗 written to ${cert.requiredCell}, expected C${g.certified + 1}`);
    return `${got}; ${assertAgreement(out, "staffing figures grid")} formula cells agree`;
  });
};
