/**
 * The worksheet children around <sheetData> that a plan edits: dimension, column widths, frozen
 * panes, merges, conditional formats and list validations. Each is spliced in as text at the
 * place the CT_Worksheet schema requires (Excel rejects children out of order), leaving every
 * other element as it was.
 */
import { a1, parseRange, rangeA1 } from "../core/a1";
import type { CellRange, ConditionalRule, ConditionalScale } from "../core/types";
import type { StylesEditor } from "./styles";
import { attr, childElements, escapeText, findAll, findElement, parseAttrs, setAttr, type Span } from "./xml";

/** CT_Worksheet child order (ECMA-376 18.3.1.99). */
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
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const SHEETDATA_ORDER = WORKSHEET_ORDER.indexOf("sheetData");

function orderOf(qname: string, p: string): number {
  const local = qname.startsWith(p) ? qname.slice(p.length) : qname;
  if (local.endsWith("AlternateContent")) return WORKSHEET_ORDER.indexOf("oleObjects");
  return WORKSHEET_ORDER.indexOf(local);
}

/** The text before or after sheetData, with child lookup and insertion in schema order. */
export class Fragment {
  constructor(
    public text: string,
    private readonly contentStart: number,
    private readonly p: string,
  ) {}

  children(): Span[] {
    return childElements(this.text, this.contentStart, this.text.length);
  }

  find(local: string): Span | undefined {
    return this.children().find((c) => c.name === `${this.p}${local}`);
  }

  replace(span: Span, text: string): void {
    this.text = this.text.slice(0, span.start) + text + this.text.slice(span.end);
  }

  /** Insert a new element where CT_Worksheet wants it: before the first present sibling that must follow it. */
  insert(local: string, text: string): void {
    const order = WORKSHEET_ORDER.indexOf(local);
    const next = this.children().find((c) => orderOf(c.name, this.p) > order);
    let at: number;
    if (next) at = next.start;
    else if (order < SHEETDATA_ORDER) at = this.text.length;
    else at = this.text.lastIndexOf("</");
    this.text = this.text.slice(0, at) + text + this.text.slice(at);
  }
}

export function readColStyles(head: string, p: string): Map<number, number> {
  const out = new Map<number, number>();
  const cols = findElement(head, `${p}cols`);
  if (!cols || cols.selfClosing) return out;
  for (const c of findAll(head, `${p}col`, cols.openEnd, cols.end)) {
    const a = parseAttrs(head.slice(c.start, c.openEnd));
    const s = Number(a.get("style") ?? 0);
    if (!s) continue;
    const min = Number(a.get("min"));
    const max = Math.min(Number(a.get("max")), min + 16384);
    for (let n = min; n <= max; n++) out.set(n - 1, s);
  }
  return out;
}

/**
 * The box the edits and `also` cover. Its own small function: the loop over a restored roster's
 * rows is hot enough to be compiled mid-loop, and compiled alone it is not thrown away and
 * compiled again when the code after the loop first runs.
 */
function editedBox(cells: Map<number, Map<number, unknown>>, also: CellRange | null): CellRange | null {
  // four numbers, not a range object per cell: a restored roster writes millions of cells
  let r1 = also ? also.r1 : Infinity;
  let c1 = also ? also.c1 : Infinity;
  let r2 = also ? also.r2 : -1;
  let c2 = also ? also.c2 : -1;
  for (const [r, cols] of cells) {
    if (!cols.size) continue;
    if (r < r1) r1 = r;
    if (r > r2) r2 = r;
    for (const c of cols.keys()) {
      if (c < c1) c1 = c;
      if (c > c2) c2 = c;
    }
  }
  return r2 < 0 ? null : { r1, c1, r2, c2 };
}

export function updateDimension(head: Fragment, cells: Map<number, Map<number, unknown>>, also: CellRange | null = null): void {
  const written = editedBox(cells, also);
  if (!written) return;
  const dim = head.find("dimension");
  // dimension is optional; without one there is no stale range to fix
  if (!dim) return;
  const tag = head.text.slice(dim.start, dim.openEnd);
  let range = written;
  try {
    const old = parseRange(attr(tag, "ref") ?? "");
    range = { r1: Math.min(old.r1, written.r1), c1: Math.min(old.c1, written.c1), r2: Math.max(old.r2, written.r2), c2: Math.max(old.c2, written.c2) };
  } catch {
    // an unreadable ref is replaced by the written area
  }
  head.replace(dim, setAttr(tag, "ref", rangeA1(range)) + head.text.slice(dim.openEnd, dim.end));
}

