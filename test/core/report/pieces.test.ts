import { formatNumber, literal, paragraphFormulas } from "../../../src/core/report/pieces";

describe("text formula pieces", () => {
  it("formats as Excel's TEXT does: halves away from zero on the decimal value", () => {
    expect(formatNumber(371 / 200, "0.00%")).toBe("185.50%");
    expect(formatNumber(250 / 540, "0.00%")).toBe("46.30%");
    expect(formatNumber(1.855, "0.00%")).toBe("185.50%");
    expect(formatNumber(14.55, "0.00")).toBe("14.55");
    expect(formatNumber(2.5, "0")).toBe("3");
    expect(formatNumber(8384.5, "0.0")).toBe("8384.5");
    expect(formatNumber(-36, "abs0")).toBe("36");
    expect(formatNumber(93.9, "general")).toBe("93.9");
    expect(formatNumber(0.1 + 0.2, "general")).toBe("0.3");
  });

  it("cuts long text constants at 255 characters, never inside a surrogate pair", () => {
    const text = "测".repeat(254) + "𠀀" + "试".repeat(400);
    const f = literal(text);
    const parts = [...f.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]);
    expect(parts.every((p) => p.length <= 255)).toBe(true);
    expect(parts.join("")).toBe(text);
    expect(parts[0].endsWith("测")).toBe(true);
    expect(literal('说"好"')).toBe('"说""好"""');
  });

  it("writes a paragraph without cells as plain text, and a long one over several formulas", () => {
    expect(paragraphFormulas([{ kind: "text", text: "只有文字" }])).toEqual([{ formula: null, text: "只有文字" }]);
    const pieces = Array.from({ length: 400 }, (_, k) => [
      { kind: "text" as const, text: `第${k}项 ` },
      { kind: "number" as const, sheet: "指标完成情况", cell: `C${k + 2}`, value: k, format: "0" as const },
    ]).flat();
    const out = paragraphFormulas(pieces);
    expect(out.length).toBeGreaterThan(1);
    expect(out.every((o) => o.formula !== null && o.formula.length <= 8192)).toBe(true);
    expect(out.map((o) => o.text).join("")).toBe(pieces.map((p) => (p.kind === "text" ? p.text : String(p.value))).join(""));
  });
});
