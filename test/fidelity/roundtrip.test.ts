/**
 * Round-trip fidelity of `shuangbai score` (issue 6, "nothing lost, nothing garbled"): a workbook
 * carrying charts, images, a pivot table, comments, defined names, validations, conditional
 * formats, hidden sheets, rich text, an external link and (as .xlsm) a VBA project goes through
 * the real command. Every part the run has no reason to touch must come back byte-identical, and
 * the sheets it writes into must keep every other cell, style, merge and sheet element.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { strFromU8, unzipSync } from "fflate";
import { main } from "../../src/cli/main";
import { parseScoreArgs } from "../../src/cli/args";
import { loadOptions } from "../../src/cli/score";
import { evaluate } from "../../src/core/evaluate";
import type { CellRange, Plan, SheetSnapshot } from "../../src/core/types";
import { openXlsx, snapshotOf } from "../../src/file";
import { loadWithExcelJs } from "../fixtures/file/build";
import { CHART_SHEET, GRAFTED, HIDDEN_SHEET, MACRO_MAIN_TYPE, NOTES_SHEET, PIVOT_SHEET, VERY_HIDDEN_SHEET, richWorkbook, sheetParts } from "./rich-workbook";
import {
  cellStyles,
  cellXml,
  inSchemaOrder,
  rowAttributes,
  topLevelElements,
  contentTypes,
  definedNames,
  keptSheetElements,
  relationships,
  sameBytes,
  sharedStringItems,
  styleRecords,
  text,
  workbookSheets,
} from "./package-parts";
import { INDICATOR_SHEET, ROSTER_SHEET, SCORE_SHEET } from "../support/generate-roster";

/** parts a run may rewrite besides the worksheets it writes into (calcChain.xml may only go) */
const SHARED_TOUCHED = ["xl/styles.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "docProps/app.xml"];

interface Run {
  kind: "xlsx" | "xlsm";
  inputPath: string;
  input: Uint8Array;
  outputPath: string;
  output: Uint8Array;
  a: Record<string, Uint8Array>;
  b: Record<string, Uint8Array>;
  plan: Plan;
  /** names of the input's sheets the plan writes into */
  touchedSheets: string[];
}

const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
const runs: Run[] = [];
let dir = "";

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "A1" → "0,0", the footprint's key */
function rowCol(addr: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
  const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return `${Number(m[2]) - 1},${c}`;
}

/** cells the plan writes a value into, and cells whose style a fill changes, per sheet ("r,c") */
function planFootprint(plan: Plan): { written: Map<string, Set<string>>; restyled: Map<string, Set<string>> } {
  const written = new Map<string, Set<string>>();
  const restyled = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, sheet: string, r: number, c: number) => {
    if (!m.has(sheet)) m.set(sheet, new Set());
    m.get(sheet)!.add(`${r},${c}`);
  };
  const addRange = (m: Map<string, Set<string>>, sheet: string, g: CellRange) => {
    for (let r = g.r1; r <= g.r2; r++) for (let c = g.c1; c <= g.c2; c++) add(m, sheet, r, c);
  };
  for (const op of plan) {
    if (op.kind === "cells")
      op.cells.forEach((row, i) =>
        row.forEach((cell, j) => cell && (add(written, op.sheet, op.row + i, op.col + j), add(restyled, op.sheet, op.row + i, op.col + j))),
      );
    if (op.kind === "fill") for (const g of op.ranges) addRange(restyled, op.sheet, g);
  }
  return { written, restyled };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-fidelity-"));
  for (const kind of ["xlsx", "xlsm"] as const) {
    const input = await richWorkbook({ macro: kind === "xlsm" });
    const inputPath = path.join(dir, `夏港街社工站.${kind}`);
    fs.writeFileSync(inputPath, input);
    // the .xlsx run names its output; the .xlsm run lets the command name it, to check the extension
    const args = kind === "xlsx" ? ["score", inputPath, "--out", path.join(dir, "结果.xlsx"), "--quiet"] : ["score", inputPath, "--quiet"];
    expect(main(args, quiet)).toBe(0);
    const outputPath = kind === "xlsx" ? path.join(dir, "结果.xlsx") : path.join(dir, "夏港街社工站-评估结果.xlsm");
    const output = new Uint8Array(fs.readFileSync(outputPath));
    // the same plan the command applied: same reader, same options
    const plan = evaluate(snapshotOf(openXlsx(input), path.basename(inputPath)), loadOptions(parseScoreArgs(args.slice(1)))).plan;
    const a = unzipSync(input);
    const names = new Set(sheetParts(a).keys());
    const touchedSheets = [...new Set(plan.map((op) => op.sheet))].filter((s) => names.has(s));
    runs.push({ kind, inputPath, input, outputPath, output, a, b: unzipSync(output), plan, touchedSheets });
  }
}, 20000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(["xlsx", "xlsm"] as const)("score on a rich .%s workbook", (kind) => {
  const run = () => runs.find((r) => r.kind === kind)!;

  it("writes into the roster, indicator and score sheets and adds its own, so the round trip is a real one", () => {
    const { touchedSheets, plan } = run();
    expect(touchedSheets.sort()).toEqual([INDICATOR_SHEET, ROSTER_SHEET, SCORE_SHEET].sort());
    expect(plan.some((op) => op.kind === "addSheet")).toBe(true);
  });

  it("leaves the input file's bytes unchanged", () => {
    const { inputPath, input } = run();
    expect(sameBytes(new Uint8Array(fs.readFileSync(inputPath)), input)).toBe(true);
  });

  it("rewrites only the touched worksheets and the shared workbook parts; everything else is byte-identical", () => {
    const { a, b, touchedSheets } = run();
    const parts = sheetParts(a);
    const allowed = new Set([...SHARED_TOUCHED, ...touchedSheets.map((s) => parts.get(s)!)]);
    const changed = Object.keys(a).filter((n) => n !== "xl/calcChain.xml" && !sameBytes(a[n], b[n]));
    expect(changed.filter((n) => !allowed.has(n))).toEqual([]);
    // formulas were written, so Excel's calc chain is dropped (and so are its declarations) rather than left stale
    expect(b["xl/calcChain.xml"]).toBeUndefined();
    expect(text(b, "[Content_Types].xml")).not.toContain("calcChain");
    expect(text(b, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
  });

  const features: [string, (a: Record<string, Uint8Array>) => string[]][] = [
    ["the chart and its drawing", () => [...GRAFTED.chart]],
    ["images: media and the drawings that place them", (a) => Object.keys(a).filter((n) => /^xl\/media\/|^xl\/drawings\/(_rels\/)?drawing[1-3]\.xml/.test(n))],
    ["comments and their VML shapes", (a) => Object.keys(a).filter((n) => /^xl\/comments\d+\.xml$|^xl\/drawings\/vmlDrawing\d+\.vml$/.test(n))],
    ["the pivot cache and pivot table", () => [...GRAFTED.pivot]],
    ["the external link", () => [...GRAFTED.externalLink]],
    ["the table (list object)", (a) => Object.keys(a).filter((n) => /^xl\/tables\//.test(n))],
    ["printer settings", () => [...GRAFTED.printerSettings]],
    ["theme, core properties and package relationships", () => ["xl/theme/theme1.xml", "docProps/core.xml", "_rels/.rels"]],
    ["the relationships of every sheet, touched or not", (a) => Object.keys(a).filter((n) => n.startsWith("xl/worksheets/_rels/"))],
    [
      "the sheets nothing writes to (notes, chart, pivot, hidden, very hidden)",
      (a) => [NOTES_SHEET, CHART_SHEET, PIVOT_SHEET, HIDDEN_SHEET, VERY_HIDDEN_SHEET].map((s) => sheetParts(a).get(s)!),
    ],
  ];
  if (kind === "xlsm") features.push(["the VBA project", () => [...GRAFTED.vba]]);

  it.each(features)("keeps %s byte-identical", (_, list) => {
    const { a, b } = run();
    const names = list(a);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) {
      expect(a[n]).toBeDefined();
      expect({ part: n, identical: sameBytes(a[n], b[n]) }).toEqual({ part: n, identical: true });
    }
  });

  it("keeps every cell the plan does not write: value, formula and number format", () => {
    const { input, output, plan } = run();
    const before = snapshotOf(openXlsx(input), "in").sheets;
    const after = snapshotOf(openXlsx(output), "out").sheets;
    const { written } = planFootprint(plan);
    let compared = 0;
    for (const s of before) {
      const t = after.find((x) => x.name === s.name)!;
      expect(t).toBeDefined();
      const skip = written.get(s.name) ?? new Set<string>();
      const cell = (sh: SheetSnapshot, r: number, c: number) => ({
        value: sh.values[r]?.[c] ?? null,
        formula: sh.formulas?.[r]?.[c] ?? null,
        format: sh.numberFormats?.[r]?.[c] ?? null,
      });
      s.values.forEach((row, r) =>
        row.forEach((_, c) => {
          if (skip.has(`${r},${c}`)) return;
          compared++;
          expect({ sheet: s.name, at: `${colName(c)}${r + 1}`, ...cell(t, r, c) }).toEqual({ sheet: s.name, at: `${colName(c)}${r + 1}`, ...cell(s, r, c) });
        }),
      );
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("keeps every merge, and every drawing, comment anchor, validation, conditional format and page setting of the touched sheets", () => {
    const { input, output, a, b, touchedSheets } = run();
    const before = snapshotOf(openXlsx(input), "in").sheets;
    const after = snapshotOf(openXlsx(output), "out").sheets;
    for (const s of before) expect(after.find((x) => x.name === s.name)!.merges ?? []).toEqual(expect.arrayContaining(s.merges ?? []));
    const parts = sheetParts(a);
    const outParts = sheetParts(b);
    for (const name of touchedSheets) {
      const src = text(a, parts.get(name)!);
      const dst = text(b, outParts.get(name)!);
      const kept = keptSheetElements(src);
      // the fixture gives the roster and indicator sheets all four (and the indicator sheet a tab
      // colour and a frozen pane); the score sheet has none of them
      const expected = name === SCORE_SHEET ? [] : ["<drawing ", "<legacyDrawing ", "<dataValidation ", "<conditionalFormatting "];
      if (name === INDICATOR_SHEET) expected.push("<sheetPr>", "<sheetViews>", "<hyperlink ", "<extLst>");
      for (const tag of expected) expect({ sheet: name, tag, present: kept.some((e) => e.startsWith(tag)) }).toEqual({ sheet: name, tag, present: true });
      for (const el of kept) expect({ sheet: name, element: el, kept: dst.includes(el) }).toEqual({ sheet: name, element: el, kept: true });
    }
  });

  it("writes every touched and added sheet with its elements in the schema's order", () => {
    const { b, plan } = run();
    // only the sheets the run writes: exceljs itself puts tableParts before legacyDrawing on the notes sheet
    const written = new Set(plan.map((op) => op.sheet));
    expect(written.size).toBeGreaterThanOrEqual(5);
    for (const [name, part] of [...sheetParts(b)].filter(([n]) => written.has(n))) {
      const names = topLevelElements(text(b, part));
      expect({ sheet: name, names, ordered: inSchemaOrder(names) }).toEqual({ sheet: name, names, ordered: true });
    }
    expect(topLevelElements(text(b, sheetParts(b).get(INDICATOR_SHEET)!)).slice(-1)).toEqual(["extLst"]);
  });

  it("gives untouched cells of the touched sheets the same style record, and only appends to the stylesheet", () => {
    const { a, b, plan, touchedSheets } = run();
    const sa = text(a, "xl/styles.xml");
    const sb = text(b, "xl/styles.xml");
    for (const [collection, record] of [
      ["numFmts", "numFmt"],
      ["fonts", "font"],
      ["fills", "fill"],
      ["borders", "border"],
      ["cellStyleXfs", "xf"],
      ["cellXfs", "xf"],
      ["cellStyles", "cellStyle"],
      ["dxfs", "dxf"],
    ]) {
      const was = styleRecords(sa, collection, record);
      expect({ collection, records: styleRecords(sb, collection, record).slice(0, was.length) }).toEqual({ collection, records: was });
    }
    const xfA = styleRecords(sa, "cellXfs", "xf");
    const xfB = styleRecords(sb, "cellXfs", "xf");
    const { restyled } = planFootprint(plan);
    const parts = sheetParts(a);
    const outParts = sheetParts(b);
    let compared = 0;
    for (const name of touchedSheets) {
      const was = cellStyles(text(a, parts.get(name)!));
      const now = cellStyles(text(b, outParts.get(name)!));
      const skip = restyled.get(name) ?? new Set<string>();
      for (const [addr, s] of was) {
        if (skip.has(rowCol(addr))) continue;
        compared++;
        expect({ sheet: name, addr, s: now.get(addr), xf: xfB[now.get(addr) ?? -1] }).toEqual({ sheet: name, addr, s, xf: xfA[s] });
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("keeps the exact XML of every cell the plan neither writes nor restyles, shared and array formulas included, and every row's settings", () => {
    const { a, b, plan, touchedSheets } = run();
    const { restyled } = planFootprint(plan);
    const parts = sheetParts(a);
    const outParts = sheetParts(b);
    let compared = 0;
    for (const name of touchedSheets) {
      const src = text(a, parts.get(name)!);
      const dst = text(b, outParts.get(name)!);
      const was = cellXml(src);
      const now = cellXml(dst);
      const skip = restyled.get(name) ?? new Set<string>();
      // a follower of a shared formula whose master the plan overwrote must be rewritten with its own formula
      // (its formula text is checked with the other cells' above)
      const orphaned = new Set(
        [...was].filter(([addr, xml]) => skip.has(rowCol(addr)) && /<f t="shared" ref=/.test(xml)).map(([, xml]) => /\bsi="(\d+)"/.exec(xml)![1]),
      );
      for (const [addr, xml] of was) {
        if (skip.has(rowCol(addr))) continue;
        const si = /<f t="shared" si="(\d+)"\/>/.exec(xml)?.[1];
        if (si && orphaned.has(si)) continue;
        compared++;
        expect({ sheet: name, addr, xml: now.get(addr) }).toEqual({ sheet: name, addr, xml });
      }
      const rowsNow = rowAttributes(dst);
      for (const [r, attrs] of rowAttributes(src)) expect({ sheet: name, row: r, attrs: rowsNow.get(r) }).toEqual({ sheet: name, row: r, attrs });
    }
    expect(compared).toBeGreaterThan(500);
    const ind = text(a, parts.get(INDICATOR_SHEET)!);
    expect(ind).toMatch(/<f t="shared" ref="G8:G10"/);
    expect(ind).toMatch(/<f t="array" ref="H6"/);
    expect(ind).toMatch(/<row r="32"[^>]*hidden="1"/);
    expect(ind).toContain('<c r="H8" t="inlineStr">');
    const out = cellXml(text(b, outParts.get(INDICATOR_SHEET)!));
    expect(out.get("E5")).toContain("<f>D5/C5</f>");
    // the group D7:E9 lost its master D7 to the run: each follower carries its own formula, E8 in
    // a row the run otherwise copies as it is
    for (const r of [7, 8, 9]) expect({ addr: `E${r}`, xml: out.get(`E${r}`) }).toEqual({ addr: `E${r}`, xml: expect.stringContaining(`<f>LEN(C${r})</f>`) });
  });

  it("keeps the stylesheet, shared strings and touched sheets self-consistent: schema order and every count attribute true", () => {
    const { b, plan } = run();
    const styles = text(b, "xl/styles.xml");
    const order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
    const present = order.filter((n) => new RegExp(`<${n}\\b`).test(styles));
    expect(present.map((n) => styles.search(new RegExp(`<${n}\\b`)))).toEqual(present.map((n) => styles.search(new RegExp(`<${n}\\b`))).sort((x, y) => x - y));
    for (const [collection, record] of [
      ["numFmts", "numFmt"],
      ["fonts", "font"],
      ["fills", "fill"],
      ["borders", "border"],
      ["cellStyleXfs", "xf"],
      ["cellXfs", "xf"],
      ["cellStyles", "cellStyle"],
      ["dxfs", "dxf"],
    ]) {
      const count = new RegExp(`<${collection}\\b[^>]*\\bcount="(\\d+)"`).exec(styles)?.[1];
      if (count !== undefined) expect({ collection, count: Number(count) }).toEqual({ collection, count: styleRecords(styles, collection, record).length });
    }
    const sst = text(b, "xl/sharedStrings.xml");
    const unique = /<sst\b[^>]*\buniqueCount="(\d+)"/.exec(sst)?.[1];
    if (unique !== undefined) expect(Number(unique)).toBe(sharedStringItems(sst).length);
    const written = new Set(plan.map((op) => op.sheet));
    for (const [name, part] of [...sheetParts(b)].filter(([n]) => written.has(n))) {
      const xml = text(b, part);
      for (const [collection, record] of [
        ["mergeCells", "mergeCell"],
        ["dataValidations", "dataValidation"],
        ["hyperlinks", "hyperlink"],
      ]) {
        const count = new RegExp(`<${collection}\\b[^>]*\\bcount="(\\d+)"`).exec(xml)?.[1];
        const actual = (xml.match(new RegExp(`<${record}\\b`, "g")) ?? []).length;
        if (count !== undefined) expect({ sheet: name, collection, count: Number(count) }).toEqual({ sheet: name, collection, count: actual });
      }
    }
  });

  it("keeps defined names, sheet states and order, the pivot cache and external link declarations", () => {
    const { a, b } = run();
    const wa = text(a, "xl/workbook.xml");
    const wb = text(b, "xl/workbook.xml");
    const names = definedNames(wa);
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names.some((n) => n.scope === ROSTER_SHEET && n.name === "_xlnm.Print_Area")).toBe(true);
    expect(definedNames(wb)).toEqual(expect.arrayContaining(names));
    const before = workbookSheets(wa);
    const after = workbookSheets(wb);
    expect(after.filter((s) => before.some((x) => x.name === s.name))).toEqual(before);
    expect(names.filter((n) => n.scope !== "(workbook)").map((n) => n.scope)).toEqual(expect.arrayContaining([ROSTER_SHEET, INDICATOR_SHEET, NOTES_SHEET]));
    const activeTab = (xml: string, sheets: { name: string }[]) => sheets[Number(/<workbookView\b[^>]*\bactiveTab="(\d+)"/.exec(xml)?.[1] ?? 0)].name;
    expect(activeTab(wa, before)).toBe(SCORE_SHEET);
    expect(activeTab(wb, after)).toBe(SCORE_SHEET);
    expect(before.find((s) => s.name === HIDDEN_SHEET)!.state).toBe("hidden");
    expect(before.find((s) => s.name === VERY_HIDDEN_SHEET)!.state).toBe("veryHidden");
    for (const el of [/<externalReferences>[\s\S]*?<\/externalReferences>/, /<pivotCaches>[\s\S]*?<\/pivotCaches>/, /<workbookPr\b[^>]*>/]) {
      const m = el.exec(wa)!;
      expect(m).not.toBeNull();
      expect(wb).toContain(m[0]);
    }
    // every relationship of the workbook except the calc chain still points where it did
    const ra = relationships(text(a, "xl/_rels/workbook.xml.rels"));
    const rb = relationships(text(b, "xl/_rels/workbook.xml.rels"));
    for (const [id, rel] of ra) if (!rel.includes("/calcChain ")) expect({ id, rel: rb.get(id) }).toEqual({ id, rel });
  });

  it("keeps every shared string, rich text runs included, at its index", () => {
    const { a, b } = run();
    const was = sharedStringItems(text(a, "xl/sharedStrings.xml"));
    expect(was.filter((si) => si.includes("<r>")).length).toBeGreaterThanOrEqual(2);
    expect(sharedStringItems(text(b, "xl/sharedStrings.xml")).slice(0, was.length)).toEqual(was);
  });

  it("comes out a consistent package: unique sheet names, ids and relationship ids, every part typed and every declared part present", () => {
    const { b } = run();
    const sheets = workbookSheets(text(b, "xl/workbook.xml"));
    expect(new Set(sheets.map((s) => s.name)).size).toBe(sheets.length);
    expect(new Set(sheets.map((s) => s.sheetId)).size).toBe(sheets.length);
    const relsText = text(b, "xl/_rels/workbook.xml.rels");
    const ids = [...relsText.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [name, part] of sheetParts(b)) expect({ name, part, present: !!b[part] }).toEqual({ name, part, present: true });
    const decls = contentTypes(text(b, "[Content_Types].xml"));
    const overrides = decls.map((d) => /PartName="\/([^"]+)"/.exec(d)?.[1]).filter((x): x is string => !!x);
    const defaults = decls.map((d) => /Default Extension="([^"]+)"/.exec(d)?.[1]?.toLowerCase()).filter((x): x is string => !!x);
    for (const part of overrides) expect({ part, present: !!b[part] }).toEqual({ part, present: true });
    // zip folder entries (exceljs writes them) are not parts
    for (const part of Object.keys(b).filter((n) => !n.endsWith("/"))) {
      const typed = overrides.includes(part) || defaults.includes(part.split(".").pop()!.toLowerCase());
      expect({ part, typed }).toEqual({ part, typed: true });
    }
  });

  it("keeps every content type declaration but the calc chain's", () => {
    const { a, b } = run();
    const now = contentTypes(text(b, "[Content_Types].xml"));
    for (const decl of contentTypes(text(a, "[Content_Types].xml")).filter((d) => !d.includes("calcChain"))) expect(now).toContain(decl);
    if (kind === "xlsm") {
      expect(now).toContain(`<Override PartName="/xl/workbook.xml" ContentType="${MACRO_MAIN_TYPE}"/>`);
      expect(now).toContain('<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>');
    }
  });

  if (kind === "xlsm") {
    it("names the macro workbook's output .xlsm", () => {
      expect(path.extname(run().outputPath)).toBe(".xlsm");
      expect(fs.existsSync(run().outputPath)).toBe(true);
    });
  }

  it("opens in exceljs with its images, notes, names and hidden sheets", async () => {
    const wb = await loadWithExcelJs(run().output);
    expect(wb.getWorksheet(NOTES_SHEET)!.getImages()).toHaveLength(1);
    expect(wb.getWorksheet(INDICATOR_SHEET)!.getImages()).toHaveLength(1);
    expect(wb.getWorksheet(NOTES_SHEET)!.getCell("A2").note).toBeDefined();
    expect(wb.getWorksheet(HIDDEN_SHEET)!.state).toBe("hidden");
    expect(wb.getWorksheet(VERY_HIDDEN_SHEET)!.state).toBe("veryHidden");
    expect(wb.definedNames.getRanges("性别列表").ranges).toEqual([`'${HIDDEN_SHEET}'!$A$1:$A$2`]);
    const f3 = wb.getWorksheet(INDICATOR_SHEET)!.getCell("F3").value as { richText: { text: string }[] };
    expect(f3.richText.map((r) => r.text).join("")).toBe("按季度统计");
  });
});

describe("LibreOffice", () => {
  const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();
  const check = soffice ? it : it.skip;
  if (!soffice) console.warn("soffice is not installed: the LibreOffice checks of the fidelity outputs are skipped");

  /** run soffice on copies named by role, so the .xlsx and .xlsm runs cannot collide; returns the converted files' folder */
  function convert(filter: string, files: Record<string, string>): string {
    const work = fs.mkdtempSync(path.join(dir, "lo-"));
    const inputs = Object.entries(files).map(([role, file]) => {
      const copy = path.join(work, role + path.extname(file));
      fs.copyFileSync(file, copy);
      return copy;
    });
    const res = spawnSync(
      soffice,
      [`-env:UserInstallation=file://${path.join(dir, "lo-profile")}`, "--headless", "--convert-to", filter, "--outdir", work, ...inputs],
      {
        encoding: "utf8",
        timeout: 60000,
      },
    );
    expect(res.status).toBe(0);
    return work;
  }

  check(
    "opens every output (converts each to CSV)",
    () => {
      const work = convert("csv:Text - txt - csv (StarCalc):44,34,76", Object.fromEntries(runs.map((r) => [`out-${r.kind}`, r.outputPath])));
      for (const r of runs) {
        const csv = path.join(work, `out-${r.kind}.csv`);
        expect(fs.existsSync(csv)).toBe(true);
        // the first sheet is the roster: its title survives
        expect(fs.readFileSync(csv, "utf8").split("\n")[0]).toContain("服务对象台账");
      }
    },
    60000,
  );

  check(
    "finds in every output the pivot table, chart, images, comments and validations it finds in the input",
    () => {
      const files: Record<string, string> = {};
      for (const r of runs) {
        files[`in-${r.kind}`] = r.inputPath;
        files[`out-${r.kind}`] = r.outputPath;
      }
      const work = convert("ods", files);
      const features = (role: string) => {
        const content = strFromU8(
          unzipSync(new Uint8Array(fs.readFileSync(path.join(work, `${role}.ods`))), { filter: (f) => f.name === "content.xml" })["content.xml"],
        );
        const count = (re: RegExp) => (content.match(re) ?? []).length;
        return {
          pivotTables: count(/<table:data-pilot-table\b/g),
          charts: count(/<draw:object\b/g),
          images: count(/<draw:image\b/g),
          comments: count(/<office:annotation\b/g),
          validations: count(/<table:content-validation\b/g),
          namedRanges: count(/<table:named-range\b/g),
        };
      };
      for (const r of runs) {
        const was = features(`in-${r.kind}`);
        expect(was).toEqual({
          pivotTables: 1,
          charts: 1,
          images: expect.any(Number),
          comments: 3,
          validations: expect.any(Number),
          namedRanges: expect.any(Number),
        });
        expect(was.images).toBeGreaterThanOrEqual(3);
        expect(was.validations).toBeGreaterThanOrEqual(3);
        expect(was.namedRanges).toBeGreaterThanOrEqual(3);
        // a plan may add list validations of its own, never lose one
        const now = features(`out-${r.kind}`);
        expect(now.validations).toBeGreaterThanOrEqual(was.validations);
        expect({ ...now, validations: was.validations }).toEqual(was);
      }
    },
    60000,
  );
});
