import { createExcelHost } from "../../src/excel";
import { HostError } from "../../src/taskpane/host";
import { FakeExcel, fakeHostOptions } from "../support/fake-excel";

function workbook(apiVersion = "1.20"): FakeExcel {
  const fx = new FakeExcel({ apiVersion });
  fx.addSheet("指标完成情况");
  // the used range starts at B3, not A1
  fx.setCell("指标完成情况", "B3", { v: "指标" });
  fx.setCell("指标完成情况", "C3", { v: "要求" });
  fx.setCell("指标完成情况", "D3", { v: "完成" });
  fx.setCell("指标完成情况", "E3", { v: "完成率" });
  fx.setCell("指标完成情况", "B4", { v: "个案" });
  fx.setCell("指标完成情况", "C4", { v: 20 });
  fx.setCell("指标完成情况", "D4", { v: 200, nf: '0"个"' });
  fx.setCell("指标完成情况", "E4", { v: 10, f: "=D4/C4", nf: "0.00%" });
  fx.setCell("指标完成情况", "B5", { v: "=不是公式", nf: "@" });
  fx.sheet("指标完成情况").merges.push({ r1: 0, c1: 1, r2: 0, c2: 4 });
  fx.setCell("指标完成情况", "B1", { v: "某某社工站指标" });
  fx.addSheet("备注", { visibility: "Hidden" });
  fx.setCell("备注", "A1", { v: "隐藏" });
  fx.addSheet("空表");
  fx.addSheet("偏移");
  fx.setCell("偏移", "D6", { v: "右下" });
  fx.setCell("偏移", "E7", { v: 1 });
  return fx;
}

describe("readSnapshot", () => {
  it("reads values from A1, formulas only where a cell holds one, formats other than General, merges and hidden sheets", async () => {
    const fx = workbook();
    const host = createExcelHost(fakeHostOptions(fx));
    const snap = await host.readSnapshot();
    expect(snap.source).toBe("合成社工站评估表.xlsx");
    expect(snap.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ["指标完成情况", false],
      ["备注", true],
      ["空表", false],
      ["偏移", false],
    ]);
    const s = snap.sheets[0];
    expect(s.values[0]).toEqual([null, "某某社工站指标", null, null, null]);
    expect(s.values[1]).toEqual([null, null, null, null, null]);
    expect(s.values[2]).toEqual([null, "指标", "要求", "完成", "完成率"]);
    expect(s.values[3]).toEqual([null, "个案", 20, 200, 10]);
    expect(s.values[4]).toEqual([null, "=不是公式", null, null, null]);
    expect(s.formulas?.[3]?.[4]).toBe("=D4/C4");
    expect(s.formulas?.[3]?.[3] ?? null).toBeNull();
    // a text cell that starts with "=" is not a formula
    expect(s.formulas?.[4]?.[1] ?? null).toBeNull();
    expect(s.numberFormats?.[3]?.[3]).toBe('0"个"');
    expect(s.numberFormats?.[3]?.[4]).toBe("0.00%");
    expect(s.numberFormats?.[2]?.[2] ?? null).toBeNull();
    expect(s.merges).toEqual([{ r1: 0, c1: 1, r2: 0, c2: 4 }]);
    expect(snap.sheets[1].values).toEqual([["隐藏"]]);
    expect(snap.sheets[2].values).toEqual([]);
    expect(snap.sheets[3].values).toEqual([[], [], [], [], [], [null, null, null, "右下", null], [null, null, null, null, 1]]);
    // list, used ranges, one data sync for every sheet together
    expect(fx.syncs).toBe(3);
    expect(host.lastSyncs).toBe(3);
    expect(fx.runOptions[0]).toEqual({ delayForCellEdit: true });
  });

  it("skips merged areas below ExcelApi 1.13", async () => {
    const fx = workbook("1.7");
    const host = createExcelHost(fakeHostOptions(fx));
    const snap = await host.readSnapshot();
    expect(snap.sheets[0].merges).toBeUndefined();
    expect(fx.runOptions[0]).toEqual({ delayForCellEdit: true });
    expect(await host.missingFeatures()).toEqual(expect.arrayContaining([expect.stringContaining("1.8"), expect.stringContaining("1.13")]));
  });

  it("does not list the undo sheet", async () => {
    const fx = workbook();
    fx.addSheet("__shuangbai_undo", { visibility: "VeryHidden" });
    fx.setCell("__shuangbai_undo", "A1", { v: "{}" });
    const host = createExcelHost(fakeHostOptions(fx));
    expect((await host.readSnapshot()).sheets.map((s) => s.name)).not.toContain("__shuangbai_undo");
    expect(await host.sheetNames()).toEqual(["指标完成情况", "备注", "空表", "偏移"]);
  });

  it("reports cell-edit mode in plain Chinese", async () => {
    const fx = workbook();
    fx.failNextSync = "InvalidOperationInCellEditMode";
    const host = createExcelHost(fakeHostOptions(fx));
    const err = await host.readSnapshot().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: "cell-edit-mode", message: "请先按 Enter 或 Esc 结束单元格编辑，再点一键评分" });
  });

  it("says so when Excel is below ExcelApi 1.7", async () => {
    const fx = workbook("1.4");
    const err = await createExcelHost(fakeHostOptions(fx))
      .readSnapshot()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "api-unsupported" });
    expect(fx.syncs).toBe(0);
  });

  it("says so outside Office instead of hanging", async () => {
    const err = await createExcelHost()
      .readSnapshot()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "not-in-office" });
  });

  it("works through the globals Office.js installs", async () => {
    const fx = workbook();
    const uninstall = fx.install();
    try {
      const host = createExcelHost();
      const snap = await host.readSnapshot();
      expect(snap.source).toBe("合成社工站评估表.xlsx");
      expect(snap.sheets).toHaveLength(4);
    } finally {
      uninstall();
    }
  });
});
