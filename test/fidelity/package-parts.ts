/**
 * Small readers over a package's raw XML for the fidelity assertions. They look at bytes and
 * element text, not at what our own reader makes of them, so a part the product rewrote badly
 * cannot hide behind the same reader that wrote it.
 */
import { strFromU8 } from "fflate";
import { unescapeXml } from "./rich-workbook";

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

export function text(parts: Record<string, Uint8Array>, name: string): string {
  const p = parts[name];
  if (!p) throw new Error(`no part ${name}`);
  return strFromU8(p);
}

/** The records of one stylesheet collection (`fonts`, `cellXfs`, …) as their exact XML. */
export function styleRecords(styles: string, collection: string, record: string): string[] {
  const section = new RegExp(`<${collection}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${collection}>)`).exec(styles);
  if (!section?.[1]) return [];
  return [...section[1].matchAll(new RegExp(`<${record}\\b[^>]*?(?:/>|>[\\s\\S]*?</${record}>)`, "g"))].map((m) => m[0]);
}

/** cell address → its `s` attribute (0 when absent), from a worksheet's XML */
export function cellStyles(sheet: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of sheet.matchAll(/<c\b([^>]*?)\/?>/g)) {
    const r = /\br="([A-Z]+\d+)"/.exec(m[1]);
    if (!r) continue;
    const s = /\bs="(\d+)"/.exec(m[1]);
    out.set(r[1], s ? Number(s[1]) : 0);
  }
  return out;
}

/** Every element of a worksheet that lives outside sheetData and a run must keep verbatim. */
export function keptSheetElements(sheet: string): string[] {
  const tags = [
    "sheetPr",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "mergeCell",
    "conditionalFormatting",
    "dataValidation",
    "hyperlink",
    "drawing",
    "legacyDrawing",
    "pageMargins",
    "pageSetup",
    "printOptions",
    "headerFooter",
    "tableParts",
    "extLst",
  ];
  const outside = sheet.replace(/<sheetData\b[\s\S]*?<\/sheetData>/, "");
  const found: string[] = [];
  for (const tag of tags) {
    for (const m of outside.matchAll(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, "g"))) found.push(m[0]);
  }
  return found;
}

export interface SheetEntry {
  name: string;
  state: string;
  sheetId: string;
}

export function workbookSheets(workbook: string): SheetEntry[] {
  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: unescapeXml(/\bname="([^"]*)"/.exec(m[0])![1]),
    state: /\bstate="([^"]*)"/.exec(m[0])?.[1] ?? "visible",
    sheetId: /\bsheetId="([^"]*)"/.exec(m[0])![1],
  }));
}

/** defined names with their scope resolved to a sheet name, so an inserted sheet cannot fool the check */
export function definedNames(workbook: string): { name: string; scope: string; text: string; hidden: boolean }[] {
  const sheets = workbookSheets(workbook);
  return [...workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)].map((m) => {
    const local = /\blocalSheetId="(\d+)"/.exec(m[1]);
    return {
      name: unescapeXml(/\bname="([^"]*)"/.exec(m[1])![1]),
      scope: local ? sheets[Number(local[1])].name : "(workbook)",
      text: unescapeXml(m[2]),
      hidden: /\bhidden="(1|true)"/.test(m[1]),
    };
  });
}

/** relationships of a .rels part: id → "type target [mode]" */
export function relationships(rels: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[0])?.[1] ?? "";
    out.set(attr("Id"), `${attr("Type")} ${attr("Target")} ${attr("TargetMode")}`.trim());
  }
  return out;
}

/** content-type declarations of [Content_Types].xml, each as its exact element */
export function contentTypes(ct: string): string[] {
  return [...ct.matchAll(/<(?:Default|Override)\b[^>]*\/>/g)].map((m) => m[0]);
}

export function sharedStringItems(sst: string): string[] {
  return [...sst.matchAll(/<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g)].map((m) => m[0]);
}

/** cell address → the cell's exact XML */
export function cellXml(sheet: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sheet.matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) out.set(/\br="([A-Z]+\d+)"/.exec(m[0])![1], m[0]);
  return out;
}

/** row number → the row element's attributes, `spans` left out (a hint that may widen with a new cell) */
export function rowAttributes(sheet: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of sheet.matchAll(/<row\b([^>]*?)\/?>/g)) {
    const r = Number(/\br="(\d+)"/.exec(m[1])![1]);
    out.set(r, m[1].replace(/\s+spans="[^"]*"/, "").trim());
  }
  return out;
}

/** CT_Worksheet's element order: Excel refuses a sheet whose elements are out of it */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** the worksheet's top-level element names, in document order */
export function topLevelElements(sheet: string): string[] {
  const body = sheet.replace(/<sheetData\b[\s\S]*?<\/sheetData>|<sheetData\/>/, "<sheetData/>").replace(/<extLst>[\s\S]*<\/extLst>/, "<extLst/>");
  const inner = body.slice(body.indexOf(">", body.indexOf("<worksheet")) + 1, body.lastIndexOf("</worksheet>"));
  const names: string[] = [];
  let depth = 0;
  for (const m of inner.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return names;
}

/** true when the names follow CT_Worksheet's order (repeats allowed where the schema repeats) */
export function inSchemaOrder(names: string[]): boolean {
  const pos = names.map((n) => WORKSHEET_ORDER.indexOf(n));
  return pos.every((p, i) => p >= 0 && (i === 0 || p >= pos[i - 1]));
}
