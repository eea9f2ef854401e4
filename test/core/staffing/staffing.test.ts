import { evaluate } from "../../../src/core/evaluate";
import type { PlanCell, PlanOp, SheetSnapshot, WorkbookSnapshot } from "../../../src/core/types";
import { contractedFromSheet } from "../../../src/core/staffing/assess";
import { toSheetSnapshot } from "../../support/generate-roster";
import {
  resultsGridRows,
  SEED_STAFFING,
  seedStaffingDatesSheet,
  seedStaffingSheet,
  STAFFING_SHEET,
  type StaffingSheetOptions,
} from "../../support/staffing-table";

function book(sheet: SheetSnapshot): WorkbookSnapshot {
  return { source: "到岗.xlsx", sheets: [sheet] };
}

function run(options: StaffingSheetOptions = {}, evalOptions: Parameters<typeof evaluate>[1] = {}) {
  const sheet = toSheetSnapshot(seedStaffingSheet(options));
  return { sheet, ...evaluate(book(sheet), evalOptions) };
}

/** every cell the plan writes on a sheet, by A1-less (row, col) key */
function written(plan: PlanOp[], sheet: string): Map<string, PlanCell> {
  const out = new Map<string, PlanCell>();
  for (const op of plan) {
    if (op.kind !== "cells" || op.sheet !== sheet) continue;
    op.cells.forEach((line, i) => line.forEach((c, j) => c && out.set(`${op.row + i},${op.col + j}`, c)));
  }
  return out;
}

