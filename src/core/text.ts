/** Text normalisation shared by the header and label matchers. */

const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width ASCII (０-９, Ａ-Ｚ, ．，％ …) → half-width; the ideographic space → space. */
export function toHalfWidth(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - FULL_WIDTH_OFFSET);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

export function hasFullWidthDigits(s: string): boolean {
  return /[０-９]/.test(s);
}

/**
 * Canonical form of a header or label for comparison: half-width, no whitespace, Chinese
 * brackets as ASCII, and the decorations people add to headers (必填, *, trailing colons) removed.
 */
export function normaliseHeader(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\u00a0]+/g, "")
    .replace(/[【\[]/g, "(")
    .replace(/[】\]]/g, ")")
    .replace(/\((必填|选填)\)|必填|\*+/g, "")
    .replace(/[:：]+$/g, "")
    .replace(/^\d+[.、)]|^\(\S{1,3}\)/, "")
    .trim();
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  return String(v);
}
