import fc from "fast-check";
import { periodsInText } from "../../src/core/dates";
import { findPeriods } from "../../src/core/periods";
import { toHalfWidth } from "../../src/core/text";
import type { WorkbookSnapshot } from "../../src/core/types";

const book = (text: string): WorkbookSnapshot => ({ source: "t.xlsx", sheets: [{ name: "S", values: [[], [], [], ["年度服务协议时间", text]] }] });

/** What findPeriods reads from a cell beside its label, by the plain regular expressions. */
function expected(text: string): { start: string; end: string }[] {
  if (text.length > 400 || !/\d{4}/.test(text) || !/\d{4}\s*[年./-]/.test(toHalfWidth(text))) return [];
  return periodsInText(text).map((h) => h.period);
}

describe("findPeriods reads every range a cell holds", () => {
  test("the shortest range, full-width digits and separators, spaces before the separator", () => {
    for (const text of [
      "2023.7.1-2024.6.3",
      "2023.7.1-2024.6.30",
      "2023年７月１日至２０２４年６月３０日",
      "2023 年7月1日至2024 年6月30日",
      "2023／7／1～2024／6／30",
    ]) {
      const got = findPeriods(book(text)).map((f) => f.period);
      expect(got).toEqual(expected(text));
      expect(got).toHaveLength(1);
    }
    // a range in full-width digits alone is not read (a cell must hold four ASCII digits), as before
    expect(findPeriods(book("２０２３年７月１日至２０２４年６月３０日"))).toEqual([]);
  });

  test("agrees with the regular expressions on any text (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "2023",
        "２０２３",
        "2024",
        "年",
        "月",
        "日",
        ".",
        "-",
        "/",
        "．",
        "－",
        "／",
        "至",
        "～",
        " ",
        "\u3000",
        "\u00a0",
        "7",
        "１",
        "12",
        "30",
      ),
      fc.constantFrom("440117193012239384", "13114336616", "墩头基社区保税路279号1204房", "协议期"),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        expect(findPeriods(book(text)).map((f) => f.period)).toEqual(expected(text));
      }),
      { numRuns: 2000 },
    );
  });
});
