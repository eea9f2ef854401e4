import { formatForQuantity, parseQuantity, unitFromFormat } from "../../src/core/quantity";

describe("parseQuantity", () => {
  it.each([
    ["200个", 200, "个"],
    ["1,469人次", 1469, "人次"],
    ["8384.5小时", 8384.5, "小时"],
    [" 12 ", 12, null],
    ["27万元", 27, "万元"],
  ])("reads %s", (text, value, unit) => {
    const q = parseQuantity(text);
    expect(q).toMatchObject({ kind: "number", value, unit, fromText: true });
  });
  it("reads full-width digits and says so", () => {
    expect(parseQuantity("１２")).toMatchObject({ kind: "number", value: 12, fullWidth: true });
    expect(parseQuantity("１，４６９人次")).toMatchObject({ kind: "number", value: 1469, unit: "人次", fullWidth: true });
  });
  it("reads percentages as fractions with their shown decimals", () => {
    expect(parseQuantity("185.50%")).toMatchObject({ kind: "number", value: 1.855, percent: true, decimals: 2 });
    expect(parseQuantity(1.855, "0.00%")).toMatchObject({ value: 1.855, percent: true, decimals: 2 });
  });
  it("keeps the unit a number format shows", () => {
    expect(unitFromFormat('0"个"')).toBe("个");
    expect(unitFromFormat('#,##0"人次"')).toBe("人次");
    expect(unitFromFormat("0.00%")).toBeNull();
    expect(parseQuantity(371, '0"个"')).toMatchObject({ value: 371, unit: "个", fromText: false });
  });
  it("reads a target written as a minimum, and keeps its words in the format that shows it again", () => {
    for (const [text, value, unit, format] of [
      ["≥200个", 200, "个", '"≥"0"个"'],
      ["不少于 90 个", 90, "个", '"不少于"0"个"'],
      ["至少30人次", 30, "人次", '"至少"0"人次"'],
      ["30个以上", 30, "个", '0"个以上"'],
      ["100及以上", 100, null, '0"及以上"'],
    ] as const) {
      const q = parseQuantity(text);
      expect(q).toMatchObject({ kind: "number", value, unit, fromText: true });
      if (q.kind !== "number") continue;
      expect(formatForQuantity(q)).toBe(format);
      // re-read from the cell the run normalised it into: the same number and unit
      expect(parseQuantity(value, format)).toMatchObject({ kind: "number", value, unit });
    }
    expect(parseQuantity("以上").kind).toBe("text");
    // a unit in brackets is the unit, and is shown in brackets again
    const q = parseQuantity("200（份）");
    expect(q).toMatchObject({ kind: "number", value: 200, unit: "份" });
    if (q.kind === "number") expect(formatForQuantity(q)).toBe('0"（份）"');
    expect(parseQuantity(200, '0"（份）"')).toMatchObject({ value: 200, unit: "份" });
    expect(parseQuantity("200")).not.toHaveProperty("bound");
  });
  it("tells blanks, errors and text apart", () => {
    expect(parseQuantity(null).kind).toBe("blank");
    expect(parseQuantity("  ").kind).toBe("blank");
    expect(parseQuantity("#DIV/0!")).toEqual({ kind: "error", text: "#DIV/0!" });
    expect(parseQuantity("#REF!").kind).toBe("error");
    expect(parseQuantity("约两百个")).toEqual({ kind: "text", text: "约两百个" });
    expect(parseQuantity(true).kind).toBe("text");
  });
  it("builds formats that show the typed text again", () => {
    const f = (s: string) => {
      const q = parseQuantity(s);
      if (q.kind !== "number") throw new Error("not a number");
      return formatForQuantity(q);
    };
    expect(f("200个")).toBe('0"个"');
    expect(f("1,469人次")).toBe('#,##0"人次"');
    expect(f("8384.5小时")).toBe('0.0"小时"');
  });
});
