/**
 * One regression test per case of issue 14, each on a small package made here: what the file
 * host refuses on read (with which one line), what it writes namespace-correctly, and that a
 * workbook with nothing to score gets nothing written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { strFromU8 } from "fflate";
import type { Plan } from "../../src/core/types";
import { applyPlan, openXlsx, snapshotOf, XLSX_ERROR_CODES, XlsxError } from "../../src/file";
import { inflateEntry, makeEntry, writeZip, type ZipEntry } from "../../src/file/zip";
import { runCli } from "../support/run-cli";
import { xmlProblem } from "../support/xml-check";

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships";

type Parts = [string, string | Uint8Array][];

/** Lay parts out as a zip exactly as given: duplicates, odd names and all. */
function zipOf(parts: Parts, stored: readonly string[] = []): Uint8Array {
  return writeZip(
    parts.map(([name, content]) => {
      const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
      const entry = makeEntry(name, bytes);
      return stored.includes(name) ? { ...entry, method: 0, data: bytes, compressedSize: bytes.length } : entry;
    }),
  );
}

interface BookSpec {
  workbook?: string;
  sheet1?: string;
  styles?: string;
  sst?: string;
  rels?: string;
  contentTypes?: string;
  extra?: Parts;
}

const sheetXml = (rows: string, ns = MAIN) => `${HEAD}<worksheet xmlns="${ns}"><sheetData>${rows}</sheetData></worksheet>`;

function book(spec: BookSpec = {}): Parts {
  const parts: Parts = [
    [
      "[Content_Types].xml",
      spec.contentTypes ??
        `${HEAD}<Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT_SHEET}"/></Types>`,
    ],
    ["_rels/.rels", `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      "xl/workbook.xml",
      spec.workbook ?? `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      spec.rels ??
        `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${
          spec.styles ? `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` : ""
        }${spec.sst ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    ],
    ["xl/worksheets/sheet1.xml", spec.sheet1 ?? sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>')],
  ];
  if (spec.styles) parts.push(["xl/styles.xml", spec.styles]);
  if (spec.sst) parts.push(["xl/sharedStrings.xml", spec.sst]);
  parts.push(...(spec.extra ?? []));
  return parts;
}

function refusal(bytes: Uint8Array): XlsxError {
  try {
    const pkg = openXlsx(bytes);
    snapshotOf(pkg, "t.xlsx");
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxError);
    return e as XlsxError;
  }
  throw new Error("expected a refusal");
}

function applyRefusal(bytes: Uint8Array, plan: Plan): XlsxError {
  try {
    applyPlan(openXlsx(bytes), plan);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxError);
    return e as XlsxError;
  }
  throw new Error("expected a refusal");
}

function partsOf(bytes: Uint8Array): Map<string, string> {
  const pkg = openXlsx(bytes);
  return new Map(pkg.entries.map((e: ZipEntry) => [e.name, strFromU8(inflateEntry(e))]));
}

function expectAllWellFormed(bytes: Uint8Array): void {
  for (const [name, text] of partsOf(bytes)) expect([name, xmlProblem(text)]).toEqual([name, null]);
}

const plainLine = (e: XlsxError) => {
  expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message).not.toMatch(/\n/);
};

const addSheetPlan: Plan = [
  { kind: "addSheet", sheet: "评估发现" },
  { kind: "cells", sheet: "评估发现", row: 0, col: 0, cells: [[{ value: "新文字" }, { value: 2 }]], purpose: "findings" },
];

describe("a first sheet that is not a worksheet", () => {
  const macroSheet = book({
    workbook: `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="宏1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    rels: `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>`,
    extra: [
      [
        "xl/macrosheets/sheet1.xml",
        `${HEAD}<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" xmlns="${MAIN}"><sheetData/></xm:macrosheet>`,
      ],
    ],
  }).filter(([n]) => n !== "xl/worksheets/sheet1.xml");
  const chartSheet = book({
    workbook: `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="图表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    rels: `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    extra: [["xl/chartsheets/sheet1.xml", `${HEAD}<chartsheet xmlns="${MAIN}"><sheetView/></chartsheet>`]],
  }).filter(([n]) => n !== "xl/worksheets/sheet1.xml");
  const missingPart = book().filter(([n]) => n !== "xl/worksheets/sheet1.xml");

  const cases: [string, Parts][] = [
    ["an XLM macro sheet", macroSheet],
    ["a chart sheet", chartSheet],
    ["a missing first-sheet part", missingPart],
  ];

  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "shuangbai-refusals-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases)("%s: the command line says nothing to score, exits 0 and writes nothing", (_label, parts) => {
    const input = join(dir, `${_label}.xlsx`);
    const outDir = join(dir, `${_label}-out`);
    writeFileSync(input, zipOf(parts));
    const run = runCli(["score", input, "--out-dir", outDir]);
    expect(run.crash).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim().split("\n")).toEqual([expect.stringContaining("没有找到可评估的内容")]);
    expect(() => readdirSync(outDir)).toThrow(); // not even the folder
  });

  it.each(cases)("%s: a plan into it is a typed refusal, not an Error", (_label, parts) => {
    const pkg = openXlsx(zipOf(parts));
    const name = pkg.sheets[0].name;
    const e = applyRefusal(zipOf(parts), [{ kind: "fill", sheet: name, role: "warning", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 0 }] }]);
    expect(e.code).toBe("not-worksheet");
    expect(e.message).toContain(name);
    plainLine(e);
  });

  it("a plan naming a sheet the workbook lacks, or an impossible sheet name, is refused the same way", () => {
    const bytes = zipOf(book());
    expect(applyRefusal(bytes, [{ kind: "freeze", sheet: "没有这张表", rows: 1, cols: 0 }]).code).toBe("no-such-sheet");
    const bad = applyRefusal(bytes, [{ kind: "addSheet", sheet: "a/b" }]);
    expect(bad.code).toBe("bad-sheet-name");
    plainLine(bad);
  });
});

