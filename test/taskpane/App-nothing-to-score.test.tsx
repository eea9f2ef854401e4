/** @jest-environment jsdom */
/**
 * Nothing to score → nothing written (issue 14): a workbook with no indicator table, score table,
 * roster or staffing table, scored by the real core. The add-in writes nothing into the workbook
 * (the host's applyPlan is never called, so no findings sheet and no yellow A1), the page offers
 * no download, and both say so in one notice.
 */
import "./support/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { evaluate } from "../../src/core/evaluate";
import type { WorkbookSnapshot } from "../../src/core/types";
import { fakeTemplates, memoryHost } from "./support/fakes";

const NOTHING: WorkbookSnapshot = {
  source: "会议记录.xlsx",
  sheets: [
    {
      name: "会议记录",
      values: [["2023年社区议事会记录"], ["时间", "地点", "内容"], ["7月3日", "活动室", "讨论暑期活动安排"]],
    },
  ],
};

const NOTICE = "没有找到可评估的内容（指标表、评分表或服务对象汇总表），工作簿未做任何改动。";

describe.each(["excel", "file"] as const)("nothing to score, %s host", (kind) => {
  test("the real core finds nothing; the pane writes nothing, offers no download and says so", async () => {
    const result = evaluate(NOTHING, { lang: "zh" });
    expect(result.report.nothingToScore).toBe(true);
    const host = memoryHost(kind, NOTHING);
    const scored = jest.fn(evaluate);
    render(<App host={host} evaluate={scored} templates={fakeTemplates()} />);

    fireEvent.click(screen.getByRole("button", { name: "一键评分" }));
    // the real core runs here: give a loaded machine time
    expect(await screen.findByText(NOTICE, undefined, { timeout: 15000 })).toBeTruthy();
    expect(scored).toHaveBeenCalledTimes(1);
    expect(host.applyPlan).not.toHaveBeenCalled();
    expect(host.applied).toEqual([]);
    expect(screen.queryByRole("button", { name: /下载/ })).toBeNull();
    if (kind === "file") expect(host.download).not.toHaveBeenCalled();
    // and nothing to undo: the run changed nothing
    expect(await host.canUndo()).toBe(false);
  });
});
