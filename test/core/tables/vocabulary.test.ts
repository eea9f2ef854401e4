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
      fc.constantFrom(
        "一级",
        "三代同堂",
        "十一",
        "二 、",
        "一\u3000",
        "梁欣美",
        "440117193012239384",
        "13114336616",
        "墩头基社区保税路279号1204房",
        "İ",
        "ß",
        "Ａ",
        "ＴＡＲＧＥＴ",
        "\u3000",
        "㐀",
      ),
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

  test("a leading 一 … 十 followed by any character, alone or before a header word", () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`一${ch}`, `三${ch}得分`, `十二${ch}完成情况`, `一${ch}、得分`]) {
        if (JSON.stringify(matchRole(text)) !== JSON.stringify(matchRoleUnfiltered(text))) wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("a roster's names, ID numbers, phones and addresses are turned away before normalising", () => {
    for (const t of ["梁欣美", "440117193012239384", "13114336616", "一级", "三代同堂", "十二 级"]) expect(mayNameRole(t)).toBe(false);
    // list numbering is stripped before the look-up: 一、 may precede any header
    expect(mayNameRole("一、完成情况")).toBe(true);
    expect(matchRole("三 、得分")?.role).toBe("score");
    expect(mayNameRole("完成率（%）")).toBe(true);
    expect(mayNameRole("ＳＣＯＲＥ")).toBe(true);
  });
});
