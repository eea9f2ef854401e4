import { strToU8, zipSync } from "fflate";
import { openXlsx, XlsxError, type XlsxErrorCode } from "../../src/file";
import { miniXlsx } from "../fixtures/file/build";

function codeOf(bytes: Uint8Array, opts?: { maxInflatedBytes?: number }): XlsxErrorCode | "ok" {
  try {
    openXlsx(bytes, opts);
    return "ok";
  } catch (err) {
    if (err instanceof XlsxError) {
      // one plain-Chinese sentence, no stack or English internals in the message
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      expect(err.message).not.toMatch(/\n/);
      return err.code;
    }
    throw err;
  }
}

const good = miniXlsx({ sheets: [{ name: "S", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });

/** Overwrite the declared uncompressed size of every entry (local and central headers). */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    else if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe("openXlsx rejects bad input with a clear XlsxError", () => {
  it("accepts a valid package", () => {
    expect(codeOf(good)).toBe("ok");
  });

  it.each([
    ["empty file", "not-zip", new Uint8Array(0)],
    ["plain text", "not-zip", strToU8("序号,数量\n1,200\n")],
    ["a PDF", "not-zip", strToU8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".repeat(3))],
  ] as const)("%s → %s", (_label, code, bytes) => {
    expect(codeOf(bytes)).toBe(code);
  });

  it("an OLE compound file (encrypted OOXML or legacy .xls) → encrypted", () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(strToU8("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"), 1024);
    expect(codeOf(ole)).toBe("encrypted");
  });

  it("a truncated zip → corrupt", () => {
    expect(codeOf(good.subarray(0, Math.floor(good.length / 2)))).toBe("corrupt");
    expect(codeOf(good.subarray(0, good.length - 10))).toBe("corrupt");
  });

  it("zips that are not workbooks (a renamed .docx or .ods) → not-xlsx", () => {
    const docx = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    });
    const ods = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8("<office:document-content/>") });
    expect(codeOf(docx)).toBe("not-xlsx");
    expect(codeOf(ods)).toBe("not-xlsx");
    expect(codeOf(zipSync({}))).toBe("not-xlsx");
  });

  it("a zip bomb declaring a huge inflated size → too-large, before inflating anything", () => {
    expect(codeOf(lieAboutSizes(good, 0xfffffff0))).toBe("too-large");
    expect(codeOf(good, { maxInflatedBytes: 100 })).toBe("too-large");
  });

  it("an entry that inflates to more than it declares → corrupt (actual size is guarded too)", () => {
    expect(codeOf(lieAboutSizes(good, 10))).toBe("corrupt");
  });

  it("malformed XML in the workbook part → corrupt", () => {
    const broken = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8("this is not xml"),
    });
    expect(codeOf(broken)).toBe("corrupt");
    const noSheets = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></workbook>'),
    });
    expect(codeOf(noSheets)).toBe("corrupt");
  });

  it("random bytes after a PK signature never crash", () => {
    let seed = 7;
    for (let n = 0; n < 50; n++) {
      const junk = new Uint8Array(200 + n * 13);
      for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      junk.set([0x50, 0x4b, 0x03, 0x04]);
      expect(["corrupt", "not-zip", "not-xlsx", "too-large", "encrypted"]).toContain(codeOf(junk));
    }
  });

  it("corrupted deflate data in the workbook part → corrupt", () => {
    const bad = good.slice();
    const view = new DataView(bad.buffer);
    const name = strToU8("xl/workbook.xml");
    for (let i = 0; i + 30 < bad.length; i++) {
      if (view.getUint32(i, true) !== 0x04034b50) continue;
      const nameLen = view.getUint16(i + 26, true);
      if (nameLen !== name.length || !name.every((b, k) => bad[i + 30 + k] === b)) continue;
      const data = i + 30 + nameLen + view.getUint16(i + 28, true);
      for (let k = data; k < data + 40; k++) bad[k] ^= 0xa5;
    }
    expect(codeOf(bad)).toBe("corrupt");
  });
});
