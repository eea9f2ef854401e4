import { assessScoreSheet, DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS, partyOf } from "../../../src/core/scores/scoreSheet";
import type { SheetSnapshot } from "../../../src/core/types";
import { seedScoreSheet } from "../../fixtures/seed";

const opts = { lang: "zh" as const, weights: DEFAULT_WEIGHTS, bands: DEFAULT_GRADE_BANDS, liveFormulas: true };

function sheetOf(rows: (string | number | null)[][]): SheetSnapshot {
  return { name: "评分", values: rows };
}

describe("four-party scores", () => {
  it("adds the seed's four scores to 93.90, 优秀, in points mode", () => {
    const r = assessScoreSheet(seedScoreSheet(), opts);
    expect(r).not.toBeNull();
    expect(r!.report.mode).toBe("points");
    expect(r!.report.total).toBe(93.9);
    expect(r!.report.grade).toBe("优秀");
    expect(r!.report.parties.map((p) => [p.party, p.weight, p.score])).toEqual([
      ["buyer", 0.2, 20],
      ["supervisor", 0.1, 9],
      ["supervision-centre", 0.15, 14.55],
      ["third-party", 0.55, 50.35],
    ]);
    // 总分 and 等级 rows are added under the table, as live formulas with their results
    expect(r!.report.totalCell).toBe("C6");
    expect(r!.report.gradeCell).toBe("C7");
    const total = r!.writes.find((w) => w.row === 5 && w.col === 2)!;
    expect(total.cell).toEqual({ value: 93.9, formula: "=ROUND(C2+C3+C4+C5,2)", numberFormat: "0.00" });
    const grade = r!.writes.find((w) => w.row === 6 && w.col === 2)!;
    expect(grade.cell.value).toBe("优秀");
    expect(grade.cell.formula).toBe('=IF(C6="","",IF(C6>=90,"优秀",IF(C6>=80,"良好",IF(C6>=60,"合格","不合格"))))');
    expect(r!.writes.find((w) => w.row === 5 && w.col === 0)!.cell.value).toBe("总分");
    expect(r!.findings.map((f) => f.code)).toEqual(["score-mode-assumed"]);
  });

  it("rounds 79.995 up to 80.00 as Excel does, and grades it 良好", () => {
    const r = assessScoreSheet(
      sheetOf([
        ["评估方", "得分"],
        ["购买方", 16],
        ["监督方", 8],
        ["督导中心", 12],
        ["第三方", 43.995],
      ]),
      opts,
    )!;
    expect(r.report.total).toBe(80);
    expect(r.report.grade).toBe("良好");
  });

  it("reads the 100-point scale when a score is above its party's maximum, and says so", () => {
    const r = assessScoreSheet(
      sheetOf([
        ["评估方", "权重", "得分"],
        ["购买方", 0.2, 95],
        ["监督方", 0.1, 90],
        ["督导中心", 0.15, 97],
        ["第三方", 0.55, 91.545],
      ]),
      opts,
    )!;
    expect(r.report.mode).toBe("scale100");
    expect(r.report.total).toBe(92.9);
    expect(r.findings.find((f) => f.code === "score-mode-assumed")!.message).toContain("百分制");
    expect(r.writes.find((w) => w.cell.formula?.startsWith("=ROUND"))!.cell.formula).toBe("=ROUND(B2*C2+B3*C3+B4*C4+B5*C5,2)");
  });

  it("writes into existing 总分 / 等级 cells right of their labels", () => {
    const r = assessScoreSheet(
      sheetOf([
        ["评估方", "得分"],
        ["购买方", 18],
        ["监督方", 9],
        ["督导中心", 13],
        ["第三方", 45],
        ["总分", null],
        ["等级", null],
      ]),
      opts,
    )!;
    expect(r.report.totalCell).toBe("B6");
    expect(r.report.gradeCell).toBe("B7");
    expect(r.report.total).toBe(85);
    expect(r.report.grade).toBe("良好");
    expect(r.writes.some((w) => w.col === 0)).toBe(false);
  });

  it("flags weights off 100 %, scores out of range and blank scores", () => {
    const r = assessScoreSheet(
      sheetOf([
        ["评估方", "权重", "得分"],
        ["购买方", "25%", 26],
        ["监督方", "10%", -1],
        ["督导中心", "15%", null],
        ["第三方", "55%", 40],
      ]),
      opts,
    )!;
    const codes = r.findings.map((f) => `${f.code}@${f.cell}`);
    expect(codes).toContain("weights-not-100@B2");
    expect(codes).toContain("score-out-of-range@C3");
    expect(codes).toContain("score-missing@C4");
    expect(r.findings.find((f) => f.code === "weights-not-100")!.message).toContain("105%");
  });

  it("tells the parties apart", () => {
    expect(partyOf("市督导中心评估")).toBe("supervision-centre");
    expect(partyOf("监督方评估（黄埔区民政局）")).toBe("supervisor");
    expect(partyOf("购买方评估（夏港街道办事处）")).toBe("buyer");
    expect(partyOf("第三方评估机构")).toBe("third-party");
    expect(partyOf("姓名")).toBeNull();
  });

  it("ignores party words scattered down a long sheet", () => {
    const rows: (string | null)[][] = [["姓名", "镇（街）"]];
    for (let i = 0; i < 30; i++) rows.push(["某某", i === 0 ? "夏港街道" : i === 29 ? "区民政局" : null]);
    expect(assessScoreSheet(sheetOf(rows), opts)).toBeNull();
  });
});
