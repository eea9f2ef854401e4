/**
 * Masking of ID numbers and phone numbers. Every string the tool shows or writes about a person's
 * ID or phone goes through here, so a report can be shared without leaking either.
 */

const FULL_WIDTH_DIGIT = /[０-９]/g;

function halfWidthDigits(s: string): string {
  return s.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** Digit positions to keep visible for an ID-like run of `n` characters: [head, tail]. */
function idKeep(n: number): [number, number] {
  if (n >= 18) return [6, 4];
  if (n >= 15) return [6, 3];
  if (n >= 10) return [3, 2];
  // too short to be an ID: hide everything but the last two, so nothing identifying survives
  return [0, Math.min(2, Math.max(0, n - 4))];
}

/**
 * 440112199001011234 → 440112********1234; 15-digit legacy numbers keep the first 6 and last 3.
 * Only the birth date and sequence are hidden: the region code and the tail are what a
 * reader needs to find the row again.
 */
export function maskId(id: string | number): string {
  const s = halfWidthDigits(typeof id === "number" ? numberToPlainString(id) : String(id)).replace(/\s+/g, "");
  const [head, tail] = idKeep(s.length);
  if (head + tail >= s.length) return "*".repeat(s.length);
  return s.slice(0, head) + "*".repeat(s.length - head - tail) + s.slice(s.length - tail);
}

/**
 * 13812348000 → 138****8000. Separators (spaces, dashes, +86) are kept; only digits are hidden,
 * counted over the digits alone so 020-1234 5678 is masked the same as 02012345678.
 */
export function maskPhone(phone: string | number): string {
  const whole = halfWidthDigits(typeof phone === "number" ? numberToPlainString(phone) : String(phone)).replace(/＋/g, "+");
  // a country code is not part of the number: +86 138 1234 8000 masks as +86 138 **** 8000
  const cc = /^\s*(?:\+86|0086)[\s-]*(?=1)/.exec(whole);
  if (cc) return cc[0] + maskPhone(whole.slice(cc[0].length));
  const s = whole;
  const digitCount = (s.match(/\d/g) ?? []).length;
  let head: number;
  let tail: number;
  if (digitCount >= 10) {
    head = 3;
    tail = 4;
  } else if (digitCount >= 6) {
    head = 0;
    tail = 2;
  } else {
    head = 0;
    tail = 0;
  }
  let i = 0;
  let out = "";
  for (const ch of s) {
    if (ch >= "0" && ch <= "9") {
      out += i < head || i >= digitCount - tail ? ch : "*";
      i++;
    } else out += ch;
  }
  return out;
}

/**
 * 4.40112199001011e17 → "440112199001011000": the digits Excel shows for a long number stored as
 * a number (15 significant digits, the rest zeros).
 */
export function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (!Number.isInteger(n) || Math.abs(n) < 1e15) return String(n);
  const [mantissa, exp] = n.toPrecision(15).split("e+");
  if (exp === undefined) return mantissa;
  const digits = mantissa.replace(".", "").replace("-", "");
  const zeros = Number(exp) + 1 - digits.length;
  return (n < 0 ? "-" : "") + digits + "0".repeat(Math.max(0, zeros));
}

// ID-like: 15–18 digit runs (18th may be X); phone-like: mobiles with optional +86/0086 and
// landlines with an area code. Runs are matched on digit boundaries so they are never cut mid-number.
const ID_RUN = /(?<![0-9０-９])[0-9０-９]{14,17}[0-9０-９Xx](?![0-9０-９])/g;
const MOBILE_RUN = /(?<![0-9０-９])(?:(?:\+|＋)?(?:86|８６)[\s-]?|00(?:86)[\s-]?)?1[3-9３-９][0-9０-９](?:[\s-]?[0-9０-９]){8}(?![0-9０-９])/g;
const LANDLINE_RUN = /(?<![0-9０-９])[0０][0-9０-９]{2,3}[\s-]?[0-9０-９]{7,8}(?![0-9０-９])/g;
// any other long digit run (a mistyped ID or phone) is masked too: over 8 digits is never needed in a message
const LONG_RUN = /(?<![0-9０-９*])[0-9０-９]{9,}(?![0-9０-９*])/g;

/** Mask every ID-like or phone-like digit run inside free text (messages, report strings). */
export function maskText(text: string): string {
  if (!/[0-9０-９]{6}/.test(text) && !/[0-9０-９][\s-][0-9０-９]/.test(text)) return text;
  return text
    .replace(ID_RUN, (m) => maskId(m))
    .replace(MOBILE_RUN, (m) => maskPhone(m))
    .replace(LANDLINE_RUN, (m) => maskPhone(m))
    .replace(LONG_RUN, (m) => maskPhone(m));
}
