/**
 * Small, allocation-light helpers for scanning and splicing OOXML text.
 *
 * Why not a DOM or a SAX library: the writer must patch worksheets so that every byte we do not
 * change stays exactly as it was (a serialiser would re-quote attributes, drop namespace quirks
 * and reorder things), and a 100k-row sheet is tens of megabytes of XML that a DOM would turn into
 * millions of objects. Positions in the decoded string are our "byte positions": we decode UTF-8
 * once (keeping any BOM), splice strings, and encode once.
 */

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decode XML character and entity references. Unknown entities are kept literally (they are not valid XML anyway). */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Decode OOXML's `_xHHHH_` escapes (used for characters XML cannot carry), after entity decoding. */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text content of a string item: entities, then `_xHHHH_`. */
export function decodeStringText(s: string): string {
  return decodeOoxmlEscapes(decodeEntities(s));
}

export function escapeText(s: string): string {
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\n\r\t]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : `&#${c.charCodeAt(0)};`));
}

const NEEDS_STRING_ESCAPE = /[&<>_\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Escape a cell string for `<t>` / `<v>`: XML-escape, protect a literal `_xHHHH_` by escaping its
 * underscore, and write control characters XML 1.0 forbids as `_xHHHH_`, as Excel does.
 */
export function escapeStringText(s: string): string {
  // most cell text (names, numbers as text, Chinese labels) needs nothing: skip the three passes
  if (!NEEDS_STRING_ESCAPE.test(s)) return s;
  const protectedText = s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeText(protectedText);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** End of a start tag (index of its `>`), skipping quoted attribute values. */
export function tagEnd(xml: string, from: number): number {
  let q = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (q) {
      if (c === q) q = 0;
    } else if (c === 34 || c === 39) q = c;
    else if (c === 62) return i;
  }
  return -1;
}

/** Parse the attributes of a start tag text such as `<c r="A1" s="2">` (raw values, entities undecoded). */
export function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 1;
  while (i < tag.length && !isSpace(tag.charCodeAt(i)) && tag[i] !== ">" && tag[i] !== "/") i++;
  for (;;) {
    while (i < tag.length && isSpace(tag.charCodeAt(i))) i++;
    const eq = tag.indexOf("=", i);
    if (eq < 0) break;
    const name = tag.slice(i, eq).trim();
    let j = eq + 1;
    while (j < tag.length && isSpace(tag.charCodeAt(j))) j++;
    const quote = tag[j];
    if (quote !== '"' && quote !== "'") break;
    const close = tag.indexOf(quote, j + 1);
    if (close < 0) break;
    out.set(name, tag.slice(j + 1, close));
    i = close + 1;
  }
  return out;
}

/** Raw value of one attribute of a start tag (entities undecoded); a sequential scan, no allocation but the result. */
export function rawAttr(tag: string, name: string): string | undefined {
  let i = 1;
  while (i < tag.length && !isSpace(tag.charCodeAt(i)) && tag.charCodeAt(i) !== 62 && tag.charCodeAt(i) !== 47) i++;
  for (;;) {
    while (i < tag.length && isSpace(tag.charCodeAt(i))) i++;
    const eq = tag.indexOf("=", i);
    if (eq < 0) return undefined;
    let nameEnd = eq;
    while (nameEnd > i && isSpace(tag.charCodeAt(nameEnd - 1))) nameEnd--;
    let j = eq + 1;
    while (j < tag.length && isSpace(tag.charCodeAt(j))) j++;
    const quote = tag[j];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = tag.indexOf(quote, j + 1);
    if (close < 0) return undefined;
    if (nameEnd - i === name.length && tag.startsWith(name, i)) return tag.slice(j + 1, close);
    i = close + 1;
  }
}

/** One attribute of a start tag, decoded; undefined when absent. */
export function attr(tag: string, name: string): string | undefined {
  const v = rawAttr(tag, name);
  return v === undefined ? undefined : decodeEntities(v);
}

const setAttrRe = new Map<string, RegExp>();
const removeAttrRe = new Map<string, RegExp>();

function attrRegExp(cache: Map<string, RegExp>, name: string, capture: boolean): RegExp {
  let re = cache.get(name);
  if (!re) {
    const n = name.replace(/[:.]/g, "\\$&");
    re = capture ? new RegExp(`(\\s${n}\\s*=\\s*)("[^"]*"|'[^']*')`) : new RegExp(`\\s${n}\\s*=\\s*("[^"]*"|'[^']*')`);
    cache.set(name, re);
  }
  return re;
}

