import { summaryText } from "../../src/cli/print";
import type { IndicatorReport, Report } from "../../src/core/types";

const indicator = (over: Partial<IndicatorReport>): IndicatorReport => ({
  sheet: "指标完成情况",
  label: "服务对象建档",
  area: null,
  unit: "个",
  target: 200,
  completed: 371,
  percent: 1.855,
  declaredPercent: null,
  labelCell: "A3",
  targetCell: "B3",
  completedCell: "C3",
  percentCell: "D3",
  ...over,
});

const report = (indicators: IndicatorReport[]): Report => ({
  schema: "shuangbai/report@1",
  source: "站.xlsx",
  indicators,
  scores: [],
  restorations: [],
  findings: [],
});

describe("the command line's summary", () => {
  test("an unnamed indicator is named by where its name belongs, in both languages", () => {
    const r = report([indicator({}), indicator({ label: "", labelCell: "A28", targetCell: "B28", completedCell: "C28" })]);
    expect(summaryText(r, "zh")).toContain("（未命名，A28）");
    expect(summaryText(r, "en")).toContain("(unnamed, A28)");
    expect(summaryText(r, "zh")).not.toMatch(/（未命名）/);
  });

  test("without a label cell the target's cell names it", () => {
    const r = report([indicator({ label: "", labelCell: null, targetCell: "C14" })]);
    expect(summaryText(r, "zh")).toContain("（未命名，C14）");
  });
});