export function setColumnWidths(head: Fragment, widths: Map<number, number>, p: string): void {
  const el = head.find("cols");
  type Col = { min: number; max: number; tag: string };
  let cols: Col[] = [];
  if (el && !el.selfClosing) {
    cols = findAll(head.text, `${p}col`, el.openEnd, el.end).map((c) => {
      const tag = head.text.slice(c.start, c.end);
      return { min: Number(attr(tag, "min")), max: Number(attr(tag, "max")), tag };
    });
  }
  const withRange = (tag: string, min: number, max: number) => setAttr(setAttr(tag, "min", String(min)), "max", String(max));
  for (const [col, width] of widths) {
    const n = col + 1;
    const w = String(Math.round(width * 100) / 100);
    const idx = cols.findIndex((c) => c.min <= n && n <= c.max);
    if (idx < 0) {
      cols.push({ min: n, max: n, tag: `<${p}col min="${n}" max="${n}" width="${w}" customWidth="1"/>` });
      continue;
    }
    const c = cols[idx];
    const pieces: Col[] = [];
    if (c.min < n) pieces.push({ min: c.min, max: n - 1, tag: withRange(c.tag, c.min, n - 1) });
    pieces.push({ min: n, max: n, tag: setAttr(setAttr(withRange(c.tag, n, n), "width", w), "customWidth", "1") });
    if (n < c.max) pieces.push({ min: n + 1, max: c.max, tag: withRange(c.tag, n + 1, c.max) });
    cols.splice(idx, 1, ...pieces);
  }
  cols.sort((a, b) => a.min - b.min);
  const body = cols.map((c) => c.tag).join("");
  if (el) {
    const open = head.text.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">");
    head.replace(el, `${open}${body}</${p}cols>`);
  } else head.insert("cols", `<${p}cols>${body}</${p}cols>`);
}

