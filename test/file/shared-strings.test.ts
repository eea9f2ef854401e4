import { parseSharedStrings } from "../../src/file/package";
import { SharedStringsEditor } from "../../src/file/shared-strings";
import { utf8Decode, utf8Encode } from "../../src/file/xml";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

describe("SharedStringsEditor", () => {
  it("reuses plain entries, never rich ones, and appends new text with counts updated", () => {
    const xml = `<?xml version="1.0"?><sst ${NS} count="5" uniqueCount="3"><si><t>男</t></si><si><r><rPr><b/></rPr><t>女</t></r></si><si><t>低保</t></si></sst>`;
    const e = new SharedStringsEditor(xml);
    expect(e.indexOf("男")).toBe(0);
    expect(e.indexOf("低保")).toBe(2);
    // "女" exists only as bold rich text: the plain value gets its own entry
    expect(e.indexOf("女")).toBe(3);
    expect(e.indexOf(" 前后 ")).toBe(4);
    expect(e.indexOf("女")).toBe(3);
    const out = e.toXml();
    expect(out).toContain('count="10" uniqueCount="5"');
    expect(out).toContain('<si><t>女</t></si><si><t xml:space="preserve"> 前后 </t></si></sst>');
    expect(parseSharedStrings(out)).toEqual(["男", "女", "低保", "女", " 前后 "]);
  });

  it("starts a table when the package has none, and handles an empty self-closing one", () => {
    const fresh = new SharedStringsEditor(null);
    expect(fresh.hasAdditions).toBe(false);
    expect(fresh.indexOf("a<b")).toBe(0);
    expect(parseSharedStrings(fresh.toXml())).toEqual(["a<b"]);
    const empty = new SharedStringsEditor(`<sst ${NS}/>`);
    empty.indexOf("x");
    expect(empty.toXml()).toBe(`<sst ${NS} uniqueCount="1"><si><t>x</t></si></sst>`);
  });

  it("writes into a prefixed table with its prefix", () => {
    const e = new SharedStringsEditor('<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>a</x:t></x:si></x:sst>');
    expect(e.indexOf("b")).toBe(1);
    expect(e.toXml()).toContain("<x:si><x:t>a</x:t></x:si><x:si><x:t>b</x:t></x:si></x:sst>");
  });
});

describe("SharedStringsEditor given the texts parseSharedStrings read", () => {
  const tables = [
    `<?xml version="1.0"?><sst ${NS}><si><t>a</t></si><si><r><rPr><b/></rPr><t>b</t></r></si><si/><si><t>b</t></si><si><t xml:space="preserve"> a </t></si><si><t>a</t></si><si><t>c</t><rPh sb="0" eb="1"><t>ph</t></rPh></si></sst>`,
    '<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:r><x:t>p</x:t></x:r></x:si><x:si><x:t>p</x:t></x:si><x:si><x:t>q&amp;_x0041_</x:t></x:si></x:sst>',
  ];

  it.each(tables)("finds the same entries as scanning the table itself, skipping rich ones (%#)", (xml) => {
    const texts = parseSharedStrings(xml);
    const scanned = new SharedStringsEditor(xml);
    const given = new SharedStringsEditor(xml, texts);
    for (const t of ["a", "b", "", " a ", "c", "p", "q&A", "new", "b"]) expect(given.indexOf(t)).toBe(scanned.indexOf(t));
    expect(given.toXml()).toBe(scanned.toXml());
  });

  it("counts a damaged table's items as its own scan does when an item precedes the root's end", () => {
    // `<sst` unterminated: the reader's root ends after the first item, the editor counts from the start
    const xml = `<sst ${NS} count="2"<si><t>a</t></si><si><t>b</t></si></sst>`;
    const texts = parseSharedStrings(xml);
    expect(new SharedStringsEditor(xml, texts).indexOf("z")).toBe(new SharedStringsEditor(xml).indexOf("z"));
  });
  it("tells apart texts of one length and the same first and last characters, and takes the first plain one", () => {
    // the index buckets items by length and end characters (shared-strings.ts): these share buckets
    const items = ["甲乙丙", "甲丁丙", "<r><t>甲戊丙</t></r>", "甲戊丙", "甲乙丙", "ab", "aXb", "a b", "", "甲乙丙"];
    const xml = `<sst ${NS}>${items.map((t) => (t.startsWith("<r>") ? `<si>${t}</si>` : `<si><t>${t}</t></si>`)).join("")}</sst>`;
    const texts = parseSharedStrings(xml);
    const given = new SharedStringsEditor(xml, texts);
    const scanned = new SharedStringsEditor(xml);
    for (const t of ["甲丁丙", "甲乙丙", "甲戊丙", "甲己丙", "aXb", "a b", "ab", "", "甲己丙", "a\u0000b"])
      expect([t, given.indexOf(t)]).toEqual([t, scanned.indexOf(t)]);
    expect(given.indexOf("甲乙丙")).toBe(0);
    expect(given.indexOf("甲戊丙")).toBe(3);
    expect(given.toXml()).toBe(scanned.toXml());
  });
  it("answers as the table's own scan does for a plan that asks for many texts of one shape", () => {
    // ID-like texts share a length and their end characters: past a few hundred questions the
    // editor stops scanning their bucket and indexes the table by text (shared-strings.ts)
    const items = Array.from({ length: 1200 }, (_, i) => `44010119800101${String(i % 1000).padStart(3, "0")}X`);
    const xml = `<sst ${NS}>${items.map((t) => `<si><t>${t}</t></si>`).join("")}<si><r><t>rich</t></r></si></sst>`;
    const given = new SharedStringsEditor(xml, parseSharedStrings(xml));
    const scanned = new SharedStringsEditor(xml);
    for (let i = 0; i < 900; i++) {
      const t = i % 3 === 0 ? `44010119800101${String(1000 + i).slice(-3)}Y` : items[(i * 7) % items.length];
      expect(given.indexOf(t)).toBe(scanned.indexOf(t));
    }
    expect(given.indexOf("rich")).toBe(scanned.indexOf("rich"));
    expect(given.toXml()).toBe(scanned.toXml());
  });
});

