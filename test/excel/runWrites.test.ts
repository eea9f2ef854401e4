/**
 * Column runs written in one assignment (src/excel/runWrites.ts), and the fallback to 2-D blocks
 * when Excel refuses one, remembered for the rest of the pane's session.
 */
import type { ColumnRunOp, Plan } from "../../src/core/types";
import { evaluate } from "../../src/core/evaluate";
import { r1c1ToA1 } from "../../src/core/runs";
import { columnLetters } from "../../src/core/a1";
import { createExcelHost } from "../../src/excel";
import type { RunWriteSession } from "../../src/excel/runWrites";
import { FakeExcel, type FakeOptions, fakeHostOptions } from "../support/fake-excel";
import { makeSeedSnapshot } from "../support/generate-roster";

const ROWS = 300;
const OPTIONS = { asOf: "2023-11-30", conditionalFormats: true, markCells: true, findingsSheet: true };

function freshSession(): RunWriteSession {
  return { scalarRejected: false, autoFillRejected: false };
}

async function oneClick(options: FakeOptions, session: RunWriteSession) {
  const fx = FakeExcel.fromSnapshot(makeSeedSnapshot(ROWS, 7), options);
  const before = fx.dump();
  const host = createExcelHost({ ...fakeHostOptions(fx), runWrites: session });
  const { plan } = evaluate(await host.readSnapshot(), OPTIONS);
  fx.resetCounters();
  await host.applyPlan(plan);
  return { fx, host, plan, before };
}

function runsOf(plan: Plan): ColumnRunOp[] {
  return plan.filter((op): op is ColumnRunOp => op.kind === "columnRun");
}

/** the restored view's cells, checked against what each run means, independently of the host */
function expectRunsWritten(fx: FakeExcel, plan: Plan): void {
  const runs = runsOf(plan);
  expect(runs.some((r) => r.formulaR1C1 !== undefined)).toBe(true);
  expect(runs.some((r) => r.values.kind === "serial")).toBe(true);
  for (const op of runs) {
    for (const row of [op.r1, op.r1 + 1, Math.floor((op.r1 + op.r2) / 2), op.r2]) {
      const cell = fx.cell(op.sheet, `${columnLetters(op.col)}${row + 1}`);
      if (op.formulaR1C1 !== undefined) expect(cell?.f).toBe(r1c1ToA1(op.formulaR1C1, row, op.col));
      else if (op.values.kind === "serial") expect(cell?.v).toBe(op.values.start + row - op.r1);
      if (op.numberFormat !== undefined) expect(cell?.nf).toBeDefined();
    }
  }
}

describe("column runs in one assignment", () => {
  it("a formula run is one scalar formulasR1C1, a serial run two numbers and an autoFill: a few hundred bytes each", async () => {
    const session = freshSession();
    const { fx, plan } = await oneClick({}, session);
    expectRunsWritten(fx, plan);
    expect(fx.requests.every((r) => r.ok)).toBe(true);
    for (const op of runsOf(plan)) {
      const address = `${columnLetters(op.col)}${op.r1 + 1}:${columnLetters(op.col)}${op.r2 + 1}`;
      const here = fx.rangeWrites.filter((w) => w.sheet === op.sheet && w.address === address);
      if (op.formulaR1C1 !== undefined) expect(here).toContainEqual({ prop: "formulasR1C1", sheet: op.sheet, address, scalar: true });
      else expect(here.map((w) => w.prop)).toEqual(["autoFill:FillSeries"]);
    }
    // 21 runs of 300 rows: per-cell formulas would be ~450 KB; the whole apply stays far below
    const written = fx.requests.reduce((n, r) => n + r.requestBytes, 0);
    expect(written).toBeLessThan(120_000);
    expect(session).toEqual({ scalarRejected: false, autoFillRejected: false });
  });

  it("an Excel that refuses scalars gets 2-D blocks in the same run, and the pane remembers it", async () => {
    const reference = await oneClick({}, freshSession());
    const session = freshSession();
    const first = await oneClick({ rejectScalarRangeWrites: true }, session);
    expect(first.fx.requests.filter((r) => !r.ok).map((r) => r.error)).toEqual(["InvalidArgument"]);
    expect(session.scalarRejected).toBe(true);
    expect(first.fx.dump()).toEqual(reference.fx.dump());
    expectRunsWritten(first.fx, first.plan);
    // the next run in the same pane writes blocks from the start: nothing refused
    const second = await oneClick({ rejectScalarRangeWrites: true }, session);
    expect(second.fx.requests.every((r) => r.ok)).toBe(true);
    expect(second.fx.dump()).toEqual(reference.fx.dump());
  });

  it("an Excel that refuses autoFill gets the serial numbers as values; below ExcelApi 1.9 autoFill is not tried", async () => {
    const reference = await oneClick({}, freshSession());
    const session = freshSession();
    const refused = await oneClick({ rejectAutoFill: true }, session);
    expect(refused.fx.requests.filter((r) => !r.ok)).toHaveLength(1);
    expect(session).toEqual({ scalarRejected: false, autoFillRejected: true });
    expect(refused.fx.dump()).toEqual(reference.fx.dump());
    const old = await oneClick({ apiVersion: "1.8" }, freshSession());
    expect(old.fx.requests.every((r) => r.ok)).toBe(true);
    expectRunsWritten(old.fx, old.plan);
  });

  it("a run whose batch fell back is undone exactly", async () => {
    const { fx, host, before } = await oneClick({ rejectScalarRangeWrites: true, rejectAutoFill: true }, freshSession());
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
    expect(fx.customXmlParts).toHaveLength(0);
  });

  it("blank cells planned on a sheet the run creates are not sent; on the user's sheets they are", async () => {
    const fx = new FakeExcel();
    fx.addSheet("名册");
    fx.setCell("名册", "B3", { v: "旧值" });
    const blank = Array.from({ length: 200 }, () => [{ value: null }]);
    const plan: Plan = [
      { kind: "addSheet", sheet: "视图" },
      { kind: "cells", sheet: "视图", row: 2, col: 1, cells: [[{ value: "表头" }], ...blank], purpose: "restore" },
      { kind: "cells", sheet: "名册", row: 2, col: 1, cells: [[{ value: null }]], purpose: "restore" },
    ];
    await createExcelHost({ ...fakeHostOptions(fx), runWrites: freshSession() }).applyPlan(plan);
    expect(fx.rangeWrites.filter((w) => w.sheet === "视图")).toEqual([{ prop: "values", sheet: "视图", address: "B3", scalar: false }]);
    expect(fx.cell("视图", "B3")).toEqual({ v: "表头" });
    // a blank planned over the user's own cell is a real write (and undo keeps the old value)
    expect(fx.cell("名册", "B3")?.v).toBeUndefined();
  });
});
