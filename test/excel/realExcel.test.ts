/**
 * Issue 11: behaviours of real Excel that a simple fake would miss, each modelled in the recording
 * fake (with its source there) and driven here through the host.
 */
import { evaluate } from "../../src/core/evaluate";
import type { Finding, FindingCode, Plan } from "../../src/core/types";
import { HOST_FINDING_CODES, findingMessage } from "../../src/core/findings";
import { createExcelHost } from "../../src/excel";
import { fileNameOf } from "../../src/excel/excelHost";
import { relativeAxes } from "../../src/excel/structures";
import type { Progress } from "../../src/taskpane/host";
import { FakeExcel, fakeHostOptions } from "../support/fake-excel";
import { COL, ROSTER_SHEET, makeSeedSnapshot } from "../support/generate-roster";
import { IND, RESTORED, ROSTER, smallPlan, smallWorkbook } from "./plans";

const OPTIONS = { asOf: "2023-11-30", conditionalFormats: true, markCells: true, findingsSheet: true };

/** a seed workbook whose roster merges one column per household of two rows: 600 merged areas */
function mergedRoster(apiVersion: string): FakeExcel {
  const fx = FakeExcel.fromSnapshot(makeSeedSnapshot(1_210, 11), { apiVersion });
  const roster = fx.sheet(ROSTER_SHEET);
  const col = COL["家庭情况"];
  for (let k = 0; k < 600; k++) roster.merges.push({ r1: 2 + 2 * k, c1: col, r2: 3 + 2 * k, c2: col });
  return fx;
}

describe("merged areas beyond 512 (getMergedAreasOrNullObject's limit)", () => {
  it("the fake fails a probe over more than 512 merged areas, as Excel does", async () => {
    const fx = mergedRoster("1.17");
    const err = await fx
      .run(async (ctx: never) => {
        const c = ctx as unknown as Excel.RequestContext;
        const areas = c.workbook.worksheets.getItem(ROSTER_SHEET).getRange("A1:Z1300").getMergedAreasOrNullObject();
        areas.load("address");
        await c.sync();
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "GeneralException" });
  });

  it.each(["1.7", "1.17"])("a 600-merged-area roster reads, scores and writes at ExcelApi %s", async (api) => {
    const fx = mergedRoster(api);
    const notices: string[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    const snap = await host.readSnapshot((p) => p.notice && notices.push(p.notice));
    const roster = snap.sheets.find((s) => s.name === ROSTER_SHEET);
    if (api === "1.7") expect(roster?.merges).toBeUndefined();
    else {
      // every merge found once, none lost, nothing refused: bands of 200 rows stay under 512
      expect(roster?.merges).toHaveLength(601);
      expect(fx.requests.every((r) => r.ok)).toBe(true);
    }
    expect(notices).toEqual([]);
    const { report, plan } = evaluate(snap, OPTIONS);
    expect(report.restorations.length).toBeGreaterThan(0);
    await host.applyPlan(plan);
    expect(fx.findSheet(report.restorations[0].outputSheet)).toBeDefined();
  });

  it("a band that still holds more than 512 merges is read without them, with a notice; the rest is read", async () => {
    const fx = new FakeExcel({ apiVersion: "1.17" });
    const s = fx.addSheet("密集合并");
    for (let r = 0; r < 400; r++) fx.setCell("密集合并", `A${r + 1}`, { v: r });
    // 600 merges of two cells side by side in rows 301–302: no band can hold fewer than 512
    for (let k = 0; k < 600; k++) s.merges.push({ r1: 300, c1: 1 + 2 * k, r2: 300, c2: 2 + 2 * k });
    s.merges.push({ r1: 10, c1: 0, r2: 11, c2: 0 });
    fx.setCell("密集合并", "AUZ301", { v: "右端" });
    const notices: string[] = [];
    const snap = await createExcelHost(fakeHostOptions(fx)).readSnapshot((p) => p.notice && notices.push(p.notice));
    expect(snap.sheets[0].merges).toEqual([{ r1: 10, c1: 0, r2: 11, c2: 0 }]);
    expect(snap.sheets[0].values[399]?.[0]).toBe(399);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^工作表“密集合并”第 \d+–\d+ 行的合并单元格太多/);
  });
});

