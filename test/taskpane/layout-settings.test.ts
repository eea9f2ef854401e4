import { parseSettings, sanitiseSettings as forDocument } from "../../src/excel/settingsStore";
import { sanitiseSettings } from "../../src/taskpane/settings";
import { oddLayout } from "../core/layouts/fixtures";

describe("saved layouts in the settings", () => {
  it("round trip through the document's settings and never carry a cell value", () => {
    const polluted = { ...oddLayout(), values: [["建档", 200, 150]], lines: oddLayout().lines.map((l) => ({ ...l, sample: "371份" })) };
    const stored = JSON.stringify(forDocument({ options: {}, savedMappings: [], layouts: [polluted as never] }));
    expect(stored).not.toMatch(/371|建档|values|sample/);
    const back = parseSettings(stored);
    expect(back?.layouts).toEqual([oddLayout()]);
    expect(sanitiseSettings(back).layouts).toEqual([oddLayout()]);
  });

  it("drop a layout that no longer validates instead of failing the whole settings", () => {
    expect(sanitiseSettings({ options: {}, savedMappings: [], layouts: [{ ...oddLayout(), band: 9 }, oddLayout()] }).layouts).toEqual([oddLayout()]);
  });
});
