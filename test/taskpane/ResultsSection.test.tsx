/** @jest-environment jsdom */
import "./support/dom";
import { render, screen, within } from "@testing-library/react";
import { evaluate } from "../../src/core/evaluate";
import type { WorkbookSnapshot } from "../../src/core/types";
import { ResultsSection } from "../../src/taskpane/components/ResultsSection";
import { indicatorStatus } from "../../src/taskpane/format";
import { LangContext, type Lang } from "../../src/taskpane/i18n";
import { seedTextWorkbook } from "../fixtures/report";
import { toSheetSnapshot } from "../support/generate-roster";
import { seedStaffingSheet } from "../support/staffing-table";

/** the seed's appendix, score sheet and staffing table (with its 年度服务协议时间 line) */
function seedBook(staffing = seedStaffingSheet()): WorkbookSnapshot {
  const wb = seedTextWorkbook();
  return { ...wb, sheets: [...wb.sheets, toSheetSnapshot(staffing)] };
}

function show(book: WorkbookSnapshot, lang: Lang = "zh") {
  const { report } = evaluate(book, { lang });
  render(
    <LangContext.Provider value={lang}>
      <ResultsSection report={report} bandGrades={["优秀", "良好", "合格", "不合格"]} addedMissing />
    </LangContext.Provider>,
  );
  return report;
}

describe("results: the contract year and the staffing figures", () => {
  test("the seed: contract year, window and the share expected; 50/86/36, 100/101/1, 85.00 %, 1+5+11+3", () => {
    show(seedBook());
    expect(screen.getByTestId("period-note").textContent).toBe("合同期 2023-07-01 – 2024-06-30；评估周期 2023-07-01 – 2023-11-30；按时间进度应完成 41.80%");
    // at the mid-term, 47.78 % of the year's 个案 against 41.80 % expected is on pace, not short
    const item = (label: string) => screen.getAllByRole("listitem").find((li) => li.textContent?.startsWith(label))!;
    expect(within(item("辅导个案")).getByText("按进度")).toBeTruthy();
    expect(within(item("服务对象建档")).getByText("超额")).toBeTruthy();
    expect(screen.queryByText("未达标")).toBeNull();
    expect(item("辅导个案").querySelector('[title="按时间进度应完成 41.80%"]')).not.toBeNull();
    const staffing = screen.getByRole("region", { name: "社工到岗（社工到岗情况，2023-07 – 2023-11）" });
    const lines = within(staffing)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(lines).toEqual([
      "持证社工：应到岗 50 人次，实到岗 86 人次，超配 36 人次",
      "社工（持证+非持证）：应到岗 100 人次，实到岗 101 人次，超配 1 人次",
      "稳岗率 85.00%（持续在岗 17 人 ÷ 20 人，要求 80.00%）",
      "期末月：高级社工师 1 · 中级社工师 5 · 助理社工师 11 · 非持证 3",
    ]);
  });

  test("without a contract line only 实到岗 is shown; in English", () => {
    show(seedBook(seedStaffingSheet({ contractLine: false })), "en");
    const staffing = screen.getByRole("region", { name: /^Staffing/ });
    const lines = within(staffing)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(lines[0]).toBe("Certified social workers: on post 86 person-months (contracted headcount unknown)");
    expect(lines).toHaveLength(3);
    expect(screen.getByTestId("period-note").textContent).toMatch(
      /^Contract year 2023-07-01 – 2024-06-30; Evaluation window 2023-07-01 – 2023-11-30; Expected by now 41\.80%$/,
    );
  });

  test("with only a window, the note says pacing was not judged and where to set the contract year", () => {
    const report = show(seedTextWorkbook());
    expect(report.period ?? null).toBeNull();
    expect(screen.getByTestId("period-note").textContent).toBe("评估周期 2023-07-01 – 2023-11-30；未知合同期，未判断时间进度（可在“设置”中填写）");
    expect(screen.queryByRole("region", { name: /^社工到岗/ })).toBeNull();
    // no pacing: below 100 % reads 未达标, as before
    expect(screen.getAllByText("未达标").length).toBeGreaterThan(0);
    expect(screen.queryByText("按进度")).toBeNull();
  });
});

test("indicatorStatus: on pace at or above the expected share, behind below it, 未达标 without pacing", () => {
  expect(indicatorStatus(0.4778, 0.418)).toBe("onPace");
  expect(indicatorStatus(0.418, 0.418)).toBe("onPace");
  expect(indicatorStatus(0.3, 0.418)).toBe("behind");
  expect(indicatorStatus(0.3, null)).toBe("under");
  expect(indicatorStatus(1.2, 0.418)).toBe("over");
  expect(indicatorStatus(1, 0.418)).toBe("met");
  expect(indicatorStatus(null, 0.418)).toBe("none");
});
