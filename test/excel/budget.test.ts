/**
 * The sync and size budgets of issues 11 and 13: one-click on a 10,000-row roster in ≤ 6 syncs,
 * on 100,000 rows in ≤ 26, no request above 1 MB, and at 100,000 rows ≤ 1 MB of request in the
 * whole apply phase; the number of syncs follows the bytes moved, not rows, cells or sheets.
 */
import type { Plan, PlanCell } from "../../src/core/types";
import { evaluate } from "../../src/core/evaluate";
import { createExcelHost } from "../../src/excel";
import { FakeExcel, fakeHostOptions, runOneClickOnFake } from "../support/fake-excel";
import { makeSeedSnapshot } from "../support/generate-roster";

const FOUR_MB = 4_000_000;
const WEB_CAP = 5_000_000;

/** a restored copy of an n-row, 21-column roster as live formulas, plus percent cells */
function restorePlan(rows: number, cols = 21, source = "服务对象台账"): Plan {
  const cells: (PlanCell | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: PlanCell[] = [{ value: r + 1 }];
    for (let c = 1; c < cols; c++) {
      const ref = `'${source}'!${String.fromCharCode(65 + c)}${r + 3}`;
      line.push({ value: null, formula: `=IF(${ref}="","",${ref})`, ...(c === 3 ? { numberFormat: "@" } : {}) });
    }
    cells.push(line);
  }
  const percents: (PlanCell | null)[][] = Array.from({ length: 14 }, (_, i) => [
    { value: 0.5, formula: `=IFERROR(C${2 * i + 3}/B${2 * i + 3},"")`, numberFormat: "0.00%" },
  ]);
  return [
    { kind: "cells", sheet: "指标完成情况", row: 2, col: 3, cells: percents, purpose: "percent" },
    { kind: "addSheet", sheet: "服务对象家庭信息汇总表（省“双百工程”套表）" },
    { kind: "cells", sheet: "服务对象家庭信息汇总表（省“双百工程”套表）", row: 2, col: 0, cells, purpose: "restore" },
    { kind: "freeze", sheet: "服务对象家庭信息汇总表（省“双百工程”套表）", rows: 2, cols: 0 },
  ];
}

/** a plain n × 21 roster, built directly (faster than the generator for 100k rows) */
function plainRoster(rows: number, options: ConstructorParameters<typeof FakeExcel>[0] = {}, cols = 21): FakeExcel {
  const fx = new FakeExcel(options);
  fx.addSheet("指标完成情况");
  for (let r = 0; r < 30; r++) fx.setCell("指标完成情况", `B${r + 1}`, { v: r });
  const s = fx.addSheet("服务对象台账");
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      s.cells.set(
        `${r + 2},${c}`,
        c === 0 ? { v: r + 1 } : c === 3 ? { v: `44010319${String(r).padStart(10, "0")}`, nf: "@" } : { v: `第${c}列数据${r % 97}` },
      );
    }
  }
  return fx;
}

