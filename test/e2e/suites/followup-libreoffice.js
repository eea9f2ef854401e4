/**
 * The restored view's 最近跟进日期 column, recalculated by LibreOffice: a row whose 跟进记录 holds a
 * date, or is blank, is a formula over it agreeing with what the core read; after a record is
 * edited (a visit added, a blank record filled in), LibreOffice shows 记录已改，请重新评分 on exactly
 * those rows and the others keep what they showed. A record of text without a date stays blank.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");
const gen = require("../../support/generate-roster.ts");
const { recalculate } = require("../lib/soffice");
const { readCells } = require("../lib/xlsx-cells");

const SHEET = "台账";
const HEADER = ["序号", "姓名", "性别", "年龄", "村（居）", "联系电话", "服务对象类别", "跟进级别", "跟进记录（电访/探访）"];
const RECORDS = ["2023.8.1 电访；8月3日探访", "", "２０２３年９月１日入户", "每月电访一次", "2023-10-12 电访，情绪稳定；2023年11月2日探访"];
const STALE = "记录已改，请重新评分";

exports.register = function register(ctx) {
  const { test, need, runCli, assertAgreement, ARTIFACTS } = ctx;

  test("最近跟进日期: LibreOffice agrees on every row, and says 记录已改 on the rows edited after the run", async () => {
    const rows = [["服务对象台账（2023年7月1日至2023年11月30日）"], HEADER];
    RECORDS.forEach((record, i) => rows.push([i + 1, `对象${i + 1}`, "女", 70 + i, "青年社区", "13800138000", "独居老人", "一级", record || null]));
    const spec = { name: SHEET, rows, merges: [], columnFormats: {}, formatFromRow: 2, cellFormats: [] };
    const input = path.join(ARTIFACTS, "fixtures", "跟进记录.xlsx");
    fs.mkdirSync(path.dirname(input), { recursive: true });
    fs.writeFileSync(input, await gen.seedWorkbookBytes({ sheets: [spec], roster: null }));
    const out = path.join(ARTIFACTS, "followup-评估结果.xlsx");
    const reportFile = path.join(ARTIFACTS, "followup-report.json");
    runCli(input, out, reportFile);
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    const view = report.restorations[0] && report.restorations[0].outputSheet;
    need(view, "no restored view");
    const checked = assertAgreement(out, "最近跟进日期");

    // the column: the header cell that reads 最近跟进日期 in the view's header row (row 2)
    const viewCells = readCells(fs.readFileSync(out)).get(view);
    const headerRef = [...viewCells].find(([ref, c]) => /^[A-Z]+2$/.test(ref) && c.value === "最近跟进日期");
    need(headerRef, "no 最近跟进日期 header in the view");
    const col = headerRef[0].replace(/\d+$/, "");
    const formulas = RECORDS.map((_, i) => viewCells.get(`${col}${i + 3}`));
    // 每月电访一次 holds no date: that row alone is no formula
    const watched = formulas.map((c) => !!(c && c.formula));
    need(
      JSON.stringify(watched) === JSON.stringify([true, true, true, false, true]),
      `watched rows ${JSON.stringify(watched)}: ${formulas.map((c) => (c ? c.formula : "none")).join(" | ")}`,
    );

    // edit two records after the run: a visit added to the first, the blank one filled in
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.getWorksheet(SHEET);
    const recordCol = HEADER.length;
    ws.getRow(3).getCell(recordCol).value = `${RECORDS[0]}；11月20日电访`;
    ws.getRow(4).getCell(recordCol).value = "2023.11.25 探访";
    const edited = path.join(ARTIFACTS, "followup-edited.xlsx");
    await book.xlsx.writeFile(edited);
    const after = readCells(recalculate(edited)).get(view);
    const shown = RECORDS.map((_, i) => (after.get(`${col}${i + 3}`) || { value: null }).value);
    const before = formulas.map((c) => (c ? c.value : null) ?? null);
    need(shown[0] === STALE && shown[1] === STALE, `edited rows show ${JSON.stringify(shown.slice(0, 2))}, expected ${STALE}`);
    for (const i of [2, 3, 4]) need(shown[i] === before[i], `row ${i + 3} changed from ${before[i]} to ${shown[i]} without an edit`);
    return `${checked} formula cells agree; edited rows say ${STALE}, the others keep ${before.slice(2).join(", ")}`;
  });
};