describe("errors Excel really raises", () => {
  it("a grid write refused with GeneralException goes once more, smaller, and ends as if nothing failed", async () => {
    const build = (opts = {}) => {
      const fx = new FakeExcel(opts);
      fx.addSheet("表");
      return fx;
    };
    const plan: Plan = [
      {
        kind: "cells",
        sheet: "表",
        row: 0,
        col: 0,
        cells: Array.from({ length: 3_000 }, (_, r) => [{ value: `第${r}行` }, { value: r }]),
        purpose: "findings",
      },
    ];
    const free = build();
    await createExcelHost(fakeHostOptions(free)).applyPlan(plan);
    const tight = build({ generalExceptionAboveBytes: 150_000 });
    await createExcelHost(fakeHostOptions(tight)).applyPlan(plan);
    expect(tight.requests.some((r) => r.error === "GeneralException")).toBe(true);
    expect(tight.dump()).toEqual(free.dump());
  });

  it("a batch that adds a sheet is never sent twice: GeneralException ends the run with the undo record usable", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    fx.setCell("表", "A1", { v: "原值" });
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    fx.failAt = { at: 2, code: "GeneralException" };
    const err = await host
      .applyPlan([
        { kind: "addSheet", sheet: "新表" },
        { kind: "cells", sheet: "新表", row: 0, col: 0, cells: [[{ value: 1 }]], purpose: "findings" },
        { kind: "cells", sheet: "表", row: 0, col: 0, cells: [[{ value: "新值" }]], purpose: "findings" },
      ])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unknown" });
    expect(fx.requests.filter((r) => r.error === "GeneralException")).toHaveLength(1);
    if (await host.canUndo()) await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("a sync that never answers ends the run with a plain message after the timeout", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    fx.hangNextSync = true;
    const host = createExcelHost({ ...fakeHostOptions(fx), syncTimeoutMs: 50 });
    const err = await host.readSnapshot().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "timeout" });
    expect((err as Error).message).toMatch(/^Excel 在 0 秒内没有响应，本次运行已停止/);
  });
});

