/**
 * Text cells a plan writes go into the shared string table, reusing an existing entry when the
 * same plain text is already there. A restored roster repeats the source sheet's names, addresses
 * and categories, which are all in the table already, so the new sheet holds only indexes: the
 * output stays close to the input's size and is quick to compress. Existing entries are never
 * edited or renumbered; new ones are appended, so every existing cell keeps pointing at its text.
 * When the plan adds no new text the part is left byte-identical.
 */
import { XlsxError } from "./errors";
import { richItemsOf } from "./package";
import { escapeStringText, rootElement, rootPrefix, setAttr, stringItemText, attr, utf8Encode } from "./xml";

export const EMPTY_SST =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>';

export class SharedStringsEditor {
  /** texts already answered, and every text the plan added */
  private readonly known = new Map<string, number>();
  /** the table's items by textKey, when its texts came from parseSharedStrings (see lookUp) */
  private buckets: Map<number, number | number[]> | null = null;
  private rich: ReadonlySet<number> | undefined;
  /** the table's items by text, when only its XML is known */
  private index: Map<string, number> | null = null;
  private built = false;
  private bucketLookups = 0;
  private existing = 0;
  private readonly added: string[] = [];
  private references = 0;

  /**
   * `xml` is the current sharedStrings.xml, or null when the package has none yet; `texts` its
   * items' texts as the package read them (parseSharedStrings), so they are not decoded twice.
   */
  constructor(
    private readonly xml: string | null,
    private readonly texts?: readonly string[],
    /** `xml`'s bytes as the package held them: the unchanged items are copied from them, not encoded again */
    private readonly bytes?: Uint8Array,
  ) {}

  get hasAdditions(): boolean {
    return this.added.length > 0;
  }

  private build(): void {
    this.built = true;
    const xml = this.xml;
    const texts = this.texts;
    // texts parseSharedStrings read from this table: it noted the rich items, so no second scan
    const rich = xml && texts ? richItemsOf(texts) : undefined;
    if (texts && rich) {
      // A plan asks for a few dozen texts; the table holds one or more per roster row. Hashing
      // every item into a Map cost more than the asking, so items are bucketed by a key made of
      // their length and end characters (no hashing) and compared only within a bucket.
      const buckets = new Map<number, number | number[]>();
      for (let n = 0; n < texts.length; n++) {
        const k = textKey(texts[n]);
        const b = buckets.get(k);
        if (b === undefined) buckets.set(k, n);
        else if (typeof b === "number") buckets.set(k, [b, n]);
        else b.push(n);
      }
      this.buckets = buckets;
      this.rich = rich;
      this.existing = texts.length;
    } else if (xml) {
      const index = new Map<string, number>();
      const p = rootPrefix(xml);
      const open = `<${p}si`;
      const close = `</${p}si>`;
      const run = new RegExp(`<${p}r[\\s>]`);
      let i = 0;
      let n = 0;
      for (;;) {
        i = xml.indexOf(open, i);
        if (i < 0) break;
        const te = xml.indexOf(">", i);
        if (te < 0) throw new XlsxError("corrupt", "unterminated <si>");
        let end = te + 1;
        let text = "";
        let rich = false;
        if (xml.charCodeAt(te - 1) !== 47) {
          end = xml.indexOf(close, te);
          if (end < 0) throw new XlsxError("corrupt", "unterminated <si>");
          // rich text carries formatting the plain value should not inherit
          rich = run.test(xml.slice(te + 1, end));
          text = texts && n < texts.length ? texts[n] : stringItemText(xml, te + 1, end, p);
          end += close.length;
        }
        if (!rich && !index.has(text)) index.set(text, n);
        n++;
        i = end;
      }
      this.index = index;
      this.existing = n;
    }
  }

  /** The first plain (not rich) item of the table holding `text`, or undefined. */
  private lookUp(text: string): number | undefined {
    if (this.index) return this.index.get(text);
    const buckets = this.buckets;
    if (!buckets) return undefined;
    // a plan that asks for many texts (a view written as values asks once per distinct cell)
    // would scan buckets of similar texts (ID numbers share a length and ends) each time: past a
    // few hundred questions the table is indexed by text after all
    if (++this.bucketLookups > MAX_BUCKET_LOOKUPS) {
      this.index = indexTexts(this.texts!, this.rich!);
      this.buckets = null;
      return this.index.get(text);
    }
    const b = buckets.get(textKey(text));
    if (b === undefined) return undefined;
    const texts = this.texts!;
    const rich = this.rich!;
    if (typeof b === "number") return texts[b] === text && !rich.has(b) ? b : undefined;
    for (const n of b) if (texts[n] === text && !rich.has(n)) return n;
    return undefined;
  }

