import fc from "fast-check";
import { excelRound, excelSum } from "../../src/core/round";

describe("excelRound", () => {
  it("rounds the decimal value people see", () => {
    expect(excelRound(excelSum([16, 8, 12, 43.995]), 2)).toBe(80);
    expect(excelRound(79.994999, 2)).toBe(79.99);
    expect(excelRound(1.005, 2)).toBe(1.01);
    expect(excelRound(-2.5, 0)).toBe(-3);
    expect(excelRound(0, 2)).toBe(0);
    expect(excelRound(93.9, 2)).toBe(93.9);
  });
  it("never moves a value by more than half a unit", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(Math.abs(excelRound(x, 2) - x)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});
