import { cellRef, formatPercent, gradeTone, groupFindings, percentTone } from "../../src/taskpane/format";
import type { Finding } from "../../src/core/types";

test("percentages have two decimals", () => {
  expect(formatPercent(1.855)).toBe("185.50%");
  expect(formatPercent(0)).toBe("0.00%");
  expect(formatPercent(null)).toBe("—");
  expect(formatPercent(Number.NaN)).toBe("—");
});

test("grade colours: 优秀 green, 良好 blue, 合格 amber, 不合格 red", () => {
  expect(gradeTone("优秀")).toBe("success");
  expect(gradeTone("良好")).toBe("brand");
  expect(gradeTone("合格")).toBe("warning");
  expect(gradeTone("不合格")).toBe("danger");
  expect(gradeTone("A", ["A", "B", "C"])).toBe("success");
  expect(gradeTone("C", ["A", "B", "C"])).toBe("danger");
  expect(gradeTone(null)).toBe("informative");
});

test("indicator bars: done, on the way, far behind", () => {
  expect(percentTone(1)).toBe("success");
  expect(percentTone(0.7)).toBe("warning");
  expect(percentTone(0.59)).toBe("error");
  expect(percentTone(null)).toBeUndefined();
});

test("findings are grouped by severity (errors first), then by code", () => {
  const f = (code: Finding["code"], severity: Finding["severity"], cell: string): Finding => ({ code, severity, sheet: "S", cell, message: "" });
  const groups = groupFindings([
    f("blank-row", "info", "A1"),
    f("invalid-phone", "warning", "B2"),
    f("not-a-number", "error", "C3"),
    f("invalid-phone", "warning", "B3"),
    f("missing-value", "warning", "D4"),
  ]);
  expect(groups.map((g) => [g.severity, g.count])).toEqual([
    ["error", 1],
    ["warning", 3],
    ["info", 1],
  ]);
  expect(groups[1].codes.map((c) => [c.code, c.findings.length])).toEqual([
    ["invalid-phone", 2],
    ["missing-value", 1],
  ]);
});

test("sheet references are quoted when the name needs it", () => {
  expect(cellRef("名单", "C2")).toBe("名单!C2");
  expect(cellRef("My Sheet", "A1")).toBe("'My Sheet'!A1");
  expect(cellRef("O'Neil", "A1")).toBe("'O''Neil'!A1");
});
