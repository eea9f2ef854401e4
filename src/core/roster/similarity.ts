/**
 * Character similarity for short Chinese headers. Plain edit distance is useless here: 姓名 and
 * 名称 are one edit apart yet mean different things. Instead we compare the sets of single
 * characters and of adjacent character pairs together (a Dice coefficient over both), so the
 * order of characters counts, and we credit one header containing the other in full, scaled by
 * how much of the longer one it covers.
 */

function grams(s: string): { uni: Map<string, number>; bi: Map<string, number> } {
  const chars = Array.from(s);
  const uni = new Map<string, number>();
  const bi = new Map<string, number>();
  for (let i = 0; i < chars.length; i++) {
    uni.set(chars[i], (uni.get(chars[i]) ?? 0) + 1);
    if (i + 1 < chars.length) {
      const b = chars[i] + chars[i + 1];
      bi.set(b, (bi.get(b) ?? 0) + 1);
    }
  }
  return { uni, bi };
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [k, v] of a) n += Math.min(v, b.get(k) ?? 0);
  return n;
}

function size(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

/** Dice over unigrams and bigrams together, in [0, 1]. */
export function gramDice(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const ga = grams(a);
  const gb = grams(b);
  const total = size(ga.uni) + size(gb.uni) + size(ga.bi) + size(gb.bi);
  if (total === 0) return 0;
  return (2 * (overlap(ga.uni, gb.uni) + overlap(ga.bi, gb.bi))) / total;
}

/** 0.5 + half the coverage when one string holds the other whole (at least two characters), else 0. */
export function containment(a: string, b: string): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (Array.from(short).length < 2 || !long.includes(short)) return 0;
  return 0.5 + (0.5 * Array.from(short).length) / Array.from(long).length;
}

// Words that make a header about someone other than the service object (紧急联系电话, 监护人姓名):
// such a header may be offered as a candidate but never taken on similarity alone.
const OTHER_PERSON = /紧急|监护|家属|户主|联系人|亲属|照顾者|其他|配偶|子女|父|母亲/;

/** Similarity of two normalised headers, in [0, 1]. */
export function headerSimilarity(header: string, name: string): number {
  const s = Math.max(gramDice(header, name), containment(header, name));
  if (OTHER_PERSON.test(header) && !OTHER_PERSON.test(name)) return Math.min(s, 0.6);
  return s;
}
