import { SETTINGS_KEY, createExcelHost } from "../../src/excel";
import type { PaneSettings } from "../../src/taskpane/host";
import { FakeExcel, fakeHostOptions } from "../support/fake-excel";

describe("settings kept in the document", () => {
  it("round-trips the pane's choices under shuangbai.settings and nothing else", async () => {
    const fx = new FakeExcel();
    const host = createExcelHost(fakeHostOptions(fx));
    expect(await host.loadSettings()).toBeNull();
    const settings: PaneSettings = {
      options: { liveFormulas: true, conditionalFormats: true, asOf: "2023-11-30" },
      savedMappings: [{ template: "roster-v1", signature: "序号|姓名|身份证号", fields: { 姓名: "服务对象姓名", 备注: null } }],
      language: "zh",
    };
    // anything beyond the known fields (here: cell values a caller might attach) is dropped
    await host.saveSettings({ ...settings, ...({ lastSnapshot: [["陈晓", "440103199001011234"]] } as object) } as PaneSettings);
    const stored = String(fx.savedSettings.get(SETTINGS_KEY));
    expect(stored).not.toContain("440103199001011234");
    expect(JSON.parse(stored)).toEqual(settings);
    expect(await host.loadSettings()).toEqual(settings);
  });

  it("ignores settings it cannot read instead of failing", async () => {
    const fx = new FakeExcel();
    fx.settings.set(SETTINGS_KEY, "{不是 JSON");
    fx.settings.saveAsync();
    expect(await createExcelHost(fakeHostOptions(fx)).loadSettings()).toBeNull();
    fx.settings.set(SETTINGS_KEY, JSON.stringify({ options: 3 }));
    expect(await createExcelHost(fakeHostOptions(fx)).loadSettings()).toBeNull();
  });

  it("outside Office, settings calls say so", async () => {
    await expect(createExcelHost().loadSettings()).rejects.toMatchObject({ code: "not-in-office" });
  });
});