describe("namespace-correct writing", () => {
  it("a prefixed workbook root whose r: prefix is declared on each <sheet> gets a bound prefix on the new sheet", () => {
    const workbook = `${HEAD}<x:workbook xmlns:x="${MAIN}"><x:sheets><x:sheet name="数据" sheetId="1" xmlns:r="${REL}" r:id="rId1"/></x:sheets></x:workbook>`;
    const out = applyPlan(openXlsx(zipOf(book({ workbook }))), addSheetPlan);
    expectAllWellFormed(out);
    const again = openXlsx(out);
    expect(again.sheets.map((s) => [s.name, s.kind])).toEqual([
      ["数据", "worksheet"],
      ["评估发现", "worksheet"],
    ]);
    expect(snapshotOf(again, "o").sheets[1].values[0]).toEqual(["新文字", 2]);
  });

  it("a relationships prefix bound on the root is reused, not redeclared", () => {
    const workbook = `${HEAD}<workbook xmlns="${MAIN}" xmlns:rel="${REL}"><sheets><sheet name="数据" sheetId="1" rel:id="rId1"/></sheets></workbook>`;
    const out = applyPlan(openXlsx(zipOf(book({ workbook }))), addSheetPlan);
    const wb = partsOf(out).get("xl/workbook.xml")!;
    expect(wb).toMatch(/<sheet name="评估发现" sheetId="2" rel:id="rId\d+"\/>/);
    expectAllWellFormed(out);
  });

  it("a prefixed [Content_Types].xml gets prefixed overrides", () => {
    const contentTypes = `${HEAD}<ct:Types xmlns:ct="${CT}"><ct:Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><ct:Default Extension="xml" ContentType="application/xml"/><ct:Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></ct:Types>`;
    const out = applyPlan(openXlsx(zipOf(book({ contentTypes }))), addSheetPlan);
    const ct = partsOf(out).get("[Content_Types].xml")!;
    expect(ct).not.toMatch(/<Override/);
    expect(ct).toMatch(/<ct:Override PartName="\/xl\/worksheets\/sheet2.xml"/);
    expectAllWellFormed(out);
  });

  it("a self-closing <styleSheet/> is opened, and new styles never take cellXfs 0 nor fills 0 and 1", () => {
    const styles = `${HEAD}<styleSheet xmlns="${MAIN}"/>`;
    const out = applyPlan(openXlsx(zipOf(book({ styles }))), [{ kind: "fill", sheet: "数据", role: "warning", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 0 }] }]);
    expectAllWellFormed(out);
    const xml = partsOf(out).get("xl/styles.xml")!;
    expect(xml.trimEnd().endsWith("</styleSheet>")).toBe(true);
    const fills = [...xml.matchAll(/<fill>(.*?)<\/fill>/g)].map((m) => m[1]);
    expect(fills[0]).toContain('patternType="none"');
    expect(fills[1]).toContain('patternType="gray125"');
    expect(fills[2]).toContain('patternType="solid"');
    const xfs = xml.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)![1].match(/<xf [^>]*\/>/g)!;
    expect(xfs[0]).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    expect(xfs[1]).toContain('fillId="2"');
    expect(partsOf(out).get("xl/worksheets/sheet1.xml")).toContain('s="1"');
    expect(xml).toMatch(/<fonts count="1">/);
    expect(xml).toMatch(/<borders count="1">/);
  });

  it("a stylesheet with a single fill gets gray125 at index 1 before the new fill", () => {
    const styles = `${HEAD}<styleSheet xmlns="${MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`;
    const out = applyPlan(openXlsx(zipOf(book({ styles }))), [{ kind: "fill", sheet: "数据", role: "error", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 0 }] }]);
    const xml = partsOf(out).get("xl/styles.xml")!;
    const fills = [...xml.matchAll(/<fill>(.*?)<\/fill>/g)].map((m) => m[1]);
    expect(fills.map((f) => /patternType="(\w+)"/.exec(f)![1])).toEqual(["none", "gray125", "solid"]);
    expect(xml).toMatch(/<fills count="3">/);
    expectAllWellFormed(out);
  });

  it("a Strict package gets its new sheet, relationships and parts in the Strict namespaces", () => {
    const workbook = `${HEAD}<workbook xmlns="${STRICT_MAIN}" xmlns:r="${STRICT_REL}" conformance="strict"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels = `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${STRICT_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
    const parts = book({ workbook, rels, sheet1: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', STRICT_MAIN) });
    parts[1] = [
      "_rels/.rels",
      `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${STRICT_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ];
    const out = applyPlan(openXlsx(zipOf(parts)), [
      ...addSheetPlan,
      { kind: "fill", sheet: "评估发现", role: "header", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 1 }] },
    ]);
    expectAllWellFormed(out);
    const p = partsOf(out);
    const added = [...p.keys()].filter((n) => !parts.some(([m]) => m === n));
    expect(added.sort()).toEqual(["xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"]);
    for (const name of added) {
      expect(p.get(name)).toContain(STRICT_MAIN);
      expect(p.get(name)).not.toContain("schemas.openxmlformats.org/spreadsheetml");
    }
    const wbRels = p.get("xl/_rels/workbook.xml.rels")!;
    expect(wbRels).not.toContain("schemas.openxmlformats.org/officeDocument");
    expect(wbRels).toContain(`${STRICT_REL}/styles`);
    expect(snapshotOf(openXlsx(out), "o").sheets[1].values[0]).toEqual(["新文字", 2]);
  });
});

describe("package sanity on read", () => {
  const damaged = /已损坏/;
  const resave = /Excel 或 WPS/;

  it("two entries with the same name are refused", () => {
    const parts = book();
    parts.push(["xl/worksheets/sheet1.xml", sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>')]);
    const e = refusal(zipOf(parts));
    expect(e.code).toBe("duplicate-entry");
    expect(e.message).toMatch(damaged);
    expect(e.message).toMatch(resave);
    plainLine(e);
  });

  it("two entries whose names differ only by case are refused", () => {
    const parts = book();
    parts.push(["xl/worksheets/Sheet1.xml", sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>')]);
    const e = refusal(zipOf(parts));
    expect(e.code).toBe("case-collision");
    expect(e.message).toContain("Sheet1.xml");
    plainLine(e);
  });

  it("backslash paths are a damaged .xlsx, to open and save again in Excel or WPS", () => {
    const parts = book().map(([n, c]): [string, string | Uint8Array] => [n.replace(/\//g, "\\"), c]);
    const e = refusal(zipOf(parts));
    expect(e.code).toBe("backslash-path");
    expect(e.message).toMatch(damaged);
    expect(e.message).toMatch(resave);
    expect(e.message).not.toMatch(/其他文档/);
    plainLine(e);
  });

  it("a worksheet whose bytes fail their CRC is refused, not scored", () => {
    const bytes = zipOf(book(), ["xl/worksheets/sheet1.xml"]);
    const pkg = openXlsx(bytes);
    const sheet = pkg.entries.find((x) => x.name === "xl/worksheets/sheet1.xml")!;
    // a stored entry: change one digit of the value, keep the size — the XML stays plausible
    const copy = bytes.slice();
    const at = sheet.data.byteOffset + new TextDecoder().decode(sheet.data).indexOf("<v>1</v>") + 3;
    copy[at] = "7".charCodeAt(0);
    const e = refusal(copy);
    expect(e.code).toBe("crc-mismatch");
    expect(e.message).toContain("xl/worksheets/sheet1.xml");
    plainLine(e);
  });

  it("a part the run never reads is copied as it was, even with a bad CRC", () => {
    const image = new Uint8Array(200).map((_, i) => i);
    const bytes = zipOf(book({ extra: [["xl/media/image1.png", image]] }), ["xl/media/image1.png"]);
    const copy = bytes.slice();
    const pkg = openXlsx(copy);
    const img = pkg.entries.find((x) => x.name === "xl/media/image1.png")!;
    copy[img.data.byteOffset + 10] ^= 0xff;
    const out = applyPlan(openXlsx(copy), addSheetPlan);
    const outImg = openXlsx(out).entries.find((x) => x.name === "xl/media/image1.png")!;
    expect(outImg.data).toEqual(openXlsx(copy).entries.find((x) => x.name === "xl/media/image1.png")!.data);
  });

  it("Excel 2007 beta files (excel/2006/2, <sstItem>) are refused", () => {
    const BETA = "http://schemas.microsoft.com/office/excel/2006/2";
    const workbook = `${HEAD}<workbook xmlns="${BETA}" xmlns:r="${REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const e1 = refusal(zipOf(book({ workbook })));
    expect(e1.code).toBe("beta-format");
    plainLine(e1);
    const sst = `${HEAD}<sst xmlns="${BETA}"><sstItem>旧</sstItem></sst>`;
    const e2 = refusal(zipOf(book({ sst })));
    expect(e2.code).toBe("beta-format");
  });
});

// Found by the mutation fuzzer over the real-workbook corpus (test/corpus/fuzz-*.test.ts); each
// case here is the smallest package that showed it.
describe("damage the corpus fuzzer found", () => {
  const fill = (sheet: string): Plan => [{ kind: "fill", sheet, role: "warning", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 0 }] }];

  it("a worksheet with a comment never closed is written in bounded time, not scanned for ever", () => {
    const sheet1 = `${HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><!-- never closed <pageMargins/></worksheet>`;
    const bytes = zipOf(book({ sheet1 }));
    const t0 = Date.now();
    let outcome: string;
    try {
      const out = applyPlan(openXlsx(bytes), fill("数据"));
      outcome = `written, A1 = ${JSON.stringify(snapshotOf(openXlsx(out), "o").sheets[0].values[0])}`;
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxError);
      outcome = "refused";
    }
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(outcome).toBe("written, A1 = [1]");
  });

  it("a new sheet never takes the name of a listed sheet whose part is missing", () => {
    const workbook = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/><sheet name="丢失" sheetId="2" r:id="rId2"/></sheets></workbook>`;
    const rels = `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`;
    const out = applyPlan(openXlsx(zipOf(book({ workbook, rels }))), addSheetPlan);
    const again = openXlsx(out);
    expect(again.sheets.map((s) => [s.name, s.path])).toEqual([
      ["数据", "xl/worksheets/sheet1.xml"],
      ["丢失", null],
      ["评估发现", "xl/worksheets/sheet3.xml"],
    ]);
    const snap = snapshotOf(again, "o");
    expect(snap.sheets[1].values).toEqual([]);
    expect(snap.sheets[2].values[0]).toEqual(["新文字", 2]);
    expectAllWellFormed(out);
  });

  it("a stylesheet entry no relationship names is left alone; the new one gets a name of its own", () => {
    const orphan = `${HEAD}<styleSheet xmlns="${MAIN}"><cellXfs count="1"><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const parts = book({ extra: [["xl/styles.xml", orphan]] });
    const out = applyPlan(openXlsx(zipOf(parts)), fill("数据"));
    const p = partsOf(out);
    expect(p.get("xl/styles.xml")).toBe(orphan);
    expect(p.get("xl/_rels/workbook.xml.rels")).toContain('Target="styles2.xml"');
    expect(p.get("xl/styles2.xml")).toContain("<cellXfs");
    expectAllWellFormed(out);
  });

  it("a styles relationship to a missing part: the new stylesheet fills it, and cells that named styles stay plain", () => {
    const rels = `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
    const sheet1 = sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="3"><v>2</v></c></row>');
    const out = applyPlan(openXlsx(zipOf(book({ rels, sheet1 }))), [
      { kind: "cells", sheet: "数据", row: 0, col: 0, purpose: "percent", cells: [[{ value: 0.5, numberFormat: "0.00%" }]] },
    ]);
    const p = partsOf(out);
    expect(p.get("xl/_rels/workbook.xml.rels")!.match(/relationships\/styles"/g)).toHaveLength(1);
    const xfs = p
      .get("xl/styles.xml")!
      .match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)![1]
      .match(/<xf [^>]*\/>/g)!;
    // 0–3 plain (B1 names 3), the new percent style after them
    expect(xfs.slice(0, 4).every((x) => x === '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>')).toBe(true);
    expect(p.get("xl/worksheets/sheet1.xml")).toContain('<c r="A1" s="4"');
    const snap = snapshotOf(openXlsx(out), "o").sheets[0];
    expect(snap.numberFormats![0][0]).toBe("0.00%");
    expect(snap.numberFormats![0][1] ?? null).toBeNull();
    expect(p.get("[Content_Types].xml")!.match(/PartName="\/xl\/styles.xml"/g)).toHaveLength(1);
    expectAllWellFormed(out);
  });

  it("a workbook without its relationships part, or whose shared strings part is missing, is refused in one line", () => {
    const noRels = book().filter(([n]) => n !== "xl/_rels/workbook.xml.rels");
    const e1 = refusal(zipOf(noRels));
    expect(e1.code).toBe("missing-part");
    expect(e1.message).toContain("xl/_rels/workbook.xml.rels");
    plainLine(e1);
    const noSst = book({ sst: `${HEAD}<sst xmlns="${MAIN}"><si><t>甲</t></si></sst>` }).filter(([n]) => n !== "xl/sharedStrings.xml");
    const e2 = refusal(zipOf(noSst));
    expect(e2.code).toBe("missing-part");
    expect(e2.message).toContain("xl/sharedStrings.xml");
    expect(e2.message).toMatch(/Excel 或 WPS/);
    plainLine(e2);
  });

  it.each([
    [
      "xl/styles.xml",
      (p: Parts) => p.map(([n, c]): [string, string | Uint8Array] => [n, n === "xl/styles.xml" ? String(c).replace('count="1"', 'count="1') : c]),
    ],
    [
      "xl/workbook.xml",
      (p: Parts) => p.map(([n, c]): [string, string | Uint8Array] => [n, n === "xl/workbook.xml" ? String(c).replace("<sheets>", "<sheets><x:bad>") : c]),
    ],
    [
      "xl/_rels/workbook.xml.rels",
      (p: Parts) =>
        p.map(([n, c]): [string, string | Uint8Array] => [
          n,
          n === "xl/_rels/workbook.xml.rels" ? String(c).replace("<Relationship ", '<Relationship Id="rId9" ') : c,
        ]),
    ],
  ])("a package-level part that is not well-formed (%s) is refused before anything is patched into it", (part, spoil) => {
    const styles = `${HEAD}<styleSheet xmlns="${MAIN}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const e = refusal(zipOf(spoil(book({ styles }))));
    expect(e.code).toBe("malformed-part");
    expect(e.message).toContain(part);
    plainLine(e);
  });
});

