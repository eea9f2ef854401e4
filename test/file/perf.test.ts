/**
 * A coarse performance check on a 100k-row × 21-column sheet. It prints wall and CPU time and
 * memory so a regression shows in the test log; the bounds are loose (a shared 2-core machine
 * must pass), the bench holds the real targets.
 */
import type { Plan } from "../../src/core/types";
import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { bigSheetXlsx, BIG_COLS } from "../fixtures/file/big-sheet";
import { nodeZlibCodec } from "../fixtures/file/node-codec";

const ROWS = 100_000;

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MiB`;
}

function timed<T>(run: () => T): { result: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

describe("100k × 21 sheet", () => {
  it("reads into a snapshot and writes a column back within loose bounds", () => {
    const bytes = bigSheetXlsx(ROWS);

    const read = timed(() => snapshotOf(openXlsx(bytes), "big.xlsx"));
    const sheet = read.result.sheets[0];
    expect(sheet.values).toHaveLength(ROWS);
    expect(sheet.values[ROWS - 1]).toHaveLength(BIG_COLS);
    expect(sheet.values[1][0]).toBe("低保");
    expect(sheet.values[1][1]).toBe("人员2");
    expect(sheet.values[ROWS - 1][20]).toBe(ROWS * 20);
    expect(sheet.formulas?.[ROWS - 1]?.[4]).toBe(`=C${ROWS}*2`);
    expect(sheet.numberFormats?.[5]?.[3]).toBe("0.00%");
    const rss = process.memoryUsage().rss;

    // a new column down every row: the worst case for patching (every row is rebuilt)
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
    const write = timed(() => applyPlan(openXlsx(bytes, { codec: nodeZlibCodec }), plan));
    const zlibRead = timed(() => snapshotOf(openXlsx(write.result, { codec: nodeZlibCodec }), "out"));

    console.log(
      [
        `100k×21 (${mib(bytes.length)} file): open+snapshot ${read.wallMs.toFixed(0)} ms wall / ${read.cpuMs.toFixed(0)} ms CPU (fflate), rss after ${mib(rss)}`,
        `write a 100k-cell column (node:zlib) ${write.wallMs.toFixed(0)} ms wall / ${write.cpuMs.toFixed(0)} ms CPU → ${mib(write.result.length)}`,
        `open+snapshot of the output (node:zlib) ${zlibRead.wallMs.toFixed(0)} ms wall / ${zlibRead.cpuMs.toFixed(0)} ms CPU`,
      ].join("\n"),
    );
    const back = zlibRead.result.sheets[0];
    expect(back.values[ROWS - 1][BIG_COLS]).toBe((ROWS - 2) % 2 ? "是" : "否");
    expect(back.values[ROWS - 1][20]).toBe(ROWS * 20);
    expect(read.cpuMs).toBeLessThan(20_000);
    expect(write.cpuMs).toBeLessThan(30_000);
    // generous: the suite may share two cores with other jobs
  }, 240_000);
});
