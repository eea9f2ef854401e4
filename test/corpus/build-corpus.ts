/**
 * The bad-input corpus: files a user might hand the tool by mistake or that stretch what an
 * .xlsx can hold. Each case says what must happen: `unreadable` → exit 2 with one plain-Chinese
 * line and no output file; `odd` → exit 0 with an output and (where named) findings; `nothing` →
 * exit 0, one line saying there is nothing to score, and no file written at all; `limit` →
 * either of those, but never a crash, a hang or a partial file. All built in memory, no fixtures.
 */
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import type { Report } from "../../src/core/types";
import { INDICATOR_SHEET, SCORE_SHEET, SEED_BLOCKS, SEED_SCORES, makeSeedWorkbook, seedWorkbookBytes } from "../support/generate-roster";

export type Expectation = "unreadable" | "odd" | "limit" | "nothing";

export interface CorpusCase {
  name: string;
  /** what the user would see as the file name */
  file: string;
  expect: Expectation;
  build: () => Promise<Uint8Array>;
  /** the XlsxError code the file mode should raise, for unreadable cases */
  errorCode?: "not-zip" | "encrypted" | "not-xlsx" | "corrupt" | "too-large";
  /** extra checks on the report of a readable case; return problems */
  checkReport?: (report: Report) => string[];
}

