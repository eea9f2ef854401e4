import { shiftFormula } from "../../src/file/formula-shift";

describe("shiftFormula", () => {
  it.each([
    ["A1+B2", 1, 0, "A2+B3"],
    ["$A1+A$1+$A$1", 2, 3, "$A3+D$1+$A$1"],
    ["SUM(B2:B10)/COUNT(B2:B10)", 1, 1, "SUM(C3:C11)/COUNT(C3:C11)"],
    ['IFERROR(C3/B3,"")', 4, 0, 'IFERROR(C7/B7,"")'],
    // text in string literals, quoted sheet names and structured references is not a reference
    ['"A1"&A1', 1, 0, '"A1"&A2'],
    ["'Sheet A1'!B2+Sheet2!B2", 1, 0, "'Sheet A1'!B3+Sheet2!B3"],
    ["SUM(Table1[A1])+A1", 0, 1, "SUM(Table1[A1])+B1"],
    // function names that look like references are left alone
    ["LOG10(A1)+ATAN2(B1,C1)", 1, 0, "LOG10(A2)+ATAN2(B2,C2)"],
    ["'指标'!C3/'指标'!B3", 2, 0, "'指标'!C5/'指标'!B5"],
  ])("%s moved by (%i, %i) → %s", (formula, dr, dc, expected) => {
    expect(shiftFormula(formula, dr, dc)).toBe(expected);
  });

  it("gives #REF! for a reference moved off the sheet", () => {
    expect(shiftFormula("A1", -1, 0)).toBe("#REF!");
  });

  it("returns the text unchanged for a zero move", () => {
    expect(shiftFormula("A1+'x''y'!B2", 0, 0)).toBe("A1+'x''y'!B2");
  });
});
