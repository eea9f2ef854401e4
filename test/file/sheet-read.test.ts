import fc from "fast-check";
import { XlsxError } from "../../src/file/errors";
import { readWorksheet } from "../../src/file/sheet-read";

const sheet = (rows: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
const SST = ["甲", "乙"];
const FORMATS = [null, "0.00", "yyyy-mm-dd"];

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return err instanceof XlsxError ? err.code : `not an XlsxError: ${String(err)}`;
  }
  return undefined;
}

describe("readWorksheet", () => {
  it("reads cell tags written every way XML allows: spacing, single quotes, line breaks, attributes it does not know", () => {
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r = "B1"\n\tt=\'s\' ><v>1</v></c><c r="C1" s="1" cm="1" vm="2"><v>2.5</v></c><c r="D1" s="2"/><c r="E1"  s = "2" ><v>45000</v></c></row>' +
      "<row><c><v>7</v></c><c t=\"n\"><v>-1e3</v></c><c r='D2'><v> 8 </v></c></row>";
    const cells = readWorksheet(sheet(rows), SST, FORMATS);
    expect(cells.values).toEqual([
      ["甲", "乙", 2.5, null, 45000],
      [7, -1000, null, 8],
    ]);
    expect(cells.numberFormats[0]).toEqual([undefined, undefined, "0.00", undefined, "yyyy-mm-dd"]);
  });

  it("reads a <v> followed by other children, and children in any order", () => {
    const rows =
      '<row r="1"><c r="A1"><v>1</v><extLst/></c><c r="B1"><f>A1*2</f><v>2</v></c><c r="C1" t="str"><v>x</v><f>"x"</f></c><c r="D1"><v></v></c><c r="E1"><v/></c></row>';
    const cells = readWorksheet(sheet(rows), SST, FORMATS);
    expect(cells.values).toEqual([[1, 2, "x"]]);
    expect(cells.formulas[0]).toEqual([undefined, "=A1*2", '="x"']);
  });

  it("refuses a cell tag it cannot take apart, as damage", () => {
    for (const bad of ['<c r="A1" t="s>"><v>0</v></c>', '<c r="A1" foo><v>0</v></c>', '<c r="A1" t=>', '<c r="A1"><v>1</v>', '<c r="A1" t="s"><v>5</v></c>']) {
      const code = codeOf(() => readWorksheet(sheet(`<row r="1">${bad}</row>`), SST, FORMATS));
      expect([bad, code]).toEqual([bad, bad.includes("<v>5") ? "missing-string" : "corrupt"]);
    }
    expect(codeOf(() => readWorksheet(`<worksheet><sheetData><row><c r="A1"`, SST, FORMATS))).toBe("corrupt");
  });

  it("says whether every row is numbered, in ascending order (the writer then finds rows by number)", () => {
    const inOrder = (rows: string) => readWorksheet(sheet(rows), SST, FORMATS).rowsInOrder;
    expect(inOrder("")).toBe(true);
    expect(inOrder('<row r="1"><c r="A1"><v>1</v></c></row><row r="3" spans="1:2"/><row r="40"><c r="B40"><v>2</v></c></row>')).toBe(true);
    // a row without r, with r after another attribute or written otherwise, out of order, repeated, or 0
    for (const rows of [
      '<row r="1"/><row><c><v>1</v></c></row>',
      '<row r="1"/><row spans="1:2" r="2"/>',
      '<row r="1"/><row r="&#50;"/>',
      "<row r='1'/>",
      '<row r="1"/><row r="2x"/><row r="3"/>',
      '<row r="5"/><row r="3"/>',
      '<row r="2"/><row r="2"/>',
      '<row r="0"/>',
    ]) {
      expect([rows, inOrder(rows)]).toEqual([rows, false]);
    }
  });

  it("gives every row its own arrays", () => {
    const cells = readWorksheet(sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row>'), SST, FORMATS);
    expect(cells.values).toEqual([[1], [], [null, 2]]);
    cells.values[1].push(9);
    expect(cells.formulas.every((r) => r.length === 0)).toBe(true);
    expect(new Set(cells.formulas).size).toBe(3);
    expect(new Set(cells.numberFormats).size).toBe(3);
  });
  it("reads a row's number however its tag is written, and a row without one as the next", () => {
    const rows =
      '<row r="2"><c><v>1</v></c></row><row spans="1:1" r="4"><c><v>2</v></c></row><row r=\'5\'><c><v>3</v></c></row>' +
      '<row r="007" ht="15"><c><v>4</v></c></row><row><c><v>5</v></c></row><row r="10" ><c><v>6</v></c></row><row r="12"/>';
    const cells = readWorksheet(sheet(rows), SST, FORMATS);
    expect(cells.values.map((r, i) => (r.length ? `${i + 1}:${r.join()}` : "")).filter(Boolean)).toEqual(["2:1", "4:2", "5:3", "7:4", "8:5", "10:6"]);
  });

  it("fills a row's gaps with null and lets a cell after a later one, or a second time, take its place", () => {
    const rows = '<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="E1"><v>5</v></c><c r="C1" s="1"><v>9</v></c></row>';
    const cells = readWorksheet(sheet(rows), SST, FORMATS);
    expect(cells.values).toEqual([[1, null, 9, null, 5]]);
    expect(cells.numberFormats[0][2]).toBe("0.00");
  });
  it("keeps each row as long as its own cells when rows of other widths come before and after it", () => {
    // a new row starts as a copy of the widest row's nulls (sheet-read.ts): the copy is cut back
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c><c r="F1"><v>6</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>' +
      '<row r="4"><c r="A4"><v>4</v></c><c r="H4"><v>8</v></c></row><row r="5"><c r="C5"><f>A1</f></c></row>' +
      '<row r="6"><c r="A6"/><c r="B6" s="2"/></row><row r="7"><c r="A7"><v>7</v></c></row>';
    const cells = readWorksheet(sheet(rows), SST, FORMATS);
    expect(cells.values).toEqual([[1, null, null, null, null, 6], [null, 2], [], [4, null, null, null, null, null, null, 8], [null, null, null], [], [7]]);
    expect(cells.formulas[4]).toEqual([undefined, undefined, "=A1"]);
    // rows stay apart: a change to one is not seen in another
    cells.values[1].push(0);
    expect(cells.values[6]).toEqual([7]);
  });

  it("reads r and s written in plain shape and in shapes the quick pass leaves to the general one", () => {
    const rows =
      '<row r="1"><c r=\'A1\' s=\'1\'><v>1</v></c><c r="b1" s="02"><v>2</v></c><c r="AA1"><v>3</v></c></row>' +
      '<row r="2"><c r="A2" s=""><v>4</v></c><c ><v>5</v></c><c r="C2x"><v>6</v></c></row>';
    const cells = readWorksheet(sheet(rows), SST, FORMATS);
    expect(cells.values[0][0]).toBe(1);
    expect(cells.values[0][1]).toBe(2);
    expect(cells.values[0][26]).toBe(3);
    expect(cells.numberFormats[0][0]).toBe("0.00");
    expect(cells.numberFormats[0][1]).toBe("yyyy-mm-dd");
    // an empty s is the default format, a cell without r the next column; r="C2x" is read the general way
    expect(cells.values[1].slice(0, 2)).toEqual([4, 5]);
    expect(cells.numberFormats[1][0]).toBeUndefined();
    expect(cells.values[1].length).toBeGreaterThanOrEqual(2);
  });
  it("reads rows after one stray cell far to the right in time that follows their own cells, not that cell's column", () => {
    // each row starts as a copy of the row before it (sheet-read.ts): a copy of XFD1's 16,384
    // columns for every row would take seconds here
    let rows = '<row r="1"><c r="XFD1"><v>1</v></c></row>';
    for (let r = 2; r <= 20001; r++) rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="U${r}"><v>0</v></c></row>`;
    const started = Date.now();
    const cells = readWorksheet(sheet(rows), SST, FORMATS);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(cells.values[0].length).toBe(16384);
    expect(cells.values[1].length).toBe(21);
    expect(cells.values[20000]).toEqual([20001, ...new Array(19).fill(null), 0]);
  });
  it("reads a cell of the plain shape (the quick pass) exactly as the general reader does, and its near misses the general way", () => {
    // the quick pass only runs on sheets without a namespace prefix: the same cells spelled with
    // one (x:c, x:v) go through readCell alone, which makes it the reference. References beyond
    // the grid are among them; the far corners inside it are not, only because a sheet reaching
    // them takes a million rows' arrays to compare (the test above reads XFD1)
    // mostly references that read (a reference the reader refuses makes the whole sheet an error)
    const ref = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom("A", "B", "U", "Z", "AA"), fc.constantFrom("1", "2", "7", "01")).map(([c, r]) => ` r="${c}${r}"`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom("XFE", "a", "bB", "AAAAA", "B"), fc.constantFrom("1", "0", "1048577", "123456789", ""))
          .map(([c, r]) => ` r="${c}${r}"`),
      },
      { weight: 1, arbitrary: fc.constantFrom("", " r='C3'", '  r="D4"', ' r="E5x"') },
    );
    const style = fc.constantFrom("", ' s="0"', ' s="1"', ' s="2"', ' s="02"', ' s=""', ' s="0000000001"', " s='1'", '\ts="1"');
    const type = fc.constantFrom("", "", ' t="s"', ' t="n"', ' t="str"', ' t="b"', ' t="e"', ' t="d"', ' t=""', ' t="ss"');
    const extra = fc.constantFrom("", "", "", ' cm="1"', " ");
    const value = fc.constantFrom(
      "0",
      "1",
      "2",
      "5",
      "45000",
      "007",
      "-1",
      "1.5",
      "1e3",
      "123456789012345",
      "1234567890123456",
      "",
      " 8 ",
      "TRUE",
      "2024-01-02",
      "+2",
      "-",
      ".",
      "1e",
      "E",
      "-0",
      "1.0",
      "1.5e-3",
      "00000000000000001",
    );
    const body = fc.oneof(
      value.map((v) => (p: string) => `><${p}v>${v}</${p}v></${p}c>`),
      fc.constantFrom(
        () => "/>",
        (p: string) => `></${p}c>`,
        (p: string) => `><${p}v/></${p}c>`,
        (p: string) => `><${p}f>1+1</${p}f><${p}v>2</${p}v></${p}c>`,
        (p: string) => `><${p}v>1</${p}v><${p}extLst/></${p}c>`,
        (p: string) => `><${p}is><${p}t>甲</${p}t></${p}is></${p}c>`,
      ),
    );
    const cellOf = fc.tuple(ref, style, type, extra, body).map(
      ([r, s, t, x, b]) =>
        (p: string) =>
          `<${p}c${r}${s}${t}${x}${b(p)}`,
    );
    const rows = fc.array(fc.tuple(fc.constantFrom("", ' r="1"', ' r="2"', ' r="3"', ' r="9"'), fc.array(cellOf, { maxLength: 6 })), { maxLength: 4 });
    const spelled = (rs: [string, ((p: string) => string)[]][], p: string) => {
      const ns = p
        ? ` xmlns:${p.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
        : ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
      const data = rs.map(([r, cs]) => `<${p}row${r}>${cs.map((c) => c(p)).join("")}</${p}row>`).join("");
      return `<${p}worksheet${ns}><${p}sheetData>${data}</${p}sheetData></${p}worksheet>`;
    };
    const outcome = (xml: string) => {
      try {
        const { values, formulas, numberFormats } = readWorksheet(xml, SST, FORMATS);
        return { values, formulas, numberFormats };
      } catch (err) {
        return { error: err instanceof XlsxError ? err.code : String(err) };
      }
    };
    fc.assert(
      fc.property(rows, (rs) => {
        expect(outcome(spelled(rs, ""))).toEqual(outcome(spelled(rs, "x:")));
      }),
      { numRuns: 5000 },
    );
    // and the plain shapes the quick pass takes are among them, read to the values readCell gives
    const plain = sheet('<row r="2"><c r="B2" s="1" t="s"><v>1</v></c><c r="C2" t="n"><v>45000</v></c><c r="D2" s="2"/><c r="E2"><v>007</v></c></row>');
    expect(readWorksheet(plain, SST, FORMATS).values).toEqual([[], [null, "乙", 45000, null, 7]]);
    expect(readWorksheet(plain, SST, FORMATS).numberFormats[1]).toEqual([undefined, "0.00"]);
  });
});