describe("cell-edit mode", () => {
  it("with delayForCellEdit the batch waits; after ~2 s the pane is told, and again when it goes on", async () => {
    jest.useFakeTimers();
    try {
      const fx = new FakeExcel();
      fx.addSheet("表");
      fx.setCell("表", "A1", { v: 1 });
      fx.cellEditing = true;
      const seen: Progress[] = [];
      const host = createExcelHost(fakeHostOptions(fx));
      const read = host.readSnapshot((p) => seen.push(p));
      await jest.advanceTimersByTimeAsync(2_100);
      expect(seen.filter((p) => p.waiting === "cell-edit")).toHaveLength(1);
      fx.endCellEdit();
      await jest.advanceTimersByTimeAsync(10);
      const snap = await read;
      expect(snap.sheets[0].values).toEqual([[1]]);
      expect(seen.some((p) => p.waiting === null)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it("a host without the capability fails at once with the existing message", async () => {
    const fx = new FakeExcel({ apiVersion: "1.9" });
    fx.addSheet("表");
    fx.cellEditing = true;
    const seen: Progress[] = [];
    const err = await createExcelHost(fakeHostOptions(fx))
      .readSnapshot((p) => seen.push(p))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "cell-edit-mode", message: "请先按 Enter 或 Esc 结束单元格编辑，再点一键评分" });
    expect(seen.some((p) => p.waiting)).toBe(false);
  });
});

describe("small real-world breakages", () => {
  it("a local path holding % is a file name, not a failed decodeURIComponent", () => {
    expect(fileNameOf("C:\\评估\\100%完成.xlsx")).toBe("100%完成.xlsx");
    expect(fileNameOf("https://contoso.sharepoint.com/Shared%20Documents/%E8%AF%84%E4%BC%B0.xlsx")).toBe("评估.xlsx");
    expect(fileNameOf("")).toBe("当前工作簿");
  });

  it("the host reads a workbook whose URL holds %", async () => {
    const fx = new FakeExcel({ url: "/Users/站点/100%完成.xlsx" });
    fx.addSheet("表");
    const uninstall = fx.install();
    try {
      expect((await createExcelHost().readSnapshot()).source).toBe("100%完成.xlsx");
    } finally {
      uninstall();
    }
  });
});

describe("a run that fails at any sync leaves the workbook restorable", () => {
  const failAll = async (runsBefore: number) => {
    // how many syncs a clean run takes
    const probe = smallWorkbook();
    const probeHost = createExcelHost(fakeHostOptions(probe));
    for (let i = 0; i < runsBefore; i++) await probeHost.applyPlan(smallPlan());
    probe.resetCounters();
    await probeHost.applyPlan(smallPlan());
    const syncs = probe.syncs;
    expect(syncs).toBeGreaterThan(1);
    let failures = 0;
    for (let at = 1; at <= syncs; at++) {
      for (const afterOps of [0, 1, 3, 7, 1_000]) {
        for (const code of ["GeneralException", "InternalError"]) {
          const fx = smallWorkbook();
          const original = fx.dump();
          const host = createExcelHost(fakeHostOptions(fx));
          for (let i = 0; i < runsBefore; i++) await host.applyPlan(smallPlan());
          fx.resetCounters();
          fx.failAt = { at, code, afterOps };
          const failed = await host.applyPlan(smallPlan()).then(
            () => false,
            () => true,
          );
          if (failed) failures++;
          fx.failAt = null;
          // whatever landed, 撤销上次运行 takes the workbook back to before the first run; when it
          // has nothing to undo, nothing was written
          if (runsBefore > 0 || (await host.canUndo())) await host.undoLastRun();
          expect(fx.dump()).toEqual(original);
          expect(fx.customXmlParts).toEqual([]);
        }
      }
    }
    expect(failures).toBeGreaterThan(syncs);
  };

  it("the first run", async () => {
    await failAll(0);
  });

  it("a run on top of an earlier one not undone", async () => {
    await failAll(1);
  });
});

describe("undo that respects the user's Ctrl+Z", () => {
  it("a run calls nothing that clears Excel's undo history (no visibility, position or delete)", async () => {
    for (const platform of ["windows", "mac", "web"] as const) {
      const fx = smallWorkbook();
      (fx.options as { platform?: string }).platform = platform;
      const host = createExcelHost(fakeHostOptions(fx));
      await host.applyPlan(smallPlan());
      await host.applyPlan(smallPlan());
      expect(fx.undoStackCleared).toEqual([]);
      // 撤销上次运行 deletes the sheets the run added: Worksheet.delete has no undo anywhere
      await host.undoLastRun();
      expect(fx.undoStackCleared).toEqual(["Worksheet.delete"]);
    }
  });

  it("清除撤销记录 removes every part the record left in the file", async () => {
    const fx = smallWorkbook();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    const after = fx.dump();
    expect(fx.customXmlParts.length).toBeGreaterThan(0);
    await host.clearUndoRecord();
    expect(fx.customXmlParts).toEqual([]);
    expect(fx.dump()).toEqual(after);
    expect(await host.canUndo()).toBe(false);
  });
});

describe("calculation", () => {
  it("in manual calculation mode the read says values may be stale and offers to calculate first", async () => {
    const fx = smallWorkbook();
    fx.calculationMode = "Manual";
    const seen: Progress[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    await host.readSnapshot((p) => seen.push(p));
    expect(seen.filter((p) => p.notice)).toEqual([
      { phase: "read", notice: "这个工作簿设为手动计算，读到的公式结果可能不是最新的：建议先重新计算再评分", offer: "calculate" },
    ]);
    await host.recalculate();
    expect(fx.calculations).toEqual(["Recalculate"]);
    fx.calculationMode = "Automatic";
    seen.length = 0;
    await host.readSnapshot((p) => seen.push(p));
    expect(seen.some((p) => p.notice)).toBe(false);
  });

  it("calculation is suspended in every batch and recalculated once, with the last write", async () => {
    const fx = smallWorkbook();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    expect(fx.calculations).toEqual(["Recalculate"]);
    const last = fx.requests[fx.requests.length - 1];
    expect(last.ok).toBe(true);
    await host.undoLastRun();
    expect(fx.calculations).toEqual(["Recalculate", "Recalculate"]);
  });
});

describe("restoring everything the run changed", () => {
  it("the fake's clearAll and dataValidation.clear take only the overlapping cells, as Excel does", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("表");
    s.conditionalFormats.push({ range: { r1: 0, c1: 0, r2: 9, c2: 0 }, type: "CellValue" });
    s.validations.push({ range: { r1: 0, c1: 1, r2: 9, c2: 1 }, rule: { list: { source: "是,否" } } });
    await fx.run(async (ctx: never) => {
      const c = ctx as unknown as Excel.RequestContext;
      const ws = c.workbook.worksheets.getItem("表");
      ws.getRange("A3:B4").conditionalFormats.clearAll();
      ws.getRange("A3:B4").dataValidation.clear();
      await c.sync();
    });
    expect(s.conditionalFormats.map((c) => c.range)).toEqual([
      { r1: 0, c1: 0, r2: 1, c2: 0 },
      { r1: 4, c1: 0, r2: 9, c2: 0 },
    ]);
    expect(s.validations.map((v) => v.range)).toEqual([
      { r1: 0, c1: 1, r2: 1, c2: 1 },
      { r1: 4, c1: 1, r2: 9, c2: 1 },
    ]);
  });

  it("a user's own conditional formats on the percent cells are kept, with a notice; undo is exact", async () => {
    const fx = smallWorkbook();
    fx.sheet(IND).conditionalFormats.push({ range: { r1: 0, c1: 3, r2: 5, c2: 3 }, type: "DataBar" });
    const before = fx.dump();
    const notices: string[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan(), (p) => p.notice && notices.push(p.notice));
    expect(fx.sheet(IND).conditionalFormats).toEqual([{ range: { r1: 0, c1: 3, r2: 5, c2: 3 }, type: "DataBar" }]);
    expect(notices).toEqual([`工作表“${IND}”的 D2:D3 已有条件格式，本次不添加完成率颜色，以免清除您的规则`]);
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("the run's own conditional formats are replaced on a re-run, not left alone", async () => {
    const fx = smallWorkbook();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    const notices: string[] = [];
    await host.applyPlan(smallPlan(), (p) => p.notice && notices.push(p.notice));
    expect(notices).toEqual([]);
    expect(fx.sheet(IND).conditionalFormats).toHaveLength(2);
  });

  it("a large range of mixed fills or partly bold text is left alone rather than flattened; undo is exact", async () => {
    const fx = smallWorkbook();
    for (let c = 0; c < 70; c++) fx.setCell(ROSTER, `${String.fromCharCode(65 + (c % 26))}${10 + Math.floor(c / 26)}`, { v: c });
    fx.setCell(ROSTER, "A10", { v: 0, fill: "#FF0000" });
    fx.setCell(ROSTER, "B10", { v: 1, bold: true });
    const before = fx.dump();
    const notices: string[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(
      [{ kind: "fill", sheet: ROSTER, ranges: [{ r1: 9, c1: 0, r2: 11, c2: 25 }], role: "header-missing" }],
      (p) => p.notice && notices.push(p.notice),
    );
    expect(fx.dump()).toEqual(before);
    expect(notices).toEqual([`工作表“${ROSTER}”的 A10:Z12 填充色、图案或加粗不一致（或只有部分文字加粗），本次不给它们标色，以免撤销时无法原样恢复`]);
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("a theme colour's lighter variant (colour + tint) comes back with its tint; undo is exact", async () => {
    const fx = smallWorkbook();
    fx.setCell(ROSTER, "C2", { v: "甲", fill: "#4472C4", tint: 0.6 });
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan([{ kind: "fill", sheet: ROSTER, ranges: [{ r1: 1, c1: 2, r2: 1, c2: 2 }], role: "warning" }]);
    // the run's own colour replaced it (a plain solid fill, no tint)
    expect(fx.cell(ROSTER, "C2")?.tint).toBeUndefined();
    await host.undoLastRun();
    expect(fx.cell(ROSTER, "C2")).toEqual({ v: "甲", fill: "#4472C4", tint: 0.6 });
    expect(fx.dump()).toEqual(before);
  });

  it("a patterned fill, or a cell whose text is bold only in part, is left alone: they could not come back", async () => {
    const fx = smallWorkbook();
    fx.setCell(ROSTER, "C2", { v: "甲", fill: "#FFFF00", pattern: "Gray50" });
    fx.setCell(ROSTER, "D2", { v: "乙丙", partBold: true });
    const before = fx.dump();
    const notices: string[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(
      [
        { kind: "fill", sheet: ROSTER, ranges: [{ r1: 1, c1: 2, r2: 1, c2: 2 }], role: "warning" },
        { kind: "fill", sheet: ROSTER, ranges: [{ r1: 1, c1: 3, r2: 1, c2: 3 }], role: "header-missing" },
      ],
      (p) => p.notice && notices.push(p.notice),
    );
    expect(fx.dump()).toEqual(before);
    expect(notices).toHaveLength(2);
    // below ExcelApi 1.9 the pattern cannot be seen: the fake then shows the pattern lost
    const old = smallWorkbook("1.8");
    old.setCell(ROSTER, "C2", { v: "甲", fill: "#FFFF00", pattern: "Gray50" });
    await createExcelHost(fakeHostOptions(old)).applyPlan([{ kind: "fill", sheet: ROSTER, ranges: [{ r1: 1, c1: 2, r2: 1, c2: 2 }], role: "warning" }]);
    expect(old.cell(ROSTER, "C2")?.pattern).toBeUndefined();
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });
});

describe("undo after the user edited cells the run wrote", () => {
  it("asks first (nothing changed), then keeps the edits or restores anyway", async () => {
    for (const choice of ["keep", "restore"] as const) {
      const fx = smallWorkbook();
      const before = fx.dump();
      const host = createExcelHost(fakeHostOptions(fx));
      await host.applyPlan(smallPlan());
      // the user retypes the normalised quantity the run wrote into C2
      fx.setCell(IND, "C2", { v: 210, nf: '0"个"', fill: "#FFEB9C" });
      const edited = fx.dump();
      const err = await host.undoLastRun().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "undo-edited", detail: `${IND}!C2` });
      expect((err as Error).message).toBe(`上次运行之后，您修改过 1 个由本工具写入的单元格（如 “${IND}”C2）。请选择：保留我的修改，或仍然恢复到运行之前`);
      expect(fx.dump()).toEqual(edited);
      await host.undoLastRun({ edited: choice });
      if (choice === "restore") expect(fx.dump()).toEqual(before);
      else {
        expect(fx.cell(IND, "C2")).toMatchObject({ v: 210 });
        // everything else is back as it was
        expect(fx.cell(IND, "D2")).toEqual({ v: 10, nf: "0%" });
        expect(fx.findSheet(RESTORED)).toBeUndefined();
      }
    }
  });

  it("a cell still holding its old content (a run cut short) is not an edit", async () => {
    const fx = smallWorkbook();
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    fx.failAt = { at: 2, code: "InternalError", afterOps: 3 };
    await expect(host.applyPlan(smallPlan())).rejects.toMatchObject({ code: "unknown" });
    fx.failAt = null;
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });
});

describe("structures in the user's sheets: spills, arrays and tables", () => {
  /** the host-found codes these tests saw, checked against HOST_FINDING_CODES last */
  const produced = new Set<FindingCode>();

  function tableSheet(apiVersion = "1.17"): FakeExcel {
    const fx = new FakeExcel({ apiVersion });
    const s = fx.addSheet("台账");
    ["姓名", "性别", "年龄"].forEach((h, c) => fx.setCell("台账", `${"ABC"[c]}1`, { v: h }));
    for (let r = 2; r <= 4; r++) fx.setCell("台账", `A${r}`, { v: `人${r}` });
    s.tables = [{ name: "花名册表", range: { r1: 0, c1: 0, r2: 3, c2: 2 } }];
    return fx;
  }

  it("the fake grows a table when a value is entered right beside or below it (table AutoCorrect)", async () => {
    const fx = tableSheet();
    await fx.run(async (ctx: never) => {
      const c = ctx as unknown as Excel.RequestContext;
      c.workbook.worksheets.getItem("台账").getRange("D1").values = [["新列"]];
      await c.sync();
    });
    expect(fx.sheet("台账").tables).toEqual([{ name: "花名册表", range: { r1: 0, c1: 0, r2: 3, c2: 3 } }]);
  });

  it("a header the plan adds right of a table is not written (the table would grow for good); cells inside are", async () => {
    const fx = tableSheet();
    const before = fx.dump();
    const found: Finding[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(
      [
        { kind: "cells", sheet: "台账", row: 0, col: 3, cells: [[{ value: "身份证号" }, { value: "手机号码" }]], purpose: "missing-column" },
        { kind: "cells", sheet: "台账", row: 1, col: 2, cells: [[{ value: 30 }]], purpose: "normalise-input" },
      ],
      (p) => p.finding && found.push(p.finding) && produced.add(p.finding.code),
    );
    expect(fx.sheet("台账").tables).toEqual([{ name: "花名册表", range: { r1: 0, c1: 0, r2: 3, c2: 2 } }]);
    expect(fx.cell("台账", "D1")).toBeUndefined();
    // E1 does not touch the table: written
    expect(fx.cell("台账", "E1")).toEqual({ v: "手机号码" });
    expect(fx.cell("台账", "C2")).toEqual({ v: 30 });
    expect(found.map((f) => [f.code, f.sheet, f.cell, f.message])).toEqual([
      ["write-skipped-table", "台账", "D1", "D1紧挨着 Excel 表格“花名册表”，写入会让表格自动扩大、撤销后也无法原样恢复，本次未写入"],
    ]);
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("cells in a dynamic array's spill range are not written (the formula would show #SPILL!); the rest is", async () => {
    const fx = new FakeExcel({ apiVersion: "1.17" });
    const s = fx.addSheet("表");
    fx.setCell("表", "D2", { v: 1, f: "=SEQUENCE(4)" });
    for (let r = 3; r <= 5; r++) fx.setCell("表", `D${r}`, { v: r - 1 });
    s.spills = [{ r1: 1, c1: 3, r2: 4, c2: 3 }];
    const before = fx.dump();
    const found: Finding[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(
      [{ kind: "cells", sheet: "表", row: 2, col: 3, cells: [[{ value: "x" }, { value: "y" }]], purpose: "findings" }],
      (p) => p.finding && found.push(p.finding) && produced.add(p.finding.code),
    );
    expect(fx.cell("表", "D2")).toEqual({ v: 1, f: "=SEQUENCE(4)" });
    expect(fx.cell("表", "D3")).toEqual({ v: 2 });
    expect(fx.cell("表", "E3")).toEqual({ v: "y" });
    expect(found.map((f) => [f.code, f.sheet, f.cell])).toEqual([["write-skipped-spill", "表", "D3"]]);
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("cells in a legacy array formula are not written (Excel refuses part of one); a finding names them, undo is exact", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("指标");
    for (let r = 3; r <= 6; r++) {
      fx.setCell("指标", `B${r}`, { v: r * 10 });
      fx.setCell("指标", `C${r}`, { v: r * 5 });
      // {=C3:C6/B3:B6} in D3:D6: each cell reads back the same A1 text (office-js#6176)
      fx.setCell("指标", `D${r}`, { v: 0.5, f: "=C3:C6/B3:B6" });
      // an ordinary formula filled down reads differently in each row
      fx.setCell("指标", `E${r}`, { v: r, f: `=B${r}/10` });
    }
    s.arrays = [{ r1: 2, c1: 3, r2: 5, c2: 3 }];
    const before = fx.dump();
    // the fake refuses part of an array, as Excel does
    await expect(
      fx.run(async (ctx: never) => {
        const c = ctx as unknown as Excel.RequestContext;
        c.workbook.worksheets.getItem("指标").getRange("D4").values = [[1]];
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    const found: Finding[] = [];
    const host = createExcelHost(fakeHostOptions(fx));
    const percent = (row: number, col: number) => ({
      kind: "cells" as const,
      sheet: "指标",
      row,
      col,
      cells: [[{ value: 0.5, formula: `=IFERROR(C${row + 1}/B${row + 1},"")`, numberFormat: "0.00%" }]],
      purpose: "percent" as const,
    });
    await host.applyPlan([percent(2, 3), percent(3, 3), percent(3, 4)], (p) => p.finding && found.push(p.finding) && produced.add(p.finding.code));
    expect(found.map((f) => [f.code, f.cell])).toEqual([
      ["write-skipped-array", "D3"],
      ["write-skipped-array", "D4"],
    ]);
    expect(found[0].message).toBe("D3属于数组公式（按 Ctrl+Shift+Enter 输入）的一部分，Excel 不允许只改其中几格，本次未写入，请手工核对");
    expect(fx.cell("指标", "D4")).toEqual({ v: 0.5, f: "=C3:C6/B3:B6" });
    // E4's neighbours hold other formulas: an ordinary cell, written
    expect(fx.cell("指标", "E4")?.f).toBe('=IFERROR(C4/B4,"")');
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("several cells left alone by one write are one finding on the first, saying how many", async () => {
    const fx = new FakeExcel({ apiVersion: "1.17" });
    const s = fx.addSheet("表");
    fx.setCell("表", "B1", { v: 1, f: "=SEQUENCE(1,6)" });
    s.spills = [{ r1: 0, c1: 1, r2: 0, c2: 6 }];
    const found: Finding[] = [];
    await createExcelHost(fakeHostOptions(fx)).applyPlan(
      [{ kind: "cells", sheet: "表", row: 0, col: 2, cells: [[{ value: 1 }, { value: 2 }, { value: 3 }]], purpose: "findings" }],
      (p) => p.finding && found.push(p.finding) && produced.add(p.finding.code),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "write-skipped-spill", cell: "C1", params: { more: { zh: " 等 3 个单元格", en: " and 2 more cells" } } });
    expect(findingMessage(found[0], "en")).toMatch(/^C1 and 2 more cells lies in a dynamic array's spill range/);
  });

  it("relativeAxes reads which way a formula would change if filled", () => {
    expect(relativeAxes("=$A$1*2")).toEqual({ rows: false, cols: false });
    expect(relativeAxes("=A$1")).toEqual({ rows: false, cols: true });
    expect(relativeAxes("=$A1")).toEqual({ rows: true, cols: false });
    expect(relativeAxes('=LOG10(2)&"B7"')).toEqual({ rows: false, cols: false });
    expect(relativeAxes("='表 C3'!$B$2+SUM(A:A)")).toEqual({ rows: false, cols: true });
    expect(relativeAxes("=C3:C6/B3:B6")).toEqual({ rows: true, cols: true });
  });

  it("every code a host finds while writing was produced by the tests above (test/core/finding-codes covers evaluate's)", () => {
    expect(HOST_FINDING_CODES.filter((c) => !produced.has(c))).toEqual([]);
  });

  it("below ExcelApi 1.12 a spill cannot be seen, and the fake shows what writing into it does", async () => {
    const fx = new FakeExcel({ apiVersion: "1.11" });
    const s = fx.addSheet("表");
    fx.setCell("表", "D2", { v: 1, f: "=SEQUENCE(4)" });
    s.spills = [{ r1: 1, c1: 3, r2: 4, c2: 3 }];
    await createExcelHost(fakeHostOptions(fx)).applyPlan([{ kind: "cells", sheet: "表", row: 2, col: 3, cells: [[{ value: "x" }]], purpose: "findings" }]);
    expect(fx.cell("表", "D2")).toEqual({ v: "#SPILL!", f: "=SEQUENCE(4)" });
  });
});

describe("dates and locale", () => {
  it("a built-in date read back in its en-US form is copied into the restored view as a zh-CN date format", async () => {
    const fx = new FakeExcel();
    fx.addSheet("台账");
    // what Office.js reports for the built-in short date (OfficeDev/office-js#229)
    fx.setCell("台账", "A1", { v: 45260, nf: "m/d/yyyy" });
    const host = createExcelHost(fakeHostOptions(fx));
    const snap = await host.readSnapshot();
    expect(snap.sheets[0].numberFormats?.[0]?.[0]).toBe("m/d/yyyy");
    await host.applyPlan([
      { kind: "addSheet", sheet: "视图" },
      {
        kind: "cells",
        sheet: "视图",
        row: 0,
        col: 0,
        cells: [
          [
            { value: 45260, numberFormat: "m/d/yyyy" },
            { value: 0.5, numberFormat: "0.00%" },
          ],
        ],
        purpose: "restore",
      },
    ]);
    expect(fx.cell("视图", "A1")).toEqual({ v: 45260, nf: "yyyy/m/d" });
    expect(fx.cell("视图", "B1")).toEqual({ v: 0.5, nf: "0.00%" });
  });
});