describe("a cell naming a shared string the table lacks", () => {
  // found by the fuzzer: a garbled table parsed short, and the strings a plan appended took the
  // indexes cells already named, so those cells showed the new text
  it("is refused in one line instead of being read as blank and overwritten by new strings", () => {
    const sst = `${HEAD}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>甲</t></si></sst>`;
    const sheet1 = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>');
    const e = refusal(zipOf(book({ sst, sheet1 })));
    expect(e.code).toBe("missing-string");
    expect(e.message).toMatch(/共享字符串/);
    plainLine(e);
    // the same table with the string the cell names reads as it should
    const fine = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    expect(snapshotOf(openXlsx(zipOf(book({ sst, sheet1: fine }))), "t").sheets[0].values).toEqual([["甲"]]);
  });
});

describe("every refusal code", () => {
  const docs = (name: string) => readFileSync(join(__dirname, "..", "..", "docs", name), "utf8");
  it.each(XLSX_ERROR_CODES.map((c) => [c]))("%s: one plain sentence, documented in architecture.md and findings.md", (code) => {
    const e = new XlsxError(code, "detail", "xl/worksheets/sheet1.xml");
    plainLine(e);
    expect(e.message).not.toContain("detail");
    expect(docs("architecture.md")).toMatch(new RegExp(`^\\| \`${code}\` \\|`, "m"));
    expect(docs("findings.md")).toContain(`\`${code}\``);
  });
});

describe("a relationships prefix bound to a mistyped namespace", () => {
  // found by the fuzzer: the reader took the prefix from any declaration in the document, so the
  // new sheet's own xmlns:r1 made every existing <sheet r:id> unreadable in the output
  it("reads the same sheets before and after a sheet is added", () => {
    const workbook = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlfor>officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const input = zipOf(book({ workbook }));
    expect(snapshotOf(openXlsx(input), "i").sheets[0].values).toEqual([[1]]);
    const out = applyPlan(openXlsx(input), addSheetPlan);
    expectAllWellFormed(out);
    const after = snapshotOf(openXlsx(out), "o");
    expect(after.sheets.map((s) => [s.name, s.values[0]])).toEqual([
      ["数据", [1]],
      ["评估发现", ["新文字", 2]],
    ]);
  });
});
