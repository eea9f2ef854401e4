/**
 * Finding a worksheet's structure in its UTF-8 bytes, for patching it without decoding it whole
 * into a JavaScript string: a station's 100,000-row roster is ~70 MB of XML of which a plan
 * touches a few hundred rows. Only element names and attribute values the patcher needs are
 * read here, all of them ASCII; everything else stays bytes and is copied as it was.
 */

const GT = 62;
const SLASH = 47;
const QUOT = 34;
const APOS = 39;

const ascii = new TextEncoder();

export function asciiBytes(s: string): Uint8Array {
  return ascii.encode(s);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** after an element name: whitespace, the end of the tag or of an empty element */
function endsName(c: number): boolean {
  return isSpace(c) || c === GT || c === SLASH;
}

/** Buffer#indexOf, which takes a byte sequence */
interface SequenceSearch {
  indexOf(value: Uint8Array, byteOffset: number): number;
}

const NodeBuffer = (globalThis as { Buffer?: { isBuffer(b: unknown): boolean } }).Buffer;

function isNodeBuffer(b: Uint8Array): boolean {
  return NodeBuffer !== undefined && NodeBuffer.isBuffer(b);
}

/**
 * A start-tag finder for `<name` (`name` given with its prefix: `x:row`): Boyer–Moore–Horspool
 * over the bytes, so the scan of a 70 MB sheet looks at a fraction of them. A longer name sharing
 * the start (`<rowBreaks`) is passed over.
 */
export function startTagFinder(name: string): (b: Uint8Array, from: number, to: number) => number {
  const pat = asciiBytes(`<${name}`);
  const m = pat.length;
  const shift = new Uint8Array(256).fill(m);
  for (let j = 0; j < m - 1; j++) shift[pat[j]] = m - 1 - j;
  const last = pat[m - 1];
  return (b, from, to) => {
    // node's Buffer searches a byte sequence natively (memmem-like), several times faster than
    // this loop over a big sheet; the page's Uint8Arrays keep the loop
    if (isNodeBuffer(b)) {
      // `to - 1`: the byte after the name must be there too
      for (let s = findBytes(b, pat, from, to - 1); s >= 0; s = findBytes(b, pat, s + 1, to - 1)) if (endsName(b[s + m])) return s;
      return -1;
    }
    // the byte after the name must be there too: it tells <row from <rowBreaks
    let i = from + m - 1;
    const stop = to - 1;
    while (i < stop) {
      const c = b[i];
      if (c === last) {
        let j = m - 2;
        let k = i - 1;
        while (j >= 0 && b[k] === pat[j]) {
          j--;
          k--;
        }
        if (j < 0 && endsName(b[i + 1])) return i - m + 1;
      }
      i += shift[c];
    }
    return -1;
  };
}

/**
 * Index of the first occurrence of `needle` in bytes[from, to), or -1. A plain loop: it looks
 * for a row's end tag a few hundred bytes on, where a native indexOf per candidate byte (every
 * `<` of the row) cost more in calls, and in compiling node's wrappers of it, than the scan.
 */
export function indexOfBytes(b: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const n = needle.length;
  const first = needle[0];
  const last = Math.min(to, b.length) - n;
  for (let i = Math.max(0, from); i <= last; i++) {
    if (b[i] !== first) continue;
    let j = 1;
    while (j < n && b[i + j] === needle[j]) j++;
    if (j === n) return i;
  }
  return -1;
}

/**
 * Index of the first occurrence of `needle` in bytes[from, to), or -1, for a needle that may be
 * far off: node's Buffer searches natively, skipping most bytes of a long needle; a plain
 * Uint8Array (the page) takes indexOfBytes.
 */
export function findBytes(b: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  if (!isNodeBuffer(b)) return indexOfBytes(b, needle, from, to);
  const i = (b as unknown as SequenceSearch).indexOf(needle, from);
  return i >= 0 && i + needle.length <= to ? i : -1;
}

/** Index of the last occurrence of `needle` in bytes[from, to), or -1. */
export function lastIndexOfBytes(b: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const n = needle.length;
  outer: for (let i = to - n; i >= from; i--) {
    for (let j = 0; j < n; j++) if (b[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Index of the `>` ending the tag that starts at `from`, skipping quoted attribute values; -1 if none before `to`. */
export function tagEndBytes(b: Uint8Array, from: number, to: number): number {
  let q = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (q) {
      if (c === q) q = 0;
    } else if (c === QUOT || c === APOS) q = c;
    else if (c === GT) return i;
  }
  return -1;
}

/**
 * The `r` attribute of the tag in bytes[from, end) (from just past the element name to its `>`)
 * when it is a plain number: the number; -1 when the tag has no `r`; -2 when it has one written
 * some other way (the caller reads that tag as text).
 */
export function rowNumberAttr(b: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end) {
    while (i < end && isSpace(b[i])) i++;
    const nameStart = i;
    while (i < end && b[i] !== 61 && !isSpace(b[i]) && b[i] !== GT && b[i] !== SLASH) i++;
    const nameEnd = i;
    while (i < end && isSpace(b[i])) i++;
    if (b[i] !== 61) {
      // not an attribute (the closing "/" of an empty row): nothing more to read
      if (nameEnd === nameStart) i++;
      continue;
    }
    i++;
    while (i < end && isSpace(b[i])) i++;
    const q = b[i];
    if (q !== QUOT && q !== APOS) return -2;
    const valueStart = ++i;
    while (i < end && b[i] !== q) i++;
    const valueEnd = i++;
    if (nameEnd - nameStart === 1 && b[nameStart] === 114) {
      if (valueEnd === valueStart || valueEnd - valueStart > 9) return -2;
      let n = 0;
      for (let k = valueStart; k < valueEnd; k++) {
        const d = b[k] - 48;
        if (d < 0 || d > 9) return -2;
        n = n * 10 + d;
      }
      return n;
    }
  }
  return -1;
}
