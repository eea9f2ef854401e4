/** The recording fake must catch the mistakes office-addin-mock lets through. */
import { FakeExcel } from "../support/fake-excel";

type Run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
const runner = (fx: FakeExcel): Run => fx.run as unknown as Run;

describe("recording Excel fake", () => {
  it("throws on a property read before load + sync, and on isNullObject before sync", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    fx.setCell("表", "A1", { v: 1 });
    await runner(fx)(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("表").getRange("A1");
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      r.load("values");
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
      expect(() => r.formulas).toThrow(/PropertyNotLoaded/);
      const used = ctx.workbook.worksheets.getItem("表").getUsedRangeOrNullObject();
      expect(() => used.isNullObject).toThrow(/PropertyNotLoaded/);
    });
  });

  it("queues writes until sync, counts syncs and measures each request and response", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    await runner(fx)(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("表").getRange("A1:B1");
      r.values = [["甲", 2]];
      expect(fx.cell("表", "A1")).toBeUndefined();
      await ctx.sync();
      expect(fx.cell("表", "A1")).toEqual({ v: "甲" });
      r.load("values");
      await ctx.sync();
    });
    expect(fx.syncs).toBe(2);
    expect(fx.requests[0].requestBytes).toBeGreaterThan(Buffer.byteLength('[["甲",2]]'));
    expect(fx.requests[1].responseBytes).toBe(Buffer.byteLength(JSON.stringify([{ values: [["甲", 2]] }])));
  });

  it("keeps the operations before a failing one, like Excel, and denies writes to protected sheets", async () => {
    const fx = new FakeExcel();
    fx.addSheet("开放");
    fx.addSheet("锁定", { protected: true });
    const err = await runner(fx)(async (ctx) => {
      ctx.workbook.worksheets.getItem("开放").getRange("A1").values = [[1]];
      ctx.workbook.worksheets.getItem("锁定").getRange("A1").values = [[2]];
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "AccessDenied" });
    expect(fx.cell("开放", "A1")).toEqual({ v: 1 });
    expect(fx.cell("锁定", "A1")).toBeUndefined();
  });

  it("refuses what its ExcelApi version lacks, and sizes above its limits", async () => {
    const fx = new FakeExcel({ apiVersion: "1.7", maxRequestBytes: 100 });
    fx.addSheet("表");
    await runner(fx)(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("表").getRange("A1");
      expect(() => r.dataValidation).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => r.getMergedAreasOrNullObject()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      r.values = [["x".repeat(200)]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(fx.cell("表", "A1")).toBeUndefined();
  });

  it("parses typed text as Excel does, and keeps text in text-formatted cells", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    fx.setCell("表", "B2", { nf: "@" });
    await runner(fx)(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      ws.getRange("A1:E1").values = [["001", "=B1", "TRUE", "2024-01-02", "'001"]];
      ws.getRange("B2").formulas = [["=A1"]];
      await ctx.sync();
    });
    expect(fx.cell("表", "A1")).toEqual({ v: 1 });
    expect(fx.cell("表", "B1")).toEqual({ f: "=B1" });
    expect(fx.cell("表", "C1")).toEqual({ v: true });
    expect(fx.cell("表", "D1")).toEqual({ v: 45293 });
    expect(fx.cell("表", "E1")).toEqual({ v: "001" });
    expect(fx.cell("表", "B2")).toEqual({ v: "=A1", nf: "@" });
  });
});

describe("undo groups", () => {
  it("a merged undo group fails on APIs without undo support, which is why the host never asks for one", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    const grouped = fx.run as unknown as <T>(o: Excel.RunOptions, b: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
    const err = await grouped({ mergeUndoGroup: true }, async (ctx) => {
      ctx.workbook.worksheets.add("新").visibility = "VeryHidden";
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UndoNotSupported" });
  });
});