async function bookBytes(book: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** the seed's indicator blocks and scores, on which odd cells are planted */
function seedBook(): { book: ExcelJS.Workbook; indicators: ExcelJS.Worksheet } {
  const book = new ExcelJS.Workbook();
  const indicators = book.addWorksheet(INDICATOR_SHEET);
  indicators.getCell("A1").value = "指标完成情况统计表";
  indicators.mergeCells("A1:D1");
  SEED_BLOCKS.forEach((b, i) => {
    const r = 2 + 2 * i;
    indicators.getRow(r).values = [b.label || null, "指标要求", "完成情况", "完成百分比"];
    indicators.getRow(r + 1).values = [null, b.target, b.completed, null];
  });
  const scores = book.addWorksheet(SCORE_SHEET);
  scores.getRow(1).values = ["评估方", "权重", "得分"];
  SEED_SCORES.forEach((s, i) => {
    scores.getRow(2 + i).values = [s.party, s.weight, s.score];
  });
  return { book, indicators };
}

// ---------------------------------------------------------------------------------------------
// zip surgery

function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

function setU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

interface CentralEntry {
  name: string;
  /** offset of the central directory record */
  central: number;
  /** offset of the local file header */
  local: number;
  compressedSize: number;
}

export function centralEntries(zip: Uint8Array): CentralEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (u32(zip, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("no end of central directory");
  const count = zip[eocd + 10] | (zip[eocd + 11] << 8);
  let p = u32(zip, eocd + 16);
  const out: CentralEntry[] = [];
  for (let k = 0; k < count; k++) {
    const nameLen = zip[p + 28] | (zip[p + 29] << 8);
    const extraLen = zip[p + 30] | (zip[p + 31] << 8);
    const commentLen = zip[p + 32] | (zip[p + 33] << 8);
    out.push({
      name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen)),
      central: p,
      local: u32(zip, p + 42),
      compressedSize: u32(zip, p + 20),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function firstSheetEntry(zip: Uint8Array): CentralEntry {
  const e = centralEntries(zip).find((x) => /^xl\/worksheets\/sheet\d+\.xml$/.test(x.name));
  if (!e) throw new Error("no worksheet entry");
  return e;
}

/** A zip whose worksheet says it inflates to ~4 GB: the reader must refuse before inflating. */
export function declareHugeSize(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const e = firstSheetEntry(out);
  setU32(out, e.central + 24, 0xfffffff0);
  setU32(out, e.local + 22, 0xfffffff0);
  return out;
}

/** A real bomb: `mb` MB of one repeated byte behind a harmless-looking sheet entry. */
export function lyingBomb(mb: number): Uint8Array {
  const big = new Uint8Array(mb * 1024 * 1024).fill(0x20);
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    "xl/workbook.xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    "xl/worksheets/sheet1.xml": big,
  };
  return zipSync(files, { level: 1 });
}

/** Overwrite the middle of the worksheet's compressed data with noise. */
export function scrambleSheetData(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const e = firstSheetEntry(out);
  const nameLen = out[e.local + 26] | (out[e.local + 27] << 8);
  const extraLen = out[e.local + 28] | (out[e.local + 29] << 8);
  const start = e.local + 30 + nameLen + extraLen;
  for (let i = Math.floor(e.compressedSize / 4); i < Math.floor((e.compressedSize * 3) / 4); i++) out[start + i] ^= 0x5a;
  return out;
}

/** Break the central directory's signatures so no entry can be listed. */
export function breakCentralDirectory(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  for (const e of centralEntries(zip)) setU32(out, e.central, 0x12345678);
  return out;
}

/** An OLE compound file header followed by directory names: what encrypted .xlsx and old .xls look like. */
export function oleFile(streamNames: string[]): Uint8Array {
  const out = new Uint8Array(4096);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  out[0x1a] = 0x3e; // minor version
  out[0x1c] = 0xfe; // byte order
  out[0x1d] = 0xff;
  out[0x1e] = 0x09; // sector shift
  let p = 1024;
  for (const name of streamNames) {
    for (let i = 0; i < name.length; i++) {
      out[p + 2 * i] = name.charCodeAt(i);
    }
    p += 128;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the cases

function hasFinding(report: Report, code: string): string[] {
  return report.findings.some((f) => f.code === code) ? [] : [`no ${code} finding`];
}

function indicatorTarget(report: Report, label: string, target: number): string[] {
  const ind = report.indicators.find((i) => i.label === label);
  if (!ind) return [`indicator ${label} not found`];
  return ind.target === target ? [] : [`${label}: target ${ind.target}, expected ${target}`];
}

export const CORPUS: CorpusCase[] = [
  // --- unreadable ------------------------------------------------------------------------------
  { name: "empty file", file: "空文件.xlsx", expect: "unreadable", errorCode: "not-zip", build: async () => new Uint8Array(0) },
  {
    name: "zip truncated to half",
    file: "截断.xlsx",
    expect: "unreadable",
    build: async () => {
      const ok = await seedWorkbookBytes(makeSeedWorkbook({ rows: 50, seed: 3 }));
      return ok.slice(0, Math.floor(ok.length / 2));
    },
  },
  {
    name: "zip with its central directory broken",
    file: "目录损坏.xlsx",
    expect: "unreadable",
    build: async () => breakCentralDirectory(await seedWorkbookBytes(makeSeedWorkbook({ rows: 50, seed: 3 }))),
  },
  {
    name: "encrypted workbook (OLE container with EncryptionInfo)",
    file: "已加密.xlsx",
    expect: "unreadable",
    errorCode: "encrypted",
    build: async () => oleFile(["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
  },
  {
    name: ".xls renamed to .xlsx",
    file: "旧版.xlsx",
    expect: "unreadable",
    errorCode: "encrypted",
    build: async () => oleFile(["Root Entry", "Workbook", "SummaryInformation"]),
  },
  {
    name: ".csv renamed to .xlsx",
    file: "名单.xlsx",
    expect: "unreadable",
    errorCode: "not-zip",
    build: async () => strToU8("服务对象姓名,手机号码\n陈晓明,13800000000\n"),
  },
  {
    name: ".ods renamed to .xlsx",
    file: "开放文档.xlsx",
    expect: "unreadable",
    errorCode: "not-xlsx",
    build: async () =>
      zipSync({
        mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
        "content.xml": strToU8('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
        "META-INF/manifest.xml": strToU8('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
      }),
  },
  {
    name: ".docx renamed to .xlsx",
    file: "文档.xlsx",
    expect: "unreadable",
    errorCode: "not-xlsx",
    build: async () =>
      zipSync({
        "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        "word/document.xml": strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
      }),
  },
  {
    name: "zip bomb declaring a 4 GB worksheet",
    file: "炸弹.xlsx",
    expect: "unreadable",
    errorCode: "too-large",
    build: async () => declareHugeSize(await seedWorkbookBytes(makeSeedWorkbook({ rows: 20, seed: 4 }))),
  },

  // --- stretched limits -----------------------------------------------------------------------------
  {
    name: "zip bomb hiding 200 MB behind an honest header",
    file: "压缩炸弹.xlsx",
    expect: "limit",
    build: async () => lyingBomb(200),
  },
  {
    name: "worksheet data scrambled inside a valid zip",
    file: "数据损坏.xlsx",
    expect: "limit",
    build: async () => scrambleSheetData(await seedWorkbookBytes(makeSeedWorkbook({ rows: 200, seed: 5 }))),
  },
  {
    name: "a cell at XFD1048576, Excel's last cell",
    file: "最后一格.xlsx",
    expect: "limit",
    build: async () => {
      const { book } = seedBook();
      const ws = book.getWorksheet(INDICATOR_SHEET)!;
      ws.getCell("XFD1048576").value = "最后一格";
      return bookBytes(book);
    },
  },

  {
    name: "a row filled across all 16,384 columns",
    file: "满列.xlsx",
    expect: "limit",
    build: async () => {
      const { book } = seedBook();
      const ws = book.addWorksheet("宽表");
      ws.getRow(1).values = [...Array.from({ length: 16384 }, (_, i) => `列${i + 1}`)];
      ws.getRow(2).values = [...Array.from({ length: 16384 }, (_, i) => i)];
      return bookBytes(book);
    },
  },

  // --- readable but odd ---------------------------------------------------------------------------
  {
    name: "a 32,767-character cell",
    file: "超长文本.xlsx",
    expect: "odd",
    build: async () => {
      const { book, indicators } = seedBook();
      indicators.getCell("F2").value = "长".repeat(32767);
      return bookBytes(book);
    },
    checkReport: (r) => indicatorTarget(r, "服务对象建档", 200),
  },
  {
    name: "error values and formulas that fail",
    file: "错误值.xlsx",
    expect: "odd",
    build: async () => {
      const { book, indicators } = seedBook();
      indicators.getCell("B3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
      indicators.getCell("C5").value = { error: "#REF!" };
      indicators.getCell("C7").value = { formula: "NOSUCHFUNCTION(1)", result: { error: "#NAME?" } };
      return bookBytes(book);
    },
    checkReport: (r) => hasFinding(r, "cell-error"),
  },
  {
    name: "a circular reference with a cached error",
    file: "循环引用.xlsx",
    expect: "odd",
    build: async () => {
      const { book, indicators } = seedBook();
      indicators.getCell("B3").value = { formula: "C3+1", result: 0 };
      indicators.getCell("C3").value = { formula: "B3+1", result: { error: "#NUM!" } };
      return bookBytes(book);
    },
  },
  {
    name: "dates stored as text in the roster",
    file: "文本日期.xlsx",
    expect: "odd",
    build: async () => {
      const wb = makeSeedWorkbook({ rows: 40, seed: 6 });
      const roster = wb.sheets[0];
      const col = roster.rows[1].indexOf("建档时间");
      const forms = ["2023-05-01", "2023年5月1日", "2023/5/1", "20230501", "五月一日"];
      roster.rows.slice(2).forEach((row, i) => {
        row[col] = forms[i % forms.length];
      });
      roster.columnFormats = {};
      return seedWorkbookBytes(wb);
    },
  },
  {
    name: "numbers with thousands separators and full-width digits",
    file: "千分位全角.xlsx",
    expect: "odd",
    build: async () => {
      const { book, indicators } = seedBook();
      indicators.getCell("B3").value = "1,200个";
      indicators.getCell("C3").value = "２２２６个";
      indicators.getCell("B5").value = "９０个";
      return bookBytes(book);
    },
    checkReport: (r) => [...hasFinding(r, "full-width-digits"), ...indicatorTarget(r, "服务对象建档", 1200), ...indicatorTarget(r, "辅导个案", 90)],
  },
  {
    name: "merged cells of every shape",
    file: "合并单元格.xlsx",
    expect: "odd",
    build: async () => {
      const wb = makeSeedWorkbook({ rows: 30, seed: 7 });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await seedWorkbookBytes(wb)) as unknown as ArrayBuffer);
      const roster = book.worksheets[0];
      roster.mergeCells("G3:G6"); // vertical, inside data
      roster.mergeCells("I8:K8"); // horizontal, inside data
      roster.mergeCells("M10:O12"); // block
      roster.mergeCells("U20:U31"); // running off the last row
      const ind = book.getWorksheet(INDICATOR_SHEET)!;
      ind.mergeCells("A2:A3"); // a label spanning its block
      ind.mergeCells("B7:C7"); // target and completed merged
      ind.mergeCells("A28:D29"); // the nameless block swallowed whole
      const scores = book.getWorksheet(SCORE_SHEET)!;
      scores.mergeCells("A8:C9");
      return new Uint8Array(await book.xlsx.writeBuffer());
    },
  },
  {
    name: "an empty workbook",
    file: "空白.xlsx",
    expect: "nothing",
    build: async () => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet("Sheet1");
      return bookBytes(book);
    },
  },
];
