// src/cli/nodeCodec.ts: the command line's native codec. Its text decoding takes a shortcut for
// ASCII parts, which must read every byte sequence exactly as the file host's utf8Decode does
// (a BOM kept: the text's positions stand for the part's bytes).
import * as fc from "fast-check";
import { strToU8, unzipSync, zipSync } from "fflate";
import { nodeZlibCodec } from "../../src/cli/nodeCodec";
import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { utf8Decode } from "../../src/file/xml";

const decodeText = nodeZlibCodec.decodeText!;
const reference = utf8Decode;

describe("nodeZlibCodec.decodeText", () => {
  const cases: [string, number[]][] = [
    ["empty", []],
    ["ASCII", [...Buffer.from('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')]],
    ["ASCII with controls and DEL", [0, 9, 10, 13, 31, 32, 126, 127]],
    ["CJK", [...Buffer.from("服务对象台账")]],
    ["a BOM before ASCII", [0xef, 0xbb, 0xbf, ...Buffer.from("<a/>")]],
    ["a BOM alone", [0xef, 0xbb, 0xbf]],
    ["a Latin-1 byte that is not UTF-8", [0x61, 0xe9, 0x62]],
    ["a lone continuation byte", [0x80]],
    ["a sequence cut short", [0x61, 0xe6, 0x9c]],
    ["an overlong encoding", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["0xff", [0xff, 0x41]],
  ];
  it.each(cases)("reads %s as utf8Decode does", (_name, bytes) => {
    const b = new Uint8Array(bytes);
    expect(decodeText(b)).toBe(reference(b));
    expect(decodeText(Buffer.from(b))).toBe(reference(b));
  });

  it("reads only its own view of a larger buffer (a part inflated into a bigger allocation)", () => {
    const whole = Buffer.from("对象<v>12</v>台账");
    const ascii = whole.subarray(6, 6 + 9);
    expect(decodeText(ascii)).toBe("<v>12</v>");
    const plain = new Uint8Array(whole.buffer, whole.byteOffset + 6, 9);
    expect(decodeText(plain)).toBe("<v>12</v>");
    // a non-ASCII view whose neighbours are ASCII
    const mixed = Buffer.concat([Buffer.from("abc"), Buffer.from("台"), Buffer.from("def")]);
    expect(decodeText(mixed.subarray(3, 6))).toBe("台");
  });

  it("agrees with utf8Decode on any bytes, ASCII-heavy or not", () => {
    const asciiHeavy = fc.array(
      fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 0x7f }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xff }) }),
      {
        maxLength: 200,
      },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          asciiHeavy,
          fc.uint8Array({ maxLength: 200 }).map((a) => [...a]),
        ),
        (bytes) => {
          const b = new Uint8Array(bytes);
          expect(decodeText(b)).toBe(reference(b));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("openXlsx with the native codec", () => {
  const BOM = [0xef, 0xbb, 0xbf];
  const workbook = (sheetBom: boolean) => {
    const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const xlsx = zipSync({
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
      "_rels/.rels": strToU8(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      "xl/workbook.xml": strToU8(
        `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      "xl/worksheets/sheet1.xml": new Uint8Array([
        ...(sheetBom ? BOM : []),
        ...strToU8(
          `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>`,
        ),
      ]),
      // with a BOM, as some producers write it
      "xl/sharedStrings.xml": new Uint8Array([
        ...BOM,
        ...strToU8(`<?xml version="1.0"?><sst xmlns="${ns}" count="2" uniqueCount="2"><si><t>姓名</t></si><si><t>林宇美</t></si></sst>`),
      ]),
    });
    return xlsx;
  };

  it.each([false, true])("reads a worksheet (with a BOM: %s) and a CJK string table with one as the default codec does", (sheetBom) => {
    const xlsx = workbook(sheetBom);
    const native = snapshotOf(openXlsx(xlsx, { codec: nodeZlibCodec }), "t.xlsx");
    const plain = snapshotOf(openXlsx(xlsx), "t.xlsx");
    expect(native.sheets[0].values).toEqual([["姓名", 12.5], ["林宇美"]]);
    expect(native.sheets).toEqual(plain.sheets);
  });

  it.each([false, true])("writes every part as the default codec does, BOMs kept (worksheet with one: %s)", (sheetBom) => {
    const xlsx = workbook(sheetBom);
    const plan = [{ kind: "cells" as const, sheet: "台账", row: 2, col: 0, purpose: "restore" as const, cells: [[{ value: "新文本" }]] }];
    const parts = (codec?: typeof nodeZlibCodec) => {
      const pkg = openXlsx(xlsx, codec ? { codec } : undefined);
      return unzipSync(applyPlan(pkg, plan, snapshotOf(pkg, "t.xlsx", true)));
    };
    const native = parts(nodeZlibCodec);
    const plain = parts();
    expect(Object.keys(native)).toEqual(Object.keys(plain));
    for (const name of Object.keys(plain)) expect([name, Buffer.from(native[name]).equals(plain[name])]).toEqual([name, true]);
    expect([...native["xl/sharedStrings.xml"].subarray(0, 3)]).toEqual(BOM);
    expect(native["xl/worksheets/sheet1.xml"][0] === 0xef).toBe(sheetBom);
  });
});
