/** @jest-environment jsdom */
import "./support/dom";
import { render, screen } from "@testing-library/react";
import { ResultCard } from "../../src/taskpane/components/ResultCard";
import { LangContext, type Lang } from "../../src/taskpane/i18n";
import type { ScoreReport } from "../../src/core/types";

const parties = (scores: [number, number][]): ScoreReport["parties"] =>
  (["buyer", "supervisor", "supervision-centre", "third-party"] as const).map((party, i) => ({
    name: ["购买方评估（街道）", "监督方评估（区民政局）", "督导中心评估", "第三方评估"][i],
    party,
    weight: scores[i][0],
    score: scores[i][1],
    points: scores[i][1],
    cell: `C${i + 2}`,
  }));

function show(score: ScoreReport, lang: Lang = "zh") {
  return render(
    <LangContext.Provider value={lang}>
      <ResultCard score={score} bandGrades={["优秀", "良好", "合格", "不合格"]} />
    </LangContext.Provider>,
  );
}

test("points mode: each line is points out of the party's maximum, and they add up to the total", () => {
  const score: ScoreReport = {
    sheet: "评估结果",
    mode: "points",
    parties: parties([
      [0.2, 20],
      [0.1, 9],
      [0.15, 14.55],
      [0.55, 50.35],
    ]),
    total: 93.9,
    grade: "优秀",
    totalCell: "C6",
    gradeCell: "C7",
  };
  show(score);
  expect(screen.getByTestId("party-buyer").textContent).toBe("20.00 / 20 分");
  expect(screen.getByTestId("party-supervisor").textContent).toBe("9.00 / 10 分");
  expect(screen.getByTestId("party-supervision-centre").textContent).toBe("14.55 / 15 分");
  expect(screen.getByTestId("party-third-party").textContent).toBe("50.35 / 55 分");
  // no multiplication in points mode: 20 × 20 % would read as 4
  expect(screen.getByTestId("result-card").textContent).not.toContain("×");
  expect(screen.getByTestId("total").textContent).toBe("93.90");
  const sum = score.parties.reduce((a, p) => a + (p.points ?? 0), 0);
  expect(sum.toFixed(2)).toBe("93.90");
  expect(screen.getByRole("img").getAttribute("aria-label")).toBe(
    "四方得分构成：购买方评估（街道） 20.00，监督方评估（区民政局） 9.00，督导中心评估 14.55，第三方评估 50.35",
  );
});

test("100-point mode: score × weight = points, in both languages, with the grade translated in English", () => {
  const score: ScoreReport = {
    sheet: "评估结果",
    mode: "scale100",
    parties: parties([
      [0.2, 85],
      [0.1, 90],
      [0.15, 80],
      [0.55, 86],
    ]).map((p) => ({ ...p, points: Number((p.weight * (p.score ?? 0)).toPrecision(15)) })),
    total: 85.3,
    grade: "良好",
    totalCell: "C6",
    gradeCell: "C7",
  };
  const { unmount } = show(score);
  expect(screen.getByTestId("party-buyer").textContent).toBe("85 × 权重 20% = 17.00 分");
  expect(screen.getByTestId("party-third-party").textContent).toBe("86 × 权重 55% = 47.30 分");
  expect(screen.getByText("良好")).toBeTruthy();
  unmount();
  show(score, "en");
  expect(screen.getByTestId("party-supervision-centre").textContent).toBe("80 × weight 15% = 12.00 pts");
  expect(screen.getByText("Supervision centre")).toBeTruthy();
  expect(screen.getByText("Good").getAttribute("aria-label")).toBe("Grade: Good");
});

test("a party without a score says so instead of a number", () => {
  const score: ScoreReport = {
    sheet: "评估结果",
    mode: "points",
    parties: parties([
      [0.2, 20],
      [0.1, 9],
      [0.15, 14],
      [0.55, 50],
    ]).map((p) => (p.party === "supervisor" ? { ...p, score: null, points: null } : p)),
    total: null,
    grade: null,
    totalCell: "C6",
    gradeCell: "C7",
  };
  show(score);
  expect(screen.getByTestId("party-supervisor").textContent).toBe("缺少分数");
  expect(screen.getByTestId("total").textContent).toBe("—");
});
