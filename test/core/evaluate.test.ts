import fc from "fast-check";
import { evaluate } from "../../src/core/evaluate";
import type { CellValue, PlanOp, SheetSnapshot, WorkbookSnapshot } from "../../src/core/types";
import { seedWorkbook } from "../fixtures/seed";

describe("evaluate on the seed workbook", () => {
  const { report, plan } = evaluate(seedWorkbook());

  it("reports indicators, the score and the station by the report@1 names", () => {
    expect(report.schema).toBe("shuangbai/report@1");
    expect(report.station).toBe("广州市夏港街社工站");
    // the appendix title's range is the evaluation window; the seed workbook names no contract year
    expect(report.window).toEqual({ start: "2023-07-01", end: "2023-11-30" });
    expect(report.period).toBeNull();
    expect(report.asOf).toBe("2023-11-30");
    expect(report.findings.filter((f) => f.code === "pacing-needs-contract")).toHaveLength(1);
    expect(report.indicators).toHaveLength(14);
    expect(Object.keys(report.indicators[0]).sort()).toEqual(
      expect.arrayContaining([
        "sheet",
        "label",
        "area",
        "unit",
        "target",
        "completed",
        "percent",
        "declaredPercent",
        "labelCell",
        "targetCell",
        "completedCell",
        "percentCell",
      ]),
    );
    expect(report.scores[0]).toMatchObject({ total: 93.9, grade: "优秀", mode: "points", totalCell: "C6", gradeCell: "C7" });
    expect(Object.keys(report.scores[0].parties[0]).sort()).toEqual(["cell", "name", "party", "points", "score", "weight"]);
  });

  it("finds nothing to restore and says why nothing is missing", () => {
    expect(report.restorations).toEqual([]);
    expect(report.findings.every((f) => /^[A-Z]+\d+$/.test(f.cell))).toBe(true);
  });

  it("orders findings errors first", () => {
    const order = { error: 0, warning: 1, info: 2 };
    const sev = report.findings.map((f) => order[f.severity]);
    expect([...sev].sort((a, b) => a - b)).toEqual(sev);
  });

  it("adds a findings sheet that links to each cell", () => {
    const add = plan.find((op) => op.kind === "addSheet");
    expect(add).toMatchObject({ kind: "addSheet", sheet: "评估发现" });
    const block = plan.find((op) => op.kind === "cells" && op.sheet === "评估发现") as Extract<PlanOp, { kind: "cells" }>;
    expect(block.cells.length).toBe(report.findings.length + 2);
    expect(block.cells[2][3]?.formula).toMatch(/^=HYPERLINK\("#'.+'!/);
  });

  it("is deterministic", () => {
    expect(evaluate(seedWorkbook())).toEqual(evaluate(seedWorkbook()));
  });

  it("paces indicators against the contract year at the window's end", () => {
    const contract = { start: "2023-07-01", end: "2024-06-30" };
    const r = evaluate(seedWorkbook(), { contract });
    expect(r.report.period).toEqual(contract);
    // 153 of the contract year's 366 days: 47.78 % (个案) is on pace
    const share = 153 / 366;
    expect(r.report.indicators.every((i) => i.percent === null || Math.abs((i.expectedPercent ?? 0) - share) < 1e-12)).toBe(true);
    expect(r.report.findings.filter((f) => f.code === "behind-pace")).toEqual([]);
    expect(r.report.findings.map((f) => f.code)).not.toContain("pacing-needs-contract");
  });

  it("flags only indicators below the expected share", () => {
    // a window ending 2023-09-14 in a contract of 2023-07-01..2023-11-30: 76 of 153 days
    const r = evaluate(seedWorkbook(), { contract: { start: "2023-07-01", end: "2023-11-30" }, window: { start: "2023-07-01", end: "2023-09-14" } });
    const behind = r.report.findings.filter((f) => f.code === "behind-pace").map((f) => f.cell);
    expect(behind).toContain("D5");
    expect(behind).not.toContain("D7");
  });
});

describe("evaluate on odd workbooks", () => {
  it("says so when the workbook holds nothing it knows", () => {
    const r = evaluate({ source: "x.xlsx", sheets: [{ name: "Sheet1", values: [["只有一个标题"]] }] });
    expect(r.report.findings.map((f) => f.code)).toContain("nothing-found");
  });

  it("survives an empty workbook and a sheet without cells", () => {
    expect(() => evaluate({ source: "x.xlsx", sheets: [] })).not.toThrow();
    expect(() => evaluate({ source: "x.xlsx", sheets: [{ name: "S", values: [] }] })).not.toThrow();
  });

  it("handles 200 columns of junk, merged cells everywhere and a 2 MB text cell", () => {
    const junk: CellValue[][] = Array.from({ length: 30 }, (_, r) =>
      Array.from({ length: 200 }, (_, c) => ((r * 7 + c) % 5 === 0 ? `x${c}` : (r + c) % 3 === 0 ? r * c : null)),
    );
    junk[3][5] = "x".repeat(2 * 1024 * 1024);
    const merges = Array.from({ length: 100 }, (_, i) => ({ r1: i % 30, c1: i * 2, r2: i % 30, c2: i * 2 + 1 }));
    const start = Date.now();
    const r = evaluate({ source: "junk.xlsx", sheets: [{ name: "乱", values: junk, merges }] });
    expect(Date.now() - start).toBeLessThan(5000);
    expect(r.report.indicators).toEqual([]);
  });

  it("reads numbers stored as text and error values in inputs", () => {
    const r = evaluate({
      source: "e.xlsx",
      sheets: [
        {
          name: "指标",
          values: [
            ["指标名称", "指标要求", "完成情况", "完成百分比"],
            ["建档", "200", "371", null],
            ["电访", "#REF!", 5, "#DIV/0!"],
          ],
        },
      ],
    });
    expect(r.report.indicators[0].percent).toBeCloseTo(1.855, 12);
    expect(r.report.findings.map((f) => `${f.code}@${f.cell}`)).toContain("cell-error@B3");
  });
});

// ---------------------------------------------------------------------------------------------
// properties over random sheets

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 5000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(
    "指标要求",
    "完成情况",
    "完成百分比",
    "指标",
    "完成",
    "单位",
    "建档",
    "电访",
    "200个",
    "１２",
    "#DIV/0!",
    "购买方",
    "第三方",
    "得分",
    "权重",
    "20%",
    "185.50%",
    "总分",
    "等级",
    "一片区",
    "合计",
    "姓名",
    "身份证号码",
    "服务对象类别",
    "联系电话",
    "低保",
    "",
  ),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
);

const sheetArb: fc.Arbitrary<SheetSnapshot> = fc.record({
  name: fc.constantFrom("表一", "Sheet2", "评分", "台账"),
  values: fc.array(fc.array(cellArb, { maxLength: 10 }), { maxLength: 25 }),
});

function workbookArb(): fc.Arbitrary<WorkbookSnapshot> {
  return fc.uniqueArray(sheetArb, { selector: (s) => s.name, minLength: 1, maxLength: 3 }).map((sheets) => ({ source: "random.xlsx", sheets }));
}

describe("properties", () => {
  it("never throws on random sheets", () => {
    fc.assert(
      fc.property(workbookArb(), (wb) => {
        evaluate(wb);
      }),
      { numRuns: 300 },
    );
  });

  it("writes cell values only to declared output cells and normalised inputs", () => {
    fc.assert(
      fc.property(workbookArb(), (wb) => {
        const { report, plan } = evaluate(wb);
        const added = new Set(plan.filter((op) => op.kind === "addSheet").map((op) => op.sheet));
        const declared = new Set<string>();
        for (const i of report.indicators) {
          if (i.percentCell) declared.add(`${i.sheet}!${i.percentCell}`);
          declared.add(`${i.sheet}!${i.targetCell}`);
          declared.add(`${i.sheet}!${i.completedCell}`);
        }
        for (const s of report.scores) {
          declared.add(`${s.sheet}!${s.totalCell}`);
          declared.add(`${s.sheet}!${s.gradeCell}`);
        }
        for (const op of plan) {
          if (op.kind !== "cells" || added.has(op.sheet)) continue;
          op.cells.forEach((row, r) =>
            row.forEach((cell, c) => {
              if (!cell) return;
              const addr = `${op.sheet}!${String.fromCharCode(65 + op.col + c)}${op.row + r + 1}`;
              if (op.purpose === "percent" || op.purpose === "score-total") {
                // labels and headers the tool adds go only into blank cells
                if (!declared.has(addr)) expect([null, ""]).toContain(wb.sheets.find((s) => s.name === op.sheet)?.values[op.row + r]?.[op.col + c] ?? null);
              } else if (op.purpose === "normalise-input") {
                expect(declared.has(addr)).toBe(true);
              } else if (op.purpose !== "missing-column") {
                throw new Error(`unexpected write ${op.purpose} at ${addr}`);
              }
            }),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
