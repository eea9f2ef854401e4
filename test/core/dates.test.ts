import { DATE1904_OFFSET, fromSerial, looksLike1904, parseAsOf, readDate, serialOf, shiftDateSerials } from "../../src/core/dates";

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

describe("the 1904 date system's tell-tale", () => {
  const contract = [{ start: "2023-07-01", end: "2024-06-30" }];
  const sheet = (serials: number[]) => ({ values: serials.map((v) => [v]), numberFormats: serials.map(() => ["yyyy-mm-dd"]) });
  const inYear = [1, 2, 3, 4, 5, 6].map((m) => serialOf({ y: 2023, m: m + 6, d: 10 }));

  it("dates four years and a day early against a contract year look like 1904; dates in it do not", () => {
    expect(looksLike1904(() => contract, [sheet(inYear.map((d) => d - DATE1904_OFFSET))])).toBe(true);
    expect(looksLike1904(() => contract, [sheet(inYear)])).toBe(false);
  });

  it("says nothing without a period, with fewer than five dates, or when most dates fit as they are", () => {
    expect(looksLike1904(() => [], [sheet(inYear.map((d) => d - DATE1904_OFFSET))])).toBe(false);
    expect(looksLike1904(() => contract, [sheet(inYear.slice(0, 4).map((d) => d - DATE1904_OFFSET))])).toBe(false);
    expect(looksLike1904(() => contract, [sheet([...inYear, ...inYear, ...inYear.slice(0, 5).map((d) => d - DATE1904_OFFSET)])])).toBe(false);
  });

  it("shiftDateSerials moves only date-formatted numbers", () => {
    const values = [[100, 100, "x"]];
    shiftDateSerials(values, [["yyyy/m/d", "0.00", "yyyy/m/d"]], DATE1904_OFFSET);
    expect(values).toEqual([[100 + DATE1904_OFFSET, 100, "x"]]);
  });
});