describe("SharedStringsEditor.toBytes: the kept items copied from the table's bytes", () => {
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const tables: [string, Uint8Array][] = [
    [
      "plain, Chinese and an astral character",
      utf8Encode(`<?xml version="1.0"?>\n<sst ${NS} count="2" uniqueCount="2"><si><t>夏港街道</t></si><si><t>𠀋 家庭</t></si></sst>`),
    ],
    [
      "with a byte-order mark",
      concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8Encode(`<?xml version="1.0"?><sst ${NS} count="1" uniqueCount="1"><si><t>男</t></si></sst>`)),
    ],
    [
      "prefixed, with a comment and whitespace after the root",
      utf8Encode(`<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>低保</x:t></x:si></x:sst>\n<!-- 注释 -->\n`),
    ],
    [
      "rich items and a comment before the root",
      utf8Encode(`<!-- 表 --><sst ${NS} count="3"><si><r><rPr><b/></rPr><t>女</t></r></si><si><t>特困</t></si></sst>`),
    ],
    ["empty and self-closing", utf8Encode(`<sst ${NS} count="0" uniqueCount="0"/>`)],
    ["a replacement character written as such", utf8Encode(`<sst ${NS}><si><t>\uFFFD名</t></si></sst>`)],
    ["bytes that are not UTF-8", concat(utf8Encode(`<sst ${NS}><si><t>a`), new Uint8Array([0xff, 0xc3]), utf8Encode(`</t></si><si><t>孤儿</t></si></sst>`))],
  ];

  it.each(tables)("%s: the same bytes as encoding toXml", (_name, bytes) => {
    const xml = utf8Decode(bytes);
    for (const added of [[], ["新", "a<b", " 前后 "]]) {
      const withBytes = new SharedStringsEditor(xml, parseSharedStrings(xml), bytes);
      const fromText = new SharedStringsEditor(xml, parseSharedStrings(xml));
      for (const t of ["男", "特困", ...added]) expect(withBytes.indexOf(t)).toBe(fromText.indexOf(t));
      expect(Buffer.from(withBytes.toBytes()).equals(Buffer.from(utf8Encode(fromText.toXml())))).toBe(true);
    }
  });

  it("takes the kept items from the bytes it was given, not from encoding the text again", () => {
    const text = `<sst ${NS} count="1" uniqueCount="1"><si><t>夏港</t></si></sst>`;
    // the same table with other characters of the same UTF-8 length: only a copy of the bytes shows them
    const bytes = utf8Encode(text.replace("夏港", "黄埔"));
    const e = new SharedStringsEditor(text, undefined, bytes);
    e.indexOf("新");
    expect(utf8Decode(e.toBytes())).toBe(`<sst ${NS} count="2" uniqueCount="2"><si><t>黄埔</t></si><si><t>新</t></si></sst>`);
  });

  it("with no table read, writes the new one from text", () => {
    const e = new SharedStringsEditor(null);
    e.indexOf("x");
    expect(utf8Decode(e.toBytes())).toBe(e.toXml());
  });
});
