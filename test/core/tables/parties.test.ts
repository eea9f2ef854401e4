import fc from "fast-check";
import { PARTY_WORDS, partyOf } from "../../../src/core/tables/parties";
import { normaliseLabel } from "../../../src/core/text";

/** partyOf as written before its pre-filter: normalise, then the words. */
function reference(label: string): string | null {
  if (label.length > 60) return null;
  const t = normaliseLabel(label);
  if (!t || t.length > 40) return null;
  for (const p of PARTY_WORDS) if (p.words.test(t)) return p.party;
  return null;
}

describe("partyOf's pre-filter loses no party", () => {
  test("the words are plain alternatives of ideographs (the pre-filter reads their first characters)", () => {
    for (const { words } of PARTY_WORDS) expect(words.source).toMatch(/^[\u4e00-\u9fff]+(\|[\u4e00-\u9fff]+)*$/);
  });

  test("labels built from party words, decorations and roster text agree with the unfiltered reading (property)", () => {
    const words = PARTY_WORDS.flatMap((p) => p.words.source.split("|"));
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom("1.", "一、", "（二）", " ", "\n", "*", "：", "得分", "权重", "市", "区"),
      fc.constantFrom("梁欣美", "440117193012239384", "13114336616", "夏港街道", "墩头基社区保税路279号1204房"),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (parts) => {
        const label = parts.join("");
        expect(partyOf(label)).toEqual(reference(label));
      }),
      { numRuns: 3000 },
    );
    for (const w of words) expect(partyOf(`1. ${w}`)).toEqual(reference(`1. ${w}`));
  });
});