describe("staffing table (社工到岗情况统计表)", () => {
  test("rebuilds the seed report's figures: 50/86/36, 100/101/1, 17/20 = 85.00 %, 1+5+11+3", () => {
    const { report } = run();
    expect(report.staffing).toHaveLength(1);
    const st = report.staffing![0];
    expect(st.sheet).toBe(STAFFING_SHEET);
    expect(st.months).toEqual(SEED_STAFFING.months);
    expect(st.contracted).toEqual({ all: 20, certified: 10 });
    const cert = st.classes.find((c) => c.class === "certified")!;
    const all = st.classes.find((c) => c.class === "all")!;
    expect([cert.required, cert.actual, cert.surplus]).toEqual([50, 86, 36]);
    expect([all.required, all.actual, all.surplus]).toEqual([100, 101, 1]);
    expect(st.retention).toMatchObject({ stayed: 17, base: 20, threshold: 0.8 });
    expect(st.retention.rate).toBeCloseTo(0.85, 12);
    expect(st.atEnd).toEqual(SEED_STAFFING.atEnd);
    expect(report.findings.filter((f) => f.sheet === STAFFING_SHEET && f.severity !== "info")).toEqual([]);
  });

  test("writes live formulas with their results into a block beside the table", () => {
    const { report, plan } = run();
    const st = report.staffing![0];
    const cells = written(plan, STAFFING_SHEET);
    const at = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      return cells.get(`${Number(m[2]) - 1},${m[1].charCodeAt(0) - 65}`);
    };
    const cert = st.classes.find((c) => c.class === "certified")!;
    expect(at(cert.actualCell)).toMatchObject({ value: 86 });
    expect(at(cert.actualCell)!.formula).toMatch(/^=SUMPRODUCT\(ISNUMBER\(MATCH\(\$D\$6:\$D\$27,/);
    expect(at(cert.requiredCell!)).toMatchObject({ value: 50, formula: "=10*COUNTA($E$5:$I$5)" });
    expect(at(cert.surplusCell!)!.formula).toBe(`=${cert.actualCell}-${cert.requiredCell}`);
    expect(at(st.retention.cell!)).toMatchObject({ value: 0.85, numberFormat: "0.00%" });
    // the block sits right of the table, one blank column between
    expect(cert.actualCell.startsWith("L")).toBe(true);
  });

  test("re-running on the scored sheet rewrites the block in place", () => {
    const { sheet, plan } = run();
    const cells = written(plan, STAFFING_SHEET);
    const values = sheet.values.map((r) => r.slice());
    for (const [k, c] of cells) {
      const [r, col] = k.split(",").map(Number);
      while (values.length <= r) values.push([]);
      values[r][col] = c.value;
    }
    const again = evaluate(book({ ...sheet, values }));
    expect(written(again.plan, STAFFING_SHEET)).toEqual(cells);
  });

  test("without a contract line only 实到岗 is reported, with an info finding; --staff supplies it", () => {
    const none = run({ contractLine: false });
    const st = none.report.staffing![0];
    expect(st.contracted).toEqual({ all: null, certified: null });
    expect(st.classes.map((c) => [c.required, c.actual, c.surplus])).toEqual([
      [null, 86, null],
      [null, 101, null],
    ]);
    expect(st.retention.rate).toBeNull();
    expect(none.report.findings.map((f) => f.code)).toContain("staffing-no-contract");
    const given = run({ contractLine: false }, { staff: { all: 20, certified: 10 } });
    expect(given.report.staffing![0].classes[1].surplus).toBe(1);
    expect(given.report.findings.map((f) => f.code)).not.toContain("staffing-no-contract");
  });

  test("under-staffing and a low 稳岗率 are warnings on their cells", () => {
    const { report } = run({}, { staff: { all: 22, certified: 18 }, retentionThreshold: 0.9 });
    const st = report.staffing![0];
    const codes = report.findings.filter((f) => f.sheet === STAFFING_SHEET).map((f) => [f.code, f.cell]);
    expect(codes).toContainEqual(["staffing-under", st.classes[0].actualCell]);
    expect(codes).toContainEqual(["staffing-under", st.classes[1].actualCell]);
    expect(codes).toContainEqual(["retention-below", st.retention.cell]);
  });

  test("month headers without a year (7月, 七月) take it from the contract year; 1, 在岗 and 在职 count as on post", () => {
    const { report } = run({ shortMonths: true, mark: 1 });
    expect(report.staffing![0].months).toEqual(SEED_STAFFING.months);
    expect(report.staffing![0].classes[1].actual).toBe(101);
    expect(run({ mark: "在岗" }).report.staffing![0].classes[0].actual).toBe(86);
    expect(run({ mark: "在职" }).report.staffing![0].classes[0].actual).toBe(86);
    const chinese = run({ chineseMonths: true }).report.staffing![0];
    expect(chinese.months).toEqual(SEED_STAFFING.months);
    expect(chinese.classes.map((c) => [c.required, c.actual, c.surplus])).toEqual([
      [50, 86, 36],
      [100, 101, 1],
    ]);
  });

  test("a blank 持证情况, an unknown level and an unaccepted mark are findings on their cells", () => {
    const sheet = toSheetSnapshot(seedStaffingSheet());
    sheet.values[5][3] = null; // first worker: 持证情况 blank
    sheet.values[6][3] = "社工证";
    sheet.values[7][4] = "请假";
    const { report } = evaluate(book(sheet));
    const f = report.findings.filter((x) => x.sheet === STAFFING_SHEET);
    expect(f).toContainEqual(expect.objectContaining({ code: "staff-cert-missing", cell: "D6" }));
    expect(f).toContainEqual(expect.objectContaining({ code: "staff-cert-unknown", cell: "D7" }));
    expect(f).toContainEqual(expect.objectContaining({ code: "staff-mark-unknown", cell: "E8" }));
    // the two workers without a known level are on post at the end: the mix is 2 short
    expect(f).toContainEqual(expect.objectContaining({ code: "staffing-mix-mismatch" }));
    expect(report.staffing![0].classes[1].actual).toBe(100);
  });

  test("入职/离职 dates give the months on post over the window", () => {
    const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000 + 25569;
    const values = [
      ["社工到岗情况统计表（2023年7月1日至2023年11月30日）"],
      ["年度服务协议时间：2023年7月1日至2024年6月30日"],
      ["合同约定：配备社工3名，其中持证社工不少于2名"],
      ["姓名", "持证情况", "入职日期", "离职日期"],
      ["甲", "中级社工师", serial(2020, 1, 1), null],
      ["乙", "助理社工师", serial(2023, 8, 15), null],
      ["丙", "非持证", serial(2021, 3, 1), serial(2023, 9, 30)],
    ];
    const { report, plan } = evaluate(book({ name: "到岗", values }));
    const st = report.staffing![0];
    expect(st.months).toEqual(SEED_STAFFING.months);
    // 甲 5, 乙 Aug–Nov 4, 丙 Jul–Sep 3 (leaving on the month's last day still counts)
    expect(st.classes.map((c) => c.actual)).toEqual([9, 12]);
    expect(st.retention.stayed).toBe(1);
    expect(st.atEnd).toEqual({ 高级社工师: 0, 中级社工师: 1, 助理社工师: 1, 非持证: 0 });
    const formulas = [...written(plan, "到岗").values()].map((c) => c.formula).filter(Boolean);
    expect(formulas.some((x) => /\$C\$5:\$C\$7<=45138/.test(x!))).toBe(true);
  });

  describe("the contract's staffing line", () => {
    const read = (line: string) => {
      const r = contractedFromSheet({ name: "到岗", values: [["社工到岗情况统计表"], [line]] });
      return r && { all: r.all, certified: r.certified };
    };
    test.each([
      ["合同约定：配备社工20名，其中持证社工不少于10名", 20, 10],
      ["合同约定：配备社工二十名，其中持证社工不少于十名", 20, 10],
      ["合同约定：配备社工十二名，其中持证社工不少于两名", 12, 2],
      ["采购合同要求配备专职社工二十五人，持证社工不低于十五人", 25, 15],
      ["合同约定：配备社工２０名，其中持证社工不少于１０名", 20, 10],
      ["按协议配备20名社工，其中10名为持证社工", 20, 10],
      ["合同约定：配备社会工作者 二十 名，其中 持证社工 不少于 十 名", 20, 10],
      ["服务协议要求：配备社工一百零五名", 105, null],
    ])("%s → %s / %s", (line, all, certified) => {
      expect(read(line)).toEqual({ all, certified });
    });

    test("a line without 合同 / 协议 / 约定 is not the contract; a 年度服务协议时间 line holds no headcount", () => {
      expect(read("本站配备社工二十名")).toBeNull();
      expect(read("年度服务协议时间：2023年7月1日至2024年6月30日")).toBeNull();
    });

    test("Chinese numerals in the sheet's line give the seed's figures end to end", () => {
      const sheet = toSheetSnapshot(seedStaffingSheet());
      sheet.values[3][0] = "合同约定：配备社工二十名，其中持证社工不少于十名";
      const st = evaluate(book(sheet)).report.staffing![0];
      expect(st.contracted).toEqual({ all: 20, certified: 10 });
      expect(st.classes.map((c) => [c.required, c.actual, c.surplus])).toEqual([
        [50, 86, 36],
        [100, 101, 1],
      ]);
    });
  });

  test("the seed's figures from 入职/离职 dates, live: joining on a month's last day counts, leaving the day before does not", () => {
    const sheet = toSheetSnapshot(seedStaffingDatesSheet());
    const { report, plan } = evaluate(book(sheet));
    const st = report.staffing![0];
    expect(st.months).toEqual(SEED_STAFFING.months);
    expect(st.contracted).toEqual({ all: 20, certified: 10 });
    expect(st.classes.map((c) => [c.required, c.actual, c.surplus])).toEqual([
      [50, 86, 36],
      [100, 101, 1],
    ]);
    expect([st.retention.stayed, st.retention.base]).toEqual([17, 20]);
    expect(st.atEnd).toEqual(SEED_STAFFING.atEnd);
    const cells = [...written(plan, STAFFING_SHEET).values()];
    const live = cells.filter((c) => c.formula);
    // every figure is a formula over the date columns (D, E), not a value
    expect(live.length).toBeGreaterThanOrEqual(12);
    expect(live.some((c) => /\$D\$6:\$D\$27<=45169/.test(c.formula!) && /\$E\$6:\$E\$27>=45169/.test(c.formula!))).toBe(true);
  });

  test("a figures grid under the table (类别 × 应到岗 / 实到岗 / 超配, 稳岗率) is filled in, each class in its own row", () => {
    const options = { resultsGrid: true };
    const { report, plan } = run(options);
    const st = report.staffing![0];
    const g = resultsGridRows(options);
    // the grid's labels are not workers: the figures are the seed's
    expect(st.classes.map((c) => [c.required, c.actual, c.surplus])).toEqual([
      [50, 86, 36],
      [100, 101, 1],
    ]);
    const cert = st.classes.find((c) => c.class === "certified")!;
    const all = st.classes.find((c) => c.class === "all")!;
    expect([cert.requiredCell, cert.actualCell, cert.surplusCell]).toEqual([`C${g.certified + 1}`, `D${g.certified + 1}`, `E${g.certified + 1}`]);
    expect([all.requiredCell, all.actualCell, all.surplusCell]).toEqual([`C${g.all + 1}`, `D${g.all + 1}`, `E${g.all + 1}`]);
    expect(st.retention.cell).toBe(`C${g.rate + 1}`);
    const cells = written(plan, STAFFING_SHEET);
    expect(cells.get(`${g.certified},2`)).toMatchObject({ value: 50, formula: "=10*COUNTA($E$5:$I$5)" });
    expect(cells.get(`${g.all},4`)).toMatchObject({ value: 1, formula: `=D${g.all + 1}-C${g.all + 1}` });
    expect(cells.get(`${g.rate},2`)).toMatchObject({ value: 0.85, numberFormat: "0.00%" });
    // nothing else is written: no block beside the table
    expect([...cells.keys()].every((k) => Number(k.split(",")[0]) >= g.certified)).toBe(true);
  });
});
