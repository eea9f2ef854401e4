import { toHalfWidth } from "./text";

/**
 * Counts as people write them in Chinese prose: 20, ２０ (full-width), 二十, 十二, 两, 二十五,
 * 一百零五, 两百. One home for the numerals a sentence may carry (a contract's 配备社工二十名).
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A regular-expression source matching one count: Arabic digits or Chinese numerals. */
export const COUNT_SOURCE = "[0-9]+|[零〇一二两三四五六七八九十百千廿]+";

/** The value of a count, or null when the text is not one (一二 is no number; 十十 neither). */
export function readCount(text: string): number | null {
  const t = toHalfWidth(text).trim();
  if (!t) return null;
  if (/^[0-9]+$/.test(t)) return Number(t);
  const s = t.replace(/^廿/, "二十");
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in DIGITS) {
      // two digits in a row (一二) only after 零 (一百零五)
      if (digit !== null && digit !== 0) return null;
      digit = DIGITS[ch];
      continue;
    }
    const unit = UNITS[ch];
    // units fall from left to right: 二十五, 一百零五, never 十百
    if (unit >= lastUnit) return null;
    // a unit without its digit is one of it: 十二 = 一十二, 一百零十 = 一百一十, 二百十 = 二百一十
    total += (digit === null || digit === 0 ? 1 : digit) * unit;
    lastUnit = unit;
    digit = null;
  }
  return total + (digit ?? 0);
}