export function setFreeze(head: Fragment, freeze: { rows: number; cols: number }, p: string): void {
  const { rows, cols } = freeze;
  let pane = "";
  if (rows > 0 || cols > 0) {
    const active = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
    const topLeft = a1(rows, cols);
    pane =
      `<${p}pane${cols > 0 ? ` xSplit="${cols}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
      `<${p}selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  }
  const views = head.find("sheetViews");
  if (!views || views.selfClosing) {
    const text = `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`;
    if (views) head.replace(views, text);
    else head.insert("sheetViews", text);
    return;
  }
  const view = findElement(head.text, `${p}sheetView`, views.openEnd, views.end);
  if (!view) {
    head.replace(views, `${head.text.slice(views.start, views.openEnd)}<${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`);
    return;
  }
  const openTag = head.text.slice(view.start, view.openEnd).replace(/\s*\/>$/, ">");
  let body = view.selfClosing ? "" : head.text.slice(view.openEnd, view.end - `</${p}sheetView>`.length);
  // the old pane and its selections describe the old split; selections of other kinds stay
  body = body.replace(new RegExp(`<${p}pane\\b[^>]*?(/>|>[\\s\\S]*?</${p}pane>)`, "g"), "");
  body = body.replace(new RegExp(`<${p}selection\\b[^>]*?(/>|>[\\s\\S]*?</${p}selection>)`, "g"), "");
  head.replace(view, `${openTag}${pane}${body}</${p}sheetView>`);
}

/** A range from a ref the file holds; a malformed one is ignored rather than failing the write. */
export function safeRange(ref: string | undefined): CellRange | null {
  if (!ref) return null;
  try {
    return parseRange(ref);
  } catch {
    return null;
  }
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function addMerges(tail: Fragment, merges: CellRange[], p: string): void {
  const el = tail.find("mergeCells");
  const existing: CellRange[] = [];
  if (el && !el.selfClosing) {
    for (const m of findAll(tail.text, `${p}mergeCell`, el.openEnd, el.end)) {
      const range = safeRange(attr(tail.text.slice(m.start, m.openEnd), "ref"));
      if (range) existing.push(range);
    }
  }
  let added = "";
  for (const m of merges) {
    if (m.r1 === m.r2 && m.c1 === m.c2) continue;
    // an identical merge is already there (a re-run); an overlapping one would make Excel repair the file
    if (existing.some((x) => overlaps(x, m))) continue;
    existing.push(m);
    added += `<${p}mergeCell ref="${rangeA1(m)}"/>`;
  }
  if (!added) return;
  const count = existing.length;
  if (el) {
    const open = setAttr(tail.text.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">"), "count", String(count));
    const body = el.selfClosing ? "" : tail.text.slice(el.openEnd, el.end - `</${p}mergeCells>`.length);
    tail.replace(el, `${open}${body}${added}</${p}mergeCells>`);
  } else tail.insert("mergeCells", `<${p}mergeCells count="${count}">${added}</${p}mergeCells>`);
}

function sqref(range: CellRange): string {
  return rangeA1(range);
}

function argbOf(color: string): string {
  return `FF${color.replace(/^#/, "").toUpperCase()}`;
}

export function addConditionalFormats(
  tail: Fragment,
  formats: { range: CellRange; rules: ConditionalRule[]; scale?: ConditionalScale }[],
  p: string,
  styles: () => StylesEditor,
): void {
  // priorities are unique across the sheet, including x14 rules inside extLst
  let priority = 0;
  for (const m of tail.text.matchAll(/\spriority\s*=\s*["'](\d+)["']/g)) priority = Math.max(priority, Number(m[1]));
  let text = "";
  for (const f of formats) {
    let rules = "";
    for (const rule of f.rules) {
      const dxf = styles().dxfFor(rule.role);
      const f2 = rule.operator === "between" && rule.formula2 !== undefined ? `<${p}formula>${escapeText(rule.formula2)}</${p}formula>` : "";
      rules += `<${p}cfRule type="cellIs" dxfId="${dxf}" priority="${++priority}" operator="${rule.operator}"><${p}formula>${escapeText(rule.formula1)}</${p}formula>${f2}</${p}cfRule>`;
    }
    const sc = f.scale;
    if (sc?.kind === "dataBar") {
      rules += `<${p}cfRule type="dataBar" priority="${++priority}"><${p}dataBar><${p}cfvo type="min"/><${p}cfvo type="max"/><${p}color rgb="${argbOf(sc.color)}"/></${p}dataBar></${p}cfRule>`;
    } else if (sc?.kind === "colorScale") {
      const colors = sc.colors.map((c) => `<${p}color rgb="${argbOf(c)}"/>`).join("");
      rules += `<${p}cfRule type="colorScale" priority="${++priority}"><${p}colorScale><${p}cfvo type="min"/><${p}cfvo type="percentile" val="50"/><${p}cfvo type="max"/>${colors}</${p}colorScale></${p}cfRule>`;
    }
    if (rules) text += `<${p}conditionalFormatting sqref="${sqref(f.range)}">${rules}</${p}conditionalFormatting>`;
  }
  if (text) tail.insert("conditionalFormatting", text);
}

export function addValidations(tail: Fragment, validations: { range: CellRange; items: string[] }[], p: string): void {
  let added = "";
  for (const v of validations) {
    // a list typed into the rule is one quoted, comma-separated string of at most 255 characters;
    // an item holding a comma cannot be written that way, and a wrong list is worse than none
    if (v.items.some((s) => s.includes(","))) continue;
    const list = v.items.map((s) => s.replace(/"/g, '""')).join(",");
    if (!list || list.length > 255) continue;
    added +=
      `<${p}dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref(v.range)}">` +
      `<${p}formula1>${escapeText(`"${list}"`)}</${p}formula1></${p}dataValidation>`;
  }
  if (!added) return;
  const el = tail.find("dataValidations");
  if (el) {
    const body = el.selfClosing ? "" : tail.text.slice(el.openEnd, el.end - `</${p}dataValidations>`.length);
    const count = findAll(body, `${p}dataValidation`).length + findAll(added, `${p}dataValidation`).length;
    const open = setAttr(tail.text.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">"), "count", String(count));
    tail.replace(el, `${open}${body}${added}</${p}dataValidations>`);
  } else {
    tail.insert("dataValidations", `<${p}dataValidations count="${findAll(added, `${p}dataValidation`).length}">${added}</${p}dataValidations>`);
  }
}

/** A blank worksheet for addSheet (and for replacing an existing sheet of the same name). */
export function blankWorksheet(tabColor?: string): string {
  const color = tabColor ? tabColor.replace(/^#/, "").toUpperCase() : "";
  const argb = color.length === 6 ? `FF${color}` : color;
  const sheetPr = /^[0-9A-F]{8}$/.test(argb) ? `<sheetPr><tabColor rgb="${argb}"/></sheetPr>` : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${sheetPr}<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    '<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}
