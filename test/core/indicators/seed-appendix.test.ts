import { assessTables } from "../../../src/core/indicators/assess";
import { detectIndicatorTables } from "../../../src/core/indicators/detect";
import { formatPercent } from "../../../src/core/quantity";
import { SEED_BLOCKS, seedAppendixSheet } from "../../fixtures/seed";

const ctx = { lang: "zh" as const, normaliseUnits: true, liveFormulas: true, expectedShare: null };

describe("the seed report's appendix table", () => {
  const sheet = seedAppendixSheet();
  const tables = detectIndicatorTables(sheet);
  const result = assessTables(tables, sheet, ctx);

  it("finds all 14 blocks in order", () => {
    expect(tables.every((t) => t.layout === "block")).toBe(true);
    expect(result.indicators.map((i) => i.label)).toEqual(SEED_BLOCKS.map((b) => b[0] ?? ""));
  });

  it("computes every printed percentage", () => {
    expect(result.indicators.map((i) => formatPercent(i.percent as number))).toEqual(SEED_BLOCKS.map((b) => b[3]));
    expect(result.indicators[0]).toMatchObject({
      target: 200,
      completed: 371,
      unit: "个",
      targetCell: "B3",
      completedCell: "C3",
      percentCell: "D3",
      labelCell: "A2",
      declaredPercent: 1.855,
    });
  });

  it("writes a live formula with its result into each percent cell", () => {
    const percentWrites = result.writes.filter((w) => w.purpose === "percent");
    expect(percentWrites).toHaveLength(14);
    expect(percentWrites[0]).toMatchObject({ row: 2, col: 3, cell: { formula: '=IFERROR(C3/B3,"")', numberFormat: "0.00%" } });
    expect(percentWrites[0].cell.value).toBeCloseTo(1.855, 12);
  });

  it("normalises unit text into numbers that still show the unit", () => {
    const norm = result.writes.filter((w) => w.purpose === "normalise-input");
    expect(norm).toHaveLength(28);
    expect(norm[0]).toMatchObject({ row: 2, col: 1, cell: { value: 200, numberFormat: '0"个"' } });
    expect(norm.find((w) => w.row === 10 && w.col === 1)?.cell).toEqual({ value: 270, numberFormat: '0"人次"' });
  });

  it("flags the nameless block on its label cell", () => {
    const f = result.findings.filter((x) => x.code === "missing-label");
    expect(f).toHaveLength(1);
    expect(f[0].cell).toBe("A28");
  });

  it("flags 探访 counted in 节 on its target cell", () => {
    const f = result.findings.filter((x) => x.code === "unit-mismatch");
    expect(f.map((x) => x.cell)).toContain("B9");
    expect(f.find((x) => x.cell === "B9")?.message).toContain("节");
  });

  it("does not call a matching typed percentage a mismatch", () => {
    expect(result.findings.filter((x) => x.code === "percent-mismatch")).toEqual([]);
    expect(result.findings.filter((x) => x.code === "percent-typed")).toHaveLength(14);
  });

  it("matches 新增志愿者队伍 to teams, not to new volunteers", () => {
    expect(result.indicators[12].indicator).toBe("volunteer-teams");
    expect(result.indicators[8].indicator).toBe("volunteer-core");
  });
});