describe("sync and size budget", () => {
  it("one-click (read, core evaluate, apply) on a 10,000-row roster: ≤ 6 syncs, every request ≤ 1 MB", async () => {
    // with Excel on the web's 5 MB caps switched on: nothing may be refused on the way
    const m = await runOneClickOnFake(10_000, { maxRequestBytes: WEB_CAP, maxResponseBytes: WEB_CAP });
    expect(m.refused).toBe(0);
    // the reads take 4 (sheet list; used ranges with each sheet's first rows; the rest of the
    // roster's 8.4 MB in two full responses), the apply 2 (what it overwrites; the writes)
    expect(m.syncs).toBeLessThanOrEqual(6);
    expect(m.maxRequestBytes).toBeLessThanOrEqual(1_000_000);
    expect(m.maxResponseBytes).toBeLessThanOrEqual(WEB_CAP);
    expect(m.applySyncs).toBeLessThanOrEqual(2);
  });

  it("one-click on a 100,000-row roster: ≤ 26 syncs, every request ≤ 1 MB, ≤ 1 MB of request in the whole apply", async () => {
    const m = await runOneClickOnFake(100_000, { maxRequestBytes: WEB_CAP, maxResponseBytes: WEB_CAP });
    expect(m.refused).toBe(0);
    expect(m.syncs).toBeLessThanOrEqual(26);
    expect(m.maxRequestBytes).toBeLessThanOrEqual(1_000_000);
    expect(m.maxResponseBytes).toBeLessThanOrEqual(WEB_CAP);
    expect(m.applyRequestBytes).toBeLessThanOrEqual(1_000_000);
  }, 240_000);

  it("a re-run on 10,000 rows (the restored copy is read back) stays under the size caps, replacing, not stacking", async () => {
    const fx = FakeExcel.fromSnapshot(makeSeedSnapshot(10_000, 5), { maxResponseBytes: WEB_CAP, maxRequestBytes: WEB_CAP });
    const host = createExcelHost(fakeHostOptions(fx));
    const options = { asOf: "2023-11-30", conditionalFormats: true, markCells: true, findingsSheet: true };
    await host.applyPlan(evaluate(await host.readSnapshot(), options).plan);
    const sheetsAfterOne = fx.sheets.map((s) => s.name);
    fx.resetCounters();
    await host.applyPlan(evaluate(await host.readSnapshot(), options).plan);
    expect(fx.sheets.map((s) => s.name)).toEqual(sheetsAfterOne);
    // the formula-heavy restored sheet is probed before it is packed: no refused request
    expect(fx.requests.every((r) => r.ok)).toBe(true);
    expect(fx.maxRequestBytes).toBeLessThanOrEqual(FOUR_MB);
    expect(fx.maxResponseBytes).toBeLessThanOrEqual(WEB_CAP);
  });

  it("a hand-made restore of 10,000 × 21 formulas plus percent cells: ≤ 10 syncs with the read, ≤ 4 MB each", async () => {
    const fx = FakeExcel.fromSnapshot(makeSeedSnapshot(10_000, 3));
    const host = createExcelHost(fakeHostOptions(fx));
    await host.readSnapshot();
    await host.applyPlan(restorePlan(10_000));
    expect(fx.syncs).toBeLessThanOrEqual(10);
    expect(fx.maxRequestBytes).toBeLessThanOrEqual(FOUR_MB);
    expect(fx.cell("服务对象家庭信息汇总表（省“双百工程”套表）", "U10002")).toEqual({ f: `=IF('服务对象台账'!U10002="","",'服务对象台账'!U10002)` });
  });

  it("syncs do not grow with the number of sheets or rows while the bytes fit", async () => {
    const syncsFor = async (sheets: number, rows: number) => {
      const fx = new FakeExcel();
      for (let s = 0; s < sheets; s++) {
        fx.addSheet(`表${s}`);
        for (let r = 0; r < rows; r++) fx.setCell(`表${s}`, `A${r + 1}`, { v: r });
      }
      const host = createExcelHost(fakeHostOptions(fx));
      await host.readSnapshot();
      const read = fx.syncs;
      const plan: Plan = Array.from({ length: sheets }, (_, s) => ({
        kind: "cells" as const,
        sheet: `表${s}`,
        row: 0,
        col: 1,
        cells: Array.from({ length: rows }, (_, r) => [{ value: r * 2 }]),
        purpose: "findings" as const,
      }));
      await host.applyPlan(plan);
      return [read, fx.syncs - read];
    };
    expect(await syncsFor(1, 10)).toEqual([3, 2]);
    expect(await syncsFor(40, 10)).toEqual([3, 2]);
    expect(await syncsFor(40, 500)).toEqual([3, 2]);
  });

  it("100,000 rows: every request stays ≤ 4 MB and responses under Excel's cap; syncs follow bytes", async () => {
    // 8 columns keep the test quick; rows are what must not multiply requests
    const fx = plainRoster(100_000, {}, 8);
    const host = createExcelHost(fakeHostOptions(fx));
    const snap = await host.readSnapshot();
    expect(snap.sheets[1].values).toHaveLength(100_002);
    const readBytes = fx.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(fx.syncs).toBeLessThanOrEqual(2 + Math.ceil(readBytes / 4_000_000) + 1);
    expect(fx.maxResponseBytes).toBeLessThanOrEqual(WEB_CAP);
    fx.resetCounters();
    await host.applyPlan(restorePlan(100_000, 8));
    const written = fx.requests.reduce((n, r) => n + r.requestBytes, 0);
    expect(fx.maxRequestBytes).toBeLessThanOrEqual(FOUR_MB);
    expect(fx.syncs).toBeLessThanOrEqual(1 + Math.ceil(written / 3_800_000));
  }, 120_000);
});

describe("payload refusals", () => {
  it("halves and retries when Excel refuses a request size, ending with the same workbook", async () => {
    const plan = restorePlan(3_000);
    const free = plainRoster(3_000);
    await createExcelHost(fakeHostOptions(free)).applyPlan(plan);
    const tight = plainRoster(3_000, { maxRequestBytes: 300_000 });
    await createExcelHost(fakeHostOptions(tight)).applyPlan(plan);
    expect(tight.requests.some((r) => r.error === "RequestPayloadSizeLimitExceeded")).toBe(true);
    expect(Math.max(...tight.requests.filter((r) => r.ok).map((r) => r.requestBytes))).toBeLessThanOrEqual(300_000);
    expect(tight.dump()).toEqual(free.dump());
  });

  it("halves and retries when Excel refuses a response size", async () => {
    const free = await createExcelHost(fakeHostOptions(plainRoster(5_000))).readSnapshot();
    const tight = plainRoster(5_000, { maxResponseBytes: 400_000 });
    const snap = await createExcelHost(fakeHostOptions(tight)).readSnapshot();
    expect(tight.requests.some((r) => r.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(snap).toEqual(free);
  });

  it("splits a block when Excel says the range is too large, by error or by a null result", async () => {
    const free = await createExcelHost(fakeHostOptions(plainRoster(2_000))).readSnapshot();
    const byError = plainRoster(2_000, { maxReadCells: 10_000 });
    expect(await createExcelHost(fakeHostOptions(byError)).readSnapshot()).toEqual(free);
    expect(byError.requests.some((r) => r.error === "RangeExceedsLimit")).toBe(true);
    const byNull = plainRoster(2_000, { maxReadCells: 10_000, nullValuesAboveLimit: true });
    expect(await createExcelHost(fakeHostOptions(byNull)).readSnapshot()).toEqual(free);
  });

  it("gives up with a plain message when a single row is too big", async () => {
    const fx = plainRoster(10, { maxResponseBytes: 50 });
    await expect(createExcelHost(fakeHostOptions(fx)).readSnapshot()).rejects.toMatchObject({ code: "payload-too-large" });
  });
});
