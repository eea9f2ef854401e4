import { rosterSheet, userSheets } from "../../src/taskpane/components/settings/sheetChoice";
import { sampleReport } from "./support/fakes";

describe("the capture picker's sheets", () => {
  const report = sampleReport();

  test("the tool's own sheets are left out, in either language and with a clash suffix; the user's sheets keep their order", () => {
    const names = ["指标", "评估发现", "Findings (2)", "评估报告摘要", "评估报告摘要(2)", "Report summary", "名单", "评估发现说明"];
    expect(userSheets(names, null)).toEqual(["指标", "名单", "评估发现说明"]);
  });

  test("the restored view the last run wrote is left out, its source sheet kept and preselected", () => {
    const r = report.restorations[0];
    const names = ["指标", r.sourceSheet, r.outputSheet];
    const sheets = userSheets(names, report);
    expect(sheets).toEqual(["指标", r.sourceSheet]);
    expect(rosterSheet(sheets, report)).toBe(r.sourceSheet);
  });

  test("without a run, or when the roster sheet is gone, nothing is preselected", () => {
    expect(rosterSheet(["指标", "名单"], null)).toBeNull();
    expect(rosterSheet(["指标"], report)).toBeNull();
  });
});
