import { fromSerial, parseAsOf, readDate } from "../../src/core/dates";

describe("dates", () => {
  test("Excel serials", () => {
    expect(fromSerial(45352)).toEqual({ y: 2024, m: 3, d: 1 });
    expect(fromSerial(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(fromSerial(0)).toBeNull();
  });

  test("agrees with the calendar over two centuries", () => {
    for (let s = 61; s < 80000; s += 37) {
      const t = new Date(Date.UTC(1899, 11, 30) + s * 86400000);
      expect(fromSerial(s + 0.75)).toEqual({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
    }
  });

  test.each(["2024-03-01", "2024/3/1", "2024.03.01", "2024年3月1日", "20240301", "２０２４-03-01"])("%s reads as 2024-03-01", (s) => {
    expect(readDate(s)).toEqual({ y: 2024, m: 3, d: 1 });
  });

  test.each(["2024-02-30", "去年", "2024-13-01", "24-3-1"])("%s is not a date", (s) => expect(readDate(s)).toBeNull());

  test("the evaluation date", () => {
    expect(parseAsOf("2025-06-30")).toEqual({ y: 2025, m: 6, d: 30 });
    expect(parseAsOf(null)).toBeNull();
    expect(parseAsOf("soon")).toBeNull();
  });
});
