import { assessTables } from "../../../src/core/indicators/assess";
import { detectIndicatorTables } from "../../../src/core/indicators/detect";
import type { CellValue, SheetSnapshot } from "../../../src/core/types";

const ctx: { lang: "zh"; normaliseUnits: boolean; liveFormulas: boolean; expectedShare: number | null } = {
  lang: "zh",
  normaliseUnits: true,
  liveFormulas: true,
  expectedShare: null,
};

function run(values: CellValue[][], extra: Partial<SheetSnapshot> = {}, c = ctx) {
  const sheet: SheetSnapshot = { name: "表", values, ...extra };
  const tables = detectIndicatorTables(sheet);
  return { tables, ...assessTables(tables, sheet, c) };
}

describe("row tables", () => {
  const values: CellValue[][] = [
    ["指标完成情况统计表"],
    ["序号", "指标名称", "单位", "协议指标", "实际完成", "完成率"],
    [1, "建档", "份", 200, 371, 1.8],
    [2, "电访", "人次", 0, 20, null],
    [3, "探访", "人次", null, 30, null],
    [4, "个案", "个", 90, "四十三", null],
    [5, "志愿服务时数", "小时", "１２", "#DIV/0!", null],
    [6, "新媒体互动", "次", 10, 5, "50.00%"],
  ];
  const r = run(values, { numberFormats: [[], [], [null, null, null, null, null, "0.0%"]] });

  it("reads one indicator per row with the unit column", () => {
    expect(r.tables[0].layout).toBe("row");
    expect(r.indicators.map((i) => [i.label, i.unit, i.target, i.completed])).toEqual([
      ["建档", "份", 200, 371],
      ["电访", "人次", 0, 20],
      ["探访", "人次", null, 30],
      ["个案", "个", 90, null],
      ["志愿服务时数", "小时", 12, null],
      ["新媒体互动", "次", 10, 5],
    ]);
  });

  it("flags each slip on its own cell", () => {
    const got = r.findings.map((f) => `${f.code}@${f.cell}`);
    expect(got).toEqual(
      expect.arrayContaining([
        "percent-mismatch@F3",
        "target-zero@D4",
        "target-missing@D5",
        "not-a-number@E6",
        "full-width-digits@D7",
        "cell-error@E7",
        "unknown-indicator@B8",
      ]),
    );
    expect(r.findings.find((f) => f.code === "percent-mismatch")!.message).toContain("185.50%");
  });

  it("leaves the percent blank (never #DIV/0!) for a zero or missing target", () => {
    const zero = r.writes.find((w) => w.purpose === "percent" && w.row === 3)!;
    expect(zero.cell.value).toBe("");
    expect(zero.cell.formula).toBe('=IFERROR(E4/D4,"")');
    const missing = r.writes.find((w) => w.purpose === "percent" && w.row === 4)!;
    expect(missing.cell.value).toBeNull();
    expect(missing.cell.formula).toBeUndefined();
  });

  it("writes values instead of formulas when unit normalising is off", () => {
    const off = run(
      [
        ["指标名称", "指标要求", "完成情况", "完成百分比"],
        ["建档", "200个", "371个", null],
      ],
      {},
      { ...ctx, normaliseUnits: false },
    );
    expect(off.writes).toHaveLength(1);
    expect(off.writes[0].cell).toEqual({ value: 1.855, numberFormat: "0.00%" });
  });

  it("adds a percent column when the table has none", () => {
    const add = run([
      ["项目", "目标", "完成"],
      ["调研", 4, 13],
    ]);
    expect(add.headerWrites).toEqual([{ sheet: "表", row: 0, col: 3, purpose: "percent", cell: { value: "完成百分比" } }]);
    expect(add.writes[0]).toMatchObject({ row: 1, col: 3, cell: { formula: '=IFERROR(C2/B2,"")', value: 3.25 } });
  });

  it("flags an indicator behind the time-elapsed pace", () => {
    const paced = run(
      [
        ["指标名称", "指标要求", "完成情况", "完成百分比"],
        ["建档", 200, 50, null],
        ["电访", 100, 90, null],
      ],
      {},
      { ...ctx, expectedShare: 0.5 },
    );
    expect(paced.findings.filter((f) => f.code === "behind-pace").map((f) => f.cell)).toEqual(["D2"]);
    expect(paced.indicators[0].expectedPercent).toBe(0.5);
  });

  it("flags target and completed in different units", () => {
    const mixed = run([
      ["指标名称", "指标要求", "完成情况", "完成百分比"],
      ["小组", "30个", "90节", null],
    ]);
    expect(mixed.findings.map((f) => `${f.code}@${f.cell}`)).toContain("unit-inconsistent@C2");
  });
});

describe("multi-area tables under a two-row merged header", () => {
  const values: CellValue[][] = [
    ["服务指标", "一片区", null, "二片区", null, "合计", null, "完成百分比"],
    [null, "指标", "完成", "指标", "完成", "指标", "完成", null],
    ["建档", 100, 200, 100, 171, 200, 371, null],
    ["电访", 150, 300, 120, 300, 270, 607, null],
  ];
  const merges = [
    { r1: 0, c1: 0, r2: 1, c2: 0 },
    { r1: 0, c1: 1, r2: 0, c2: 2 },
    { r1: 0, c1: 3, r2: 0, c2: 4 },
    { r1: 0, c1: 5, r2: 0, c2: 6 },
    { r1: 0, c1: 7, r2: 1, c2: 7 },
  ];
  const r = run(values, { merges });

  it("gives one entry per area pair and one for the total", () => {
    expect(r.tables[0].layout).toBe("area");
    expect(r.indicators.map((i) => [i.label, i.area, i.target, i.completed])).toEqual([
      ["建档", "一片区", 100, 200],
      ["建档", "二片区", 100, 171],
      ["建档", "合计", 200, 371],
      ["电访", "一片区", 150, 300],
      ["电访", "二片区", 120, 300],
      ["电访", "合计", 270, 607],
    ]);
  });

  it("computes the percent column from the total pair", () => {
    const p = r.writes.filter((w) => w.purpose === "percent");
    expect(p.map((w) => [w.row, w.col, w.cell.formula])).toEqual([
      [2, 7, '=IFERROR(G3/F3,"")'],
      [3, 7, '=IFERROR(G4/F4,"")'],
    ]);
    expect(r.indicators[2].percent).toBeCloseTo(1.855, 12);
  });

  it("flags areas that do not add up to the total, on the total cell", () => {
    expect(r.findings.filter((f) => f.code === "sum-mismatch").map((f) => f.cell)).toEqual(["G4"]);
  });
});
