import { evaluate } from "../../src/core/evaluate";
import { findingMessage } from "../../src/core/findings";
import type { EvaluateOptions, WorkbookSnapshot } from "../../src/core/types";
import { AS_OF, driftedRoster } from "../fixtures/roster/drifted";
import { seedWorkbook } from "../fixtures/seed";

/** Inputs that between them produce messages with language-bound parameters (parties, unnamed blocks, sums). */
const inputs: [string, WorkbookSnapshot, EvaluateOptions][] = [
  ["the seed workbook", seedWorkbook(), { asOf: "2023-09-14" }],
  ["a drifted roster", { source: "r.xlsx", sheets: [driftedRoster()] }, { asOf: AS_OF }],
  [
    "slips on indicators and scores",
    {
      source: "row.xlsx",
      sheets: [
        {
          name: "指标",
          values: [
            ["指标名称", "单位", "协议指标", "实际完成", "完成率"],
            ["建档", "份", 200, 371, 1.8],
            [null, "人次", null, 20, null],
            ["个案", "个", 90, "四十三", null],
          ],
        },
        {
          name: "分片区",
          values: [
            ["服务指标", "一片区", null, "二片区", null, "合计", null, "完成百分比"],
            [null, "指标", "完成", "指标", "完成", "指标", "完成", null],
            ["电访", 150, 300, 120, 300, 270, 607, null],
          ],
          merges: [
            { r1: 0, c1: 1, r2: 0, c2: 2 },
            { r1: 0, c1: 3, r2: 0, c2: 4 },
            { r1: 0, c1: 5, r2: 0, c2: 6 },
          ],
        },
        {
          name: "评分",
          values: [
            ["评估方", "权重", "得分"],
            ["购买方", "25%", 26],
            ["督导中心", "15%", null],
          ],
        },
      ],
    },
    {},
  ],
];

describe("a finding keeps its code and parameters, so either language can be said without re-running", () => {
  test.each(inputs)("%s", (_name, snapshot, options) => {
    const zh = evaluate(snapshot, { ...options, lang: "zh" }).report.findings;
    const en = evaluate(snapshot, { ...options, lang: "en" }).report.findings;
    expect(zh.length).toBeGreaterThan(0);
    expect(en.map((f) => f.code)).toEqual(zh.map((f) => f.code));
    zh.forEach((f, i) => {
      expect(f.params).toBeDefined();
      expect(findingMessage(f, "zh")).toBe(f.message);
      expect(findingMessage(f, "en")).toBe(en[i].message);
      expect(findingMessage(en[i], "zh")).toBe(f.message);
    });
  });

  test("an unnamed indicator is named by where its name belongs, in both languages", () => {
    const snapshot = inputs[2][1];
    const zh = evaluate(snapshot, { lang: "zh" }).report.findings.filter((f) => JSON.stringify(f.params ?? {}).includes("未命名"));
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.some((f) => /（未命名，A3）/.test(f.message))).toBe(true);
    expect(zh.some((f) => /\(unnamed, A3\)/.test(findingMessage(f, "en")))).toBe(true);
  });

  test("parameters are masked like the message", () => {
    const en = evaluate({ source: "r.xlsx", sheets: [driftedRoster()] }, { asOf: AS_OF, lang: "en" }).report.findings;
    const withId = en.filter((f) => f.params && "masked" in f.params);
    expect(withId.length).toBeGreaterThan(0);
    for (const f of withId) expect(String(f.params?.masked)).toContain("*");
  });
});
