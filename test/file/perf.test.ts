/**
 * A coarse performance check on a 100k-row × 21-column sheet. It prints time and memory so a
 * regression is visible in the test log; the bounds are loose (a slow shared CI machine must
 * pass), the bench holds the real targets.
 */
import type { Plan } from "../../src/core/types";
import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { bigSheetXlsx, BIG_COLS } from "../fixtures/file/big-sheet";

const ROWS = 100_000;

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MiB`;
}

describe("100k × 21 sheet", () => {
  it("reads into a snapshot and writes a column back within loose bounds", () => {
    const bytes = bigSheetXlsx(ROWS);
    const heapBefore = process.memoryUsage().heapUsed;

    let t = performance.now();
    const pkg = openXlsx(bytes);
    const snap = snapshotOf(pkg, "big.xlsx");
    const readMs = performance.now() - t;
    const heapAfterRead = process.memoryUsage().heapUsed;

    const sheet = snap.sheets[0];
    expect(sheet.values).toHaveLength(ROWS);
    expect(sheet.values[ROWS - 1]).toHaveLength(BIG_COLS);
    expect(sheet.values[1][0]).toBe("低保");
    expect(sheet.values[1][1]).toBe("人员2");
    expect(sheet.values[ROWS - 1][20]).toBe(ROWS * 20);
    expect(sheet.formulas?.[ROWS - 1]?.[4]).toBe(`=C${ROWS}*2`);
    expect(sheet.numberFormats?.[5]?.[3]).toBe("0.00%");

    const plan: Plan = [
      {
        kind: "cells",
        sheet: "花名册",
        row: 1,
        col: BIG_COLS,
        purpose: "missing-column",
        cells: Array.from({ length: ROWS - 1 }, (_, i) => [{ value: i % 2 ? "是" : "否" }]),
      },
      { kind: "fill", sheet: "花名册", ranges: [{ r1: 0, c1: 0, r2: 0, c2: BIG_COLS }], role: "header" },
    ];
    t = performance.now();
    const out = applyPlan(pkg, plan);
    const writeMs = performance.now() - t;

    // eslint-disable-next-line no-console
    console.log(
      `100k×21: file ${mib(bytes.length)}, open+snapshot ${readMs.toFixed(0)} ms (heap +${mib(heapAfterRead - heapBefore)}), ` +
        `write a 100k-cell column ${writeMs.toFixed(0)} ms → ${mib(out.length)}, rss ${mib(process.memoryUsage().rss)}`,
    );
    const back = snapshotOf(openXlsx(out), "out").sheets[0];
    expect(back.values[ROWS - 1][BIG_COLS]).toBe((ROWS - 2) % 2 ? "是" : "否");
    expect(back.values[ROWS - 1][20]).toBe(ROWS * 20);
    expect(readMs).toBeLessThan(20_000);
    expect(writeMs).toBeLessThan(30_000);
  });
});
