/** @jest-environment jsdom */
import "./support/dom";
import { render, screen } from "@testing-library/react";
import { IndicatorList } from "../../src/taskpane/components/IndicatorList";
import { LangContext, type Lang } from "../../src/taskpane/i18n";
import type { IndicatorReport } from "../../src/core/types";

const unnamed: IndicatorReport = {
  sheet: "指标完成情况",
  label: "",
  area: null,
  unit: "个",
  target: 10,
  completed: 4,
  percent: 0.4,
  declaredPercent: null,
  labelCell: "A28",
  targetCell: "B28",
  completedCell: "C28",
  percentCell: "D28",
};

function show(lang: Lang) {
  return render(
    <LangContext.Provider value={lang}>
      <IndicatorList indicators={[unnamed]} />
    </LangContext.Provider>,
  );
}

test("an unnamed indicator is listed by where its name belongs, in the pane's language", () => {
  const zh = show("zh");
  expect(screen.getByText("（未命名，A28）")).toBeTruthy();
  zh.unmount();
  show("en");
  expect(screen.getByText("(unnamed, A28)")).toBeTruthy();
});
