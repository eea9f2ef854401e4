import fc from "fast-check";
import { matchRole, matchRoleUnfiltered, mayNameRole, ROLE_VOCABULARY } from "../../../src/core/tables/vocabulary";

const words = ROLE_VOCABULARY.flatMap((e) => [...e.words, ...(e.prefixes ?? []), ...(e.suffixes ?? [])]);
const decorations = ["", "（个）", "(%)", "%", "*", "：", "1.", "一、", "（二）", " ", "\n", "必填", "／人次", "【说明】"];
const widen = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe("the role pre-filter loses no header", () => {
  test("every word of the vocabulary, decorated, in either width and case, still matches as without the filter", () => {
    for (const w of words)
      for (const d of decorations)
        for (const text of [w, `${d}${w}`, `${w}${d}`, w.toUpperCase(), widen(w), widen(w.toUpperCase())]) {
          expect(matchRole(text)).toEqual(matchRoleUnfiltered(text));
        }
  });

  test("any text built from vocabulary pieces, roster text and odd characters (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...decorations),
      fc.constantFrom("梁欣美", "440117193012239384", "13114336616", "墩头基社区保税路279号1204房", "İ", "ß", "Ａ", "ＴＡＲＧＥＴ", "\u3000", "㐀"),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (parts) => {
        const text = parts.join("");
        expect(matchRole(text)).toEqual(matchRoleUnfiltered(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("a roster's names, ID numbers, phones and addresses are turned away before normalising", () => {
    for (const t of ["梁欣美", "440117193012239384", "13114336616"]) expect(mayNameRole(t)).toBe(false);
    expect(mayNameRole("完成率（%）")).toBe(true);
    expect(mayNameRole("ＳＣＯＲＥ")).toBe(true);
  });
});
