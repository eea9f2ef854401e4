import fc from "fast-check";
import { SharedStringsEditor } from "../../src/file/shared-strings";
import { indexOfBytes, rowNumberAttr, startTagFinder } from "../../src/file/sheet-bytes";
import { emptyEdits, patchWorksheet, patchWorksheetPart, type BytesSink, type SheetEdits } from "../../src/file/sheet-edit";
import { readWorksheet } from "../../src/file/sheet-read";
import { StylesEditor } from "../../src/file/styles";
import { STYLES_XML } from "../fixtures/file/build";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const enc = new TextEncoder();
const dec = new TextDecoder();

/** collects what the byte patch writes: text as UTF-8, copied stretches as they are */
class Collect implements BytesSink {
  readonly parts: Uint8Array[] = [];
  push(s: string): void {
    this.parts.push(enc.encode(s));
  }
  pushBytes(b: Uint8Array): void {
    this.parts.push(b.slice());
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function byteside(bytes: Uint8Array, e: () => SheetEdits, rowsInOrder = false) {
  const sst = new SharedStringsEditor(null);
  const styles = new StylesEditor(STYLES_XML);
  const out = new Collect();
  const r = patchWorksheetPart(
    bytes,
    e(),
    () => styles,
    () => sst,
    out,
    rowsInOrder,
  );
  return { bytes: out.bytes(), formulasChanged: r.formulasChanged, sst: sst.toXml(), styles: styles.toXml() };
}

function textside(xml: string, e: () => SheetEdits) {
  const sst = new SharedStringsEditor(null);
  const styles = new StylesEditor(STYLES_XML);
  const r = patchWorksheet(
    xml,
    e(),
    () => styles,
    () => sst,
  );
  return { xml: r.xml, formulasChanged: r.formulasChanged, sst: sst.toXml(), styles: styles.toXml() };
}

function editsOf(list: { r: number; c: number; v: number | string | null; fill?: boolean }[]): () => SheetEdits {
  return () => {
    const e = emptyEdits();
    for (const { r, c, v, fill } of list) {
      if (!e.cells.has(r)) e.cells.set(r, new Map());
      e.cells.get(r)!.set(c, fill ? { fill: "warning" } : { content: { value: v } });
    }
    return e;
  };
}

describe("finding a sheet's rows in its bytes", () => {
  test("a row start tag, not a longer name sharing its start, with or without a prefix", () => {
    const b = enc.encode('<rowBreaks count="1"/><row r="7"><c/></row><x:row r="8"/>');
    expect(startTagFinder("row")(b, 0, b.length)).toBe(22);
    expect(startTagFinder("x:row")(b, 0, b.length)).toBe(43);
    expect(startTagFinder("row")(b, 23, b.length)).toBe(-1);
  });

  test("node's Buffers (searched natively) and plain Uint8Arrays find the same row starts", () => {
    const piece = fc.constantFrom("<row", "<row>", "<row ", "<rowBreaks/>", '<x:row r="1">', "<c/>", "row", "<", "r", " ", "/>", "<ro");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, a, z) => {
        const plain = enc.encode(pieces.join(""));
        const buffer = Buffer.from(plain);
        const from = plain.length ? a % plain.length : 0;
        const to = from + (plain.length ? z % (plain.length - from + 1) : 0);
        for (const name of ["row", "x:row"]) {
          const find = startTagFinder(name);
          expect(Buffer.isBuffer(buffer) && !Buffer.isBuffer(plain)).toBe(true);
          expect(find(buffer, from, to)).toBe(find(plain, from, to));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("the r of a row: a number, absent, or written another way", () => {
    const at = (tag: string) => {
      const b = enc.encode(tag);
      return rowNumberAttr(b, 4, b.length - 1);
    };
    expect(at('<row r="12" spans="1:3">')).toBe(12);
    expect(at("<row spans='1:3' r = '5'>")).toBe(5);
    expect(at('<row spans="1:3"/>')).toBe(-1);
    expect(at('<row x:r="3" ht="20">')).toBe(-1);
    expect(at('<row r="&#49;">')).toBe(-2);
  });
});

describe("finding bytes", () => {
  test("the first occurrence within [from, to), not one that runs past to", () => {
    const b = enc.encode("ab</row>cd</row>");
    const close = enc.encode("</row>");
    expect(indexOfBytes(b, close, 0, b.length)).toBe(2);
    expect(indexOfBytes(b, close, 3, b.length)).toBe(10);
    expect(indexOfBytes(b, close, 3, 15)).toBe(-1);
    expect(indexOfBytes(b, enc.encode("</rox"), 0, b.length)).toBe(-1);
  });
});

describe("a row the plan rewrites must be whole", () => {
  test("a row whose end tag is missing before the next row is refused on both paths", () => {
    const xml = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`;
    const e = editsOf([{ r: 0, c: 1, v: 3 }]);
    const codeOf = (f: () => unknown) => {
      try {
        f();
        return "none";
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(codeOf(() => byteside(enc.encode(xml), e))).toBe("corrupt");
    const cut = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></sheetData></worksheet>`;
    expect(codeOf(() => textside(cut, e))).toBe("corrupt");
    expect(codeOf(() => byteside(enc.encode(cut), e))).toBe("corrupt");
  });
});

describe("patching a sheet on its bytes gives what patching its text gives", () => {
  test("untouched rows come back byte for byte, even bytes that are not valid UTF-8", () => {
    const head = enc.encode(`<?xml version="1.0"?>\n<worksheet xmlns="${NS}"><dimension ref="A1:B3"/><sheetData>`);
    const row1 = new Uint8Array([...enc.encode('<row r="1"><c r="A1" t="inlineStr"><is><t>'), 0xff, 0xfe, ...enc.encode("</t></is></c></row>")]);
    const rest = enc.encode('<row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData></worksheet>');
    const bytes = new Uint8Array([...head, ...row1, ...rest]);
    const out = byteside(bytes, editsOf([{ r: 2, c: 1, v: 9 }])).bytes;
    const start = out.indexOf(0x3c, head.length - 1);
    expect([...out.subarray(start, start + row1.length)]).toEqual([...row1]);
    expect(dec.decode(out)).toContain('<row r="3"><c r="A3"><v>3</v></c><c r="B3"><v>9</v></c></row>');
  });

  test("a self-closing sheetData, a prefixed sheet and rows without r", () => {
    const cases = [
      `<worksheet xmlns="${NS}"><sheetData/></worksheet>`,
      `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      `<worksheet xmlns="${NS}"><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c></row><row r="5"/></sheetData></worksheet>`,
    ];
    for (const xml of cases) {
      const e = editsOf([
        { r: 1, c: 2, v: "新" },
        { r: 3, c: 0, v: 4 },
      ]);
      const a = byteside(enc.encode(xml), e);
      const b = textside(xml, e);
      expect(dec.decode(a.bytes)).toBe(b.xml);
    }
  });

  const cell = fc.oneof(
    fc.integer({ min: -5, max: 99 }).map((n) => `<v>${n}</v>`),
    fc.constantFrom("社工站", "a&amp;b", "x").map((t) => ` t="inlineStr"><is><t>${t}</t></is>`),
    fc.constant(""),
  );
  const sheet = fc
    .record({
      prefix: fc.constantFrom("", "x:"),
      rows: fc.array(
        fc.record({ gap: fc.integer({ min: 0, max: 2 }), explicit: fc.boolean(), cells: fc.array(cell, { maxLength: 4 }), ws: fc.constantFrom("", "\n  ") }),
        { maxLength: 12 },
      ),
    })
    .map(({ prefix: p, rows }) => {
      let r = 0;
      const body = rows
        .map((row) => {
          r += row.explicit ? row.gap + 1 : 1;
          const attr = row.explicit ? ` r="${r}"` : "";
          const cells = row.cells
            .map((c, i) => {
              if (c === "") return `<${p}c r="${String.fromCharCode(65 + i)}${r}"/>`;
              const typed = c.startsWith(" t=");
              const inner = (typed ? c.slice(c.indexOf(">") + 1) : c).replace(/<(\/?)(v|is|t)>/g, `<$1${p}$2>`);
              return `<${p}c r="${String.fromCharCode(65 + i)}${r}"${typed ? c.slice(0, c.indexOf(">")) : ""}>${inner}</${p}c>`;
            })
            .join("");
          return `${row.ws}<${p}row${attr}>${cells}</${p}row>`;
        })
        .join("");
      const ns = p ? `xmlns:x="${NS}"` : `xmlns="${NS}"`;
      return `<?xml version="1.0" encoding="UTF-8"?>\n<${p}worksheet ${ns}><${p}sheetData>${body}</${p}sheetData><${p}pageMargins/></${p}worksheet>`;
    });
  const edits = fc.array(
    fc.record({
      r: fc.integer({ min: 0, max: 20 }),
      c: fc.integer({ min: 0, max: 5 }),
      v: fc.oneof(fc.integer(), fc.constantFrom("评估", "a<b", null)),
      fill: fc.boolean(),
    }),
    { maxLength: 8 },
  );

  test("rows numbered in order: the rows the plan touches are looked up by number, with the same result as the walk", () => {
    // every row numbered (gaps between them), a row the plan adds in a gap and one past the end:
    // a lookup that finds no row hands over to the walk
    const rows = [1, 2, 5, 9, 10, 40, 41, 300].map((r) => `<row r="${r}" spans="1:2"><c r="A${r}"><v>${r}</v></c></row>`).join("");
    const xml = `<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;
    const lists = [
      [{ r: 8, c: 1, v: "改" }],
      [
        { r: 0, c: 1, v: 1 },
        { r: 39, c: 0, v: null },
        { r: 299, c: 2, v: "尾" },
      ],
      [
        { r: 3, c: 0, v: "新行" },
        { r: 40, c: 1, v: 2 },
      ],
      [
        { r: 9, c: 0, v: 3 },
        { r: 350, c: 0, v: "末" },
      ],
      [],
    ];
    for (const list of lists) {
      const want = textside(xml, editsOf(list)).xml;
      for (const bytes of [enc.encode(xml), Buffer.from(xml, "utf8")]) {
        expect(dec.decode(byteside(bytes, editsOf(list), true).bytes)).toBe(want);
        expect(dec.decode(byteside(bytes, editsOf(list), false).bytes)).toBe(want);
      }
    }
  });

  test("a shared formula's master the plan overwrites: its other cells are still reached and given its text", () => {
    const rows = [1, 2, 3, 4, 5, 9]
      .map((r) => {
        const f = r === 1 ? '<f t="shared" ref="B1:B5" si="0">A1*2</f>' : r <= 5 ? '<f t="shared" si="0"/>' : "";
        return `<row r="${r}"><c r="A${r}"><v>${r}</v></c>${f ? `<c r="B${r}">${f}<v>${2 * r}</v></c>` : ""}</row>`;
      })
      .join("");
    const xml = `<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;
    const e = editsOf([
      { r: 0, c: 1, v: 7 },
      { r: 8, c: 2, v: "尾" },
    ]);
    const want = textside(xml, e).xml;
    expect(want).toContain("<f>A3*2</f>");
    for (const bytes of [enc.encode(xml), Buffer.from(xml, "utf8")]) expect(dec.decode(byteside(bytes, e, true).bytes)).toBe(want);
  });

  test("the lookup passes over the rows between without reading them", () => {
    // told (wrongly) that the rows are numbered, the patch leaves the row without r as it is;
    // the walk gives it its number
    const xml = `<worksheet xmlns="${NS}"><sheetData><row r="1"/><row><c><v>2</v></c></row><row r="5"><c r="A5"><v>5</v></c></row></sheetData></worksheet>`;
    const e = editsOf([{ r: 4, c: 1, v: 6 }]);
    expect(dec.decode(byteside(Buffer.from(xml), e, true).bytes)).toContain("<row><c><v>2</v></c></row>");
    expect(dec.decode(byteside(Buffer.from(xml), e, false).bytes)).toContain('<row r="2"><c><v>2</v></c></row>');
  });

  test("for any sheet and any edits (property)", () => {
    fc.assert(
      fc.property(sheet, edits, (xml, list) => {
        const e = editsOf(list);
        const a = byteside(enc.encode(xml), e);
        const b = textside(xml, e);
        expect(dec.decode(a.bytes)).toBe(b.xml);
        expect(a.formulasChanged).toBe(b.formulasChanged);
        expect(a.sst).toBe(b.sst);
        expect(a.styles).toBe(b.styles);
        // what the reader says of the rows decides whether they may be looked up by number
        const inOrder = readWorksheet(xml, [], []).rowsInOrder;
        if (inOrder) {
          for (const bytes of [enc.encode(xml), Buffer.from(xml, "utf8")]) {
            const c = byteside(bytes, e, true);
            expect(dec.decode(c.bytes)).toBe(b.xml);
            expect(c.sst).toBe(b.sst);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("a streamed part encodes text as TextEncoder does", () => {
  test("ASCII, CJK, pairs of surrogates and lone ones, short and long pieces", () => {
    const { StreamedEntry, fflateCodec } = jest.requireActual<typeof import("../../src/file/zip")>("../../src/file/zip");
    const { inflateSync } = jest.requireActual<typeof import("fflate")>("fflate");
    const pieces = ["<v>", "社工站", "😀", "\ud83d", "x\ude00y", "é", "a".repeat(5000), "尾\ud800"];
    for (let i = 0; i < 400; i++) pieces.push(`<c r="A${i}">${"名".repeat(i % 50)}</c>`);
    const entry = new StreamedEntry("x.xml", 10, undefined, fflateCodec);
    for (const p of pieces) entry.push(p);
    entry.pushBytes(enc.encode("<tail/>"));
    const e = entry.finish();
    const joined = e.chunks ? new Uint8Array(e.chunks.flatMap((c) => [...c])) : e.data;
    const text = pieces.join("") + "<tail/>";
    expect([...inflateSync(joined)]).toEqual([...enc.encode(text)]);
    expect(e.size).toBe(enc.encode(text).length);
  });
});