/** Set (or add) an attribute on a start tag text; `value` is escaped here. Other attributes keep their bytes. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = attrRegExp(setAttrRe, name, true);
  const escaped = `"${escapeAttr(value)}"`;
  if (re.test(tag)) return tag.replace(re, (_w, pre: string) => pre + escaped);
  const close = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}=${escaped}${tag.slice(close)}`;
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(attrRegExp(removeAttrRe, name, false), "");
}

/** The namespace prefix of the root element ("" or "x:"), so scans work on prefixed documents too. */
export function rootPrefix(xml: string): string {
  let i = 0;
  for (;;) {
    i = xml.indexOf("<", i);
    if (i < 0) return "";
    const c = xml[i + 1];
    if (c === "?" || c === "!") {
      // an unterminated declaration: no root (searching on from -1 would start over at 0)
      i = xml.indexOf(">", i);
      if (i < 0) return "";
      continue;
    }
    let j = i + 1;
    while (j < xml.length && !isSpace(xml.charCodeAt(j)) && xml[j] !== ">" && xml[j] !== "/") j++;
    const name = xml.slice(i + 1, j);
    const colon = name.indexOf(":");
    return colon < 0 ? "" : name.slice(0, colon + 1);
  }
}

/**
 * The prefix (with its colon) bound to one of `uris` at a point whose enclosing start tags are
 * `tags`, innermost first; null when none is. A prefix rebound by an inner tag to another name
 * does not count, and the default namespace is not a prefix.
 */
export function prefixInScope(tags: readonly string[], uris: readonly string[]): string | null {
  const bound = new Map<string, string>();
  for (const tag of tags) {
    for (const [name, value] of parseAttrs(tag)) {
      if (!name.startsWith("xmlns:")) continue;
      const prefix = name.slice(6);
      if (!bound.has(prefix)) bound.set(prefix, decodeEntities(value));
    }
  }
  for (const [prefix, uri] of bound) if (uris.includes(uri)) return `${prefix}:`;
  return null;
}

/** Prefixes bound anywhere in `tags` (so a new declaration can pick a name that shadows none of them). */
export function boundPrefixes(tags: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const tag of tags) for (const name of parseAttrs(tag).keys()) if (name.startsWith("xmlns:")) out.add(name.slice(6));
  return out;
}

/** A located element: `start` at its `<`, `openEnd` just past its start tag, `end` just past the element. */
export interface Span {
  name: string;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
}

/** Is `xml` at `i` the start tag `<name` (followed by whitespace, `>` or `/>`)? */
export function isStartTag(xml: string, i: number, qname: string): boolean {
  if (!xml.startsWith(qname, i + 1) || xml.charCodeAt(i) !== 60) return false;
  const c = xml.charCodeAt(i + 1 + qname.length);
  return c === 62 || c === 47 || isSpace(c);
}

/** Find the next element `qname` at or after `from` (and before `limit`), including its end. Elements must not nest in themselves. */
export function findElement(xml: string, qname: string, from = 0, limit = xml.length): Span | null {
  let i = from;
  for (;;) {
    i = xml.indexOf(`<${qname}`, i);
    if (i < 0 || i >= limit) return null;
    if (isStartTag(xml, i, qname)) break;
    i += 1;
  }
  const te = tagEnd(xml, i);
  if (te < 0) return null;
  const selfClosing = xml.charCodeAt(te - 1) === 47;
  if (selfClosing) return { name: qname, start: i, openEnd: te + 1, end: te + 1, selfClosing };
  const close = xml.indexOf(`</${qname}>`, te);
  if (close < 0) return null;
  return { name: qname, start: i, openEnd: te + 1, end: close + qname.length + 3, selfClosing };
}

/** All elements `qname` between from and limit (non-nesting). */
export function findAll(xml: string, qname: string, from = 0, limit = xml.length): Span[] {
  const out: Span[] = [];
  let i = from;
  for (;;) {
    const s = findElement(xml, qname, i, limit);
    if (!s) return out;
    out.push(s);
    i = s.end;
  }
}

/**
 * Direct children of the element whose content starts at `from`, up to its closing tag (or `to`).
 * Names keep their prefix. Comments and processing instructions are skipped.
 */