  /** Index of `text` in the table, appending it when new; counts one more reference. */
  indexOf(text: string): number {
    if (!this.built) this.build();
    this.references++;
    let i = this.known.get(text);
    if (i === undefined) {
      i = this.lookUp(text);
      if (i === undefined) {
        i = this.existing + this.added.length;
        this.added.push(text);
      }
      this.known.set(text, i);
    }
    return i;
  }

  toXml(): string {
    const { head, body, tail } = this.pieces();
    return head + body + tail;
  }

  /**
   * The table as UTF-8. A station's table is megabytes of mostly Chinese text: its items are
   * copied from the bytes it was read from, and only the root tag and the appended items are
   * encoded. Decoding valid UTF-8 is one-to-one, so a character offset maps to the byte length
   * of the text before it; text holding U+FFFD may have come from bytes that were not UTF-8,
   * and is encoded from the string as before.
   */
  toBytes(): Uint8Array {
    const { head, body, tail, bodyStart, bodyEnd } = this.pieces();
    const xml = this.xml;
    const bytes = this.bytes;
    const encoded = () => utf8Encode(head + body + tail);
    if (!xml || !bytes || bodyStart < 0 || xml.indexOf("\uFFFD") >= 0) return encoded();
    const from = utf8Encode(xml.slice(0, bodyStart)).length;
    const to = bytes.length - utf8Encode(xml.slice(bodyEnd)).length;
    // bytes that are not this text's (a caller's mistake) would splice garbage
    if (from > to) return encoded();
    const headBytes = utf8Encode(head);
    const tailBytes = utf8Encode(tail);
    const out = new Uint8Array(headBytes.length + (to - from) + tailBytes.length);
    out.set(headBytes, 0);
    out.set(bytes.subarray(from, to), headBytes.length);
    out.set(tailBytes, headBytes.length + to - from);
    return out;
  }

  /** the new table as its new head (through the root's open tag), the kept items and the new tail; where the kept items lie in `xml` (-1 when written anew) */
  private pieces(): { head: string; body: string; tail: string; bodyStart: number; bodyEnd: number } {
    const xml = this.xml ?? EMPTY_SST;
    const root = rootElement(xml);
    if (!root) throw new XlsxError("corrupt", "sharedStrings.xml has no root");
    const p = rootPrefix(xml);
    const items = this.added
      .map((t) => `<${p}si><${p}t${/^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : ""}>${escapeStringText(t)}</${p}t></${p}si>`)
      .join("");
    let open = xml.slice(root.start, root.openEnd).replace(/\s*\/>$/, ">");
    open = setAttr(open, "uniqueCount", String(this.existing + this.added.length));
    // count is the number of cells using the table; it is advisory, so it only has to grow with our references
    const count = Number(attr(open, "count"));
    if (Number.isFinite(count)) open = setAttr(open, "count", String(count + this.references));
    const body = root.selfClosing ? "" : xml.slice(root.openEnd, root.end);
    const closing = root.selfClosing ? `</${root.name}>` : xml.slice(root.end, root.end + root.name.length + 3);
    const after = xml.slice(root.selfClosing ? root.openEnd : root.end + root.name.length + 3);
    const kept = this.xml !== null && !root.selfClosing;
    return { head: xml.slice(0, root.start) + open, body, tail: items + closing + after, bodyStart: kept ? root.openEnd : -1, bodyEnd: kept ? root.end : -1 };
  }
}

const MAX_BUCKET_LOOKUPS = 256;

/** Each text's first plain item (rich ones skipped). */
function indexTexts(texts: readonly string[], rich: ReadonlySet<number>): Map<string, number> {
  const index = new Map<string, number>();
  for (let n = 0; n < texts.length; n++) if (!rich.has(n) && !index.has(texts[n])) index.set(texts[n], n);
  return index;
}

/** A small-integer key for a text from its length and first and last characters: equal texts have equal keys. */
function textKey(t: string): number {
  const n = t.length;
  return n === 0 ? 0 : ((n & 0x7ff) << 20) | ((t.charCodeAt(0) * 31 + t.charCodeAt(n - 1)) & 0xfffff);
}
