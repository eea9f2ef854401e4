import { createExcelHost } from "../../src/excel";
import { HostError } from "../../src/taskpane/host";
import { CHUNK_NS, HEADER_NS, PART_CHARS } from "../../src/excel/undoStore";
import { FakeExcel, fakeHostOptions } from "../support/fake-excel";
import { IND, RESTORED, ROSTER, smallPlan, smallWorkbook, visibleDump } from "./plans";

describe("undo of the last run", () => {
  it("restores the workbook exactly: values, formulas, formats, fills, widths, conditional formats; added sheets and the undo sheet go", async () => {
    const fx = smallWorkbook();
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    expect(await host.canUndo()).toBe(false);
    await host.applyPlan(smallPlan());
    expect(fx.dump()).not.toEqual(before);
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
    // runs create, hide and delete sheets: an Excel undo group would refuse them
    expect(fx.runOptions).toContainEqual({ delayForCellEdit: true });
    expect(fx.runOptions.some((o) => (o as Excel.RunOptions).mergeUndoGroup)).toBe(false);
    expect(await host.canUndo()).toBe(false);
    await expect(host.undoLastRun()).rejects.toMatchObject({ code: "nothing-to-undo" });
  });

  it("restores freeze panes, merges and bold on existing sheets", async () => {
    const fx = smallWorkbook();
    fx.sheet(ROSTER).freeze = { rows: 1, cols: 1 };
    fx.setCell(ROSTER, "A1", { v: "姓名", bold: true });
    fx.sheet(ROSTER).merges.push({ r1: 6, c1: 0, r2: 6, c2: 1 });
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan([
      { kind: "freeze", sheet: ROSTER, rows: 1, cols: 0 },
      { kind: "merge", sheet: ROSTER, range: { r1: 6, c1: 0, r2: 6, c2: 2 } },
      { kind: "fill", sheet: ROSTER, ranges: [{ r1: 0, c1: 0, r2: 0, c2: 2 }], role: "header-missing" },
    ]);
    expect(fx.sheet(ROSTER).freeze).toEqual({ rows: 1, cols: 0 });
    expect(fx.sheet(ROSTER).merges).toEqual([{ r1: 6, c1: 0, r2: 6, c2: 2 }]);
    expect(fx.cell(ROSTER, "B1")).toMatchObject({ fill: "#F4B084", bold: true });
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("re-running replaces the previous run's outputs: twice = once, no duplicate sheets; undo then goes back to before the first run", async () => {
    const fx = smallWorkbook();
    const original = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    const once = visibleDump(fx);
    await host.applyPlan(smallPlan());
    expect(visibleDump(fx)).toEqual(once);
    expect(fx.sheets.filter((s) => s.name === RESTORED)).toHaveLength(1);
    // one record (stacking the first run's inside it); the first run's parts are gone
    expect(fx.customXmlParts.filter((p) => p.ns === HEADER_NS)).toHaveLength(1);
    expect(new Set(fx.customXmlParts.map((p) => /run="([^"]+)"/.exec(p.xml)?.[1])).size).toBe(1);
    expect(fx.sheet(IND).conditionalFormats).toHaveLength(2);
    await host.undoLastRun();
    expect(fx.dump()).toEqual(original);
  });

  it("a reused output sheet is refilled exactly on undo", async () => {
    const fx = smallWorkbook();
    fx.addSheet(RESTORED);
    fx.setCell(RESTORED, "B2", { v: "手工", nf: "@" });
    fx.setCell(RESTORED, "C4", { v: 3, f: "=1+2" });
    fx.setCell(RESTORED, "D5", { v: "0012", nf: "@" });
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    expect(fx.cell(RESTORED, "B2")).toMatchObject({ v: "姓名" });
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("keeps text that Excel would reinterpret exactly through a run and its undo", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    const tricky = ["001", "=A1 不是公式", "TRUE", "2024-01-02", "'引号", "-5", "#N/A", "1,234", "50%"];
    tricky.forEach((v, i) => fx.setCell("表", `A${i + 1}`, { v }));
    fx.setCell("表", "B1", { v: "00123", nf: "@" });
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan([{ kind: "cells", sheet: "表", row: 0, col: 0, cells: tricky.map(() => [{ value: 1 }, { value: 2 }]), purpose: "findings" }]);
    expect(fx.cell("表", "A1")).toEqual({ v: 1 });
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("undo refuses a protected sheet and writes nothing", async () => {
    const fx = smallWorkbook();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    fx.sheet(IND).protected = true;
    const after = fx.dump();
    const err = await host.undoLastRun().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: "sheet-protected", detail: IND });
    expect(fx.dump()).toEqual(after);
  });

  it("a large undo record is split into custom XML parts of at most 150,000 characters, each under 1 MB", async () => {
    const fx = new FakeExcel();
    fx.addSheet("大表");
    for (let r = 0; r < 12_000; r++) fx.setCell("大表", `A${r + 1}`, { v: `第${r}行的一段较长的说明文字，用来撑大撤销记录` });
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan([
      { kind: "cells", sheet: "大表", row: 0, col: 0, cells: Array.from({ length: 12_000 }, () => [{ value: "新" }]), purpose: "findings" },
    ]);
    const chunks = fx.customXmlParts.filter((p) => p.ns === CHUNK_NS);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((p) => p.xml.length))).toBeLessThan(PART_CHARS * 1.1);
    expect(Math.max(...chunks.map((p) => Buffer.byteLength(p.xml, "utf8")))).toBeLessThan(1_000_000);
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
    expect(fx.customXmlParts).toEqual([]);
  });
});

describe("undo on a workbook whose structure got protected", () => {
  it("refuses before writing anything: it could not delete the sheets", async () => {
    const fx = smallWorkbook();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    fx.structureProtected = true;
    const after = fx.dump();
    await expect(host.undoLastRun()).rejects.toMatchObject({ code: "sheet-protected", detail: "工作簿" });
    expect(fx.dump()).toEqual(after);
  });
});