export function childElements(xml: string, from: number, to = xml.length): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let current: { name: string; start: number; openEnd: number } | null = null;
  let i = from;
  while (i < to) {
    i = xml.indexOf("<", i);
    if (i < 0 || i >= to) break;
    const c = xml[i + 1];
    // an unterminated comment or instruction runs to the end: stop there (a search that fails
    // gives -1, and -1 + 3 would send the scan back to the start of the part, for ever)
    if (c === "!") {
      const comment = xml.startsWith("<!--", i);
      const close = comment ? xml.indexOf("-->", i + 4) : xml.indexOf(">", i);
      if (close < 0) break;
      i = close + (comment ? 3 : 1);
      continue;
    }
    if (c === "?") {
      const close = xml.indexOf("?>", i + 2);
      if (close < 0) break;
      i = close + 2;
      continue;
    }
    const te = tagEnd(xml, i);
    if (te < 0) break;
    if (c === "/") {
      if (depth === 0) break; // the parent's closing tag
      depth--;
      if (depth === 0 && current) {
        out.push({ ...current, end: te + 1, selfClosing: false });
        current = null;
      }
      i = te + 1;
      continue;
    }
    let j = i + 1;
    while (j < te && !isSpace(xml.charCodeAt(j)) && xml[j] !== "/" && xml[j] !== ">") j++;
    const name = xml.slice(i + 1, j);
    const selfClosing = xml.charCodeAt(te - 1) === 47;
    if (depth === 0) {
      if (selfClosing) out.push({ name, start: i, openEnd: te + 1, end: te + 1, selfClosing: true });
      else {
        // big leaf-ish containers: jump straight to their end instead of walking every tag
        const close = name.endsWith("sheetData") || name.endsWith("sst") ? xml.indexOf(`</${name}>`, te) : -1;
        if (close >= 0) {
          out.push({ name, start: i, openEnd: te + 1, end: close + name.length + 3, selfClosing: false });
          i = close + name.length + 3;
          continue;
        }
        current = { name, start: i, openEnd: te + 1 };
        depth = 1;
      }
    } else if (!selfClosing) depth++;
    i = te + 1;
  }
  return out;
}

/** The root element's span (start tag and content bounds). */
export function rootElement(xml: string): Span | null {
  let i = 0;
  for (;;) {
    i = xml.indexOf("<", i);
    if (i < 0) return null;
    const c = xml[i + 1];
    if (c === "?" || c === "!") {
      i = xml.indexOf(">", i) + 1;
      if (i <= 0) return null;
      continue;
    }
    const te = tagEnd(xml, i);
    if (te < 0) return null;
    let j = i + 1;
    while (j < te && !isSpace(xml.charCodeAt(j)) && xml[j] !== "/" && xml[j] !== ">") j++;
    const name = xml.slice(i + 1, j);
    const selfClosing = xml.charCodeAt(te - 1) === 47;
    const close = selfClosing ? te + 1 : xml.lastIndexOf(`</${name}`);
    if (close < 0) return null;
    return { name, start: i, openEnd: te + 1, end: selfClosing ? te + 1 : close, selfClosing };
  }
}

/**
 * Concatenated text of the `<t>` runs in a string item (`<si>` or `<is>`), skipping phonetic
 * guides (`<rPh>`), which hold furigana rather than cell text.
 */
export function stringItemText(xml: string, from: number, to: number, p: string): string {
  // work on the item alone: an unbounded indexOf for a tag that is absent would scan the rest of the part
  let item = xml.slice(from, to);
  if (item.indexOf(`<${p}rPh`) >= 0) item = item.replace(new RegExp(`<${p}rPh[\\s>][\\s\\S]*?</${p}rPh>`, "g"), "");
  const openT = `<${p}t`;
  const closeT = `</${p}t>`;
  let text = "";
  let i = 0;
  for (;;) {
    i = item.indexOf(openT, i);
    if (i < 0) break;
    const c = item.charCodeAt(i + openT.length);
    if (c !== 62 && c !== 47 && !isSpace(c)) {
      i += openT.length;
      continue;
    }
    const te = item.indexOf(">", i);
    if (te < 0) break;
    if (item.charCodeAt(te - 1) === 47) {
      i = te + 1;
      continue;
    }
    const close = item.indexOf(closeT, te);
    if (close < 0) break;
    text += item.slice(te + 1, close);
    i = close + closeT.length;
  }
  return decodeStringText(text);
}
