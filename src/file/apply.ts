/**
 * Applying a plan by patching the package: only the parts the plan changes are rewritten
 * (touched worksheets, styles.xml when a style is added, workbook.xml / its rels / content types
 * when a sheet is added, and calcChain.xml removed when formulas changed). Every other entry is
 * copied with its original compressed bytes.
 */
import { DATE1904_OFFSET, isDateFormat } from "../core/dates";
import { runCells, sheetLookup, type SheetLookup } from "../core/runs";
import type { Plan, PlanCell, PlanOp, WorkbookSnapshot } from "../core/types";
import { XlsxError } from "./errors";
import {
  findEntry,
  hasRowsInOrder,
  readText,
  releaseBytes,
  sharedStringBytes,
  REL_NAMESPACES,
  takeBytes,
  REL_TYPE_WORKSHEET,
  relsPathOf,
  type XlsxPackage,
} from "./package";
import { strictNamespaces } from "./strict";
import { emptyEdits, patchWorksheetBytes, patchWorksheetInto, patchWorksheetPart, type CellEdit, type SheetEdits } from "./sheet-edit";
import { blankWorksheet } from "./sheet-elements";
import { EMPTY_SST, SharedStringsEditor } from "./shared-strings";
import { snapshotOf, usesDate1904 } from "./snapshot";
import { MINIMAL_STYLES, minimalStyles, StylesEditor } from "./styles";
import { attr, boundPrefixes, childElements, escapeAttr, findAll, findElement, prefixInScope, rootElement, rootPrefix, setAttr, utf8Encode } from "./xml";
import { makeEntry, StreamedEntry, writeZip, zipPieces, type ZipEntry } from "./zip";

const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const REL_TYPE_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
const REL_TYPE_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

/** Fills over more cells than this are a plan bug (a whole-sheet range), not something to materialise. */
const MAX_FILL_CELLS = 5_000_000;

interface WorkSheet {
  name: string;
  path: string | null;
  kind: "worksheet" | "other";
  /** replaced by a blank sheet (addSheet on an existing name, or a new sheet) */
  blank: boolean;
  tabColor?: string;
  edits: SheetEdits;
}

/** Mutable copies of the package-level parts a plan may change. */
class Workbook {
  workbookXml: string;
  relsXml: string | null;
  contentTypes: string;
  workbookChanged = false;
  relsChanged = false;
  contentTypesChanged = false;
  readonly sheets: WorkSheet[];
  readonly newParts: string[] = [];
  /** `<workbookPr date1904="1"/>`: serials count from 1904 in this file */
  readonly date1904: boolean;

  constructor(private readonly pkg: XlsxPackage) {
    this.workbookXml = pkg.workbookXml;
    this.date1904 = usesDate1904(pkg.workbookXml);
    const rels = findEntry(pkg, pkg.workbookRelsPath);
    this.relsXml = rels ? readText(pkg, rels) : null;
    const ct = findEntry(pkg, "[Content_Types].xml");
    if (!ct) throw new XlsxError("not-xlsx", "no [Content_Types].xml");
    this.contentTypes = readText(pkg, ct);
    this.sheets = pkg.sheets.map((s) => ({ name: s.name, path: s.path, kind: s.kind, blank: false, edits: emptyEdits() }));
  }

  find(name: string): WorkSheet | undefined {
    // Excel treats sheet names case-insensitively
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheet(name: string): WorkSheet {
    const s = this.find(name);
    if (!s) throw new XlsxError("no-such-sheet", `plan names sheet ${name}`, name);
    if (s.kind !== "worksheet" || !s.path) throw new XlsxError("not-worksheet", `plan writes into ${s.path ?? "a missing part"}`, name);
    return s;
  }

  /**
   * Is a part name taken? Not only by an entry: a relationship or a content-type override may
   * still name a part that is missing from the zip (a damaged file whose sheet part was lost),
   * and a new part under that name would become that sheet's content.
   */
  private partExists(path: string): boolean {
    const lower = path.toLowerCase();
    if (findEntry(this.pkg, path) || this.newParts.some((p) => p.toLowerCase() === lower)) return true;
    return this.pkg.workbookRels.some((r) => !r.external && r.target.toLowerCase() === lower) || this.hasOverride(path);
  }

  hasOverride(path: string): boolean {
    const lower = path.toLowerCase();
    const p = rootPrefix(this.contentTypes);
    return findAll(this.contentTypes, `${p}Override`).some(
      (o) => (attr(this.contentTypes.slice(o.start, o.openEnd), "PartName") ?? "").replace(/^\//, "").toLowerCase() === lower,
    );
  }

  /** A part name no entry, relationship or override uses: `name(1)`, `name(2)`, … */
  freshPart(name: (n: number) => string): string {
    let n = 1;
    while (this.partExists(name(n))) n++;
    const path = name(n);
    this.newParts.push(path);
    return path;
  }

  addSheet(name: string, after: string | undefined, tabColor: string | undefined): void {
    const problem = sheetNameProblem(name);
    // Excel "repairs" a workbook with such a name by dropping the sheet: refuse instead
    if (problem) throw new XlsxError("bad-sheet-name", problem, `“${name}”${problem}，`);
    const existing = this.find(name);
    if (existing) {
      if (existing.kind !== "worksheet" || !existing.path) throw new XlsxError("not-worksheet", "addSheet over a sheet that is not a worksheet", name);
      // re-runs replace the sheet they made last time instead of adding a second copy
      existing.blank = true;
      existing.tabColor = tabColor;
      existing.edits = emptyEdits();
      return;
    }
    const path = this.freshPart((n) => `xl/worksheets/sheet${n}.xml`);
    const rid = this.addRelationship(path);
    this.insertSheetElement(name, rid, after);
    this.addOverride(path, CT_WORKSHEET);

    const afterSheet = after !== undefined ? this.find(after) : undefined;
    const index = afterSheet ? this.sheets.indexOf(afterSheet) + 1 : this.sheets.length;
    this.sheets.splice(index, 0, { name, path, kind: "worksheet", blank: true, tabColor, edits: emptyEdits() });
  }

  /** A content-type override for a new part, with the prefix [Content_Types].xml itself uses. */
  addOverride(path: string, type: string): void {
    const p = rootPrefix(this.contentTypes);
    this.contentTypes = insertBeforeClose(this.contentTypes, `<${p}Override PartName="/${escapeAttr(path)}" ContentType="${type}"/>`);
    this.contentTypesChanged = true;
  }

  private relTypeLike(fallback: string, suffix: string): string {
    const m = this.relsXml ? new RegExp(`Type="([^"]*/${suffix})"`).exec(this.relsXml) : null;
    return m ? m[1] : this.pkg.strict ? strictNamespaces(fallback) : fallback;
  }

  /** Add a relationship from the workbook to `path`; returns its id. */
  addRelationship(path: string, type = this.relTypeLike(REL_TYPE_WORKSHEET, "worksheet")): string {
    const rels =
      this.relsXml ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    // (the package relationships namespace is the same in Strict: only the OOXML vocabularies moved)
    const ids = new Set([...rels.matchAll(/\sId\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const folder = this.pkg.workbookPath.slice(0, this.pkg.workbookPath.lastIndexOf("/") + 1);
    const target = path.startsWith(folder) ? path.slice(folder.length) : `/${path}`;
    const p = rootPrefix(rels);
    this.relsXml = insertBeforeClose(rels, `<${p}Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`);
    this.relsChanged = true;
    return id;
  }

  private insertSheetElement(name: string, rid: string, after: string | undefined): void {
    const xml = this.workbookXml;
    const p = rootPrefix(xml);
    const sheetsEl = findElement(xml, `${p}sheets`);
    if (!sheetsEl || sheetsEl.selfClosing) throw new XlsxError("corrupt", "workbook.xml has no <sheets>");
    const items = childElements(xml, sheetsEl.openEnd, sheetsEl.end).filter((s) => s.name === `${p}sheet`);
    let maxId = 0;
    for (const s of items) maxId = Math.max(maxId, Number(attr(xml.slice(s.start, s.openEnd), "sheetId") ?? 0));
    let index = items.length;
    if (after !== undefined) {
      const lower = after.toLowerCase();
      const found = items.findIndex((s) => (attr(xml.slice(s.start, s.openEnd), "name") ?? "").toLowerCase() === lower);
      if (found >= 0) index = found + 1;
    }
    const at = index < items.length ? items[index].start : sheetsEl.end - `</${p}sheets>`.length;
    // The relationships prefix must be bound where the element goes: on the root or on <sheets>.
    // Files that declare it on each <sheet> instead get the declaration on the new one too.
    const scope = [xml.slice(sheetsEl.start, sheetsEl.openEnd), xml.slice(0, rootElement(xml)!.openEnd)];
    let rp = prefixInScope(scope, REL_NAMESPACES);
    let declare = "";
    if (!rp) {
      const taken = boundPrefixes(scope);
      let prefix = "r";
      for (let n = 1; taken.has(prefix); n++) prefix = `r${n}`;
      rp = `${prefix}:`;
      const ns = this.pkg.strict ? strictNamespaces(REL_NAMESPACES[0]) : REL_NAMESPACES[0];
      declare = ` xmlns:${prefix}="${ns}"`;
    }
    const element = `<${p}sheet name="${escapeAttr(name)}" sheetId="${maxId + 1}" ${rp}id="${rid}"${declare}/>`;
    let out = xml.slice(0, at) + element + xml.slice(at);
    if (index < items.length) out = shiftSheetIndices(out, p, index);
    this.workbookXml = out;
    this.workbookChanged = true;
  }

  removeCalcChain(): void {
    const rel = this.pkg.workbookRels.find((r) => r.type.endsWith("/calcChain"));
    if (!rel) return;
    if (this.relsXml) {
      const p = rootPrefix(this.relsXml);
      for (const s of findAll(this.relsXml, `${p}Relationship`)) {
        if (attr(this.relsXml.slice(s.start, s.openEnd), "Id") === rel.id) {
          this.relsXml = this.relsXml.slice(0, s.start) + this.relsXml.slice(s.end);
          this.relsChanged = true;
          break;
        }
      }
    }
    const p = rootPrefix(this.contentTypes);
    for (const s of findAll(this.contentTypes, `${p}Override`)) {
      const part = attr(this.contentTypes.slice(s.start, s.openEnd), "PartName") ?? "";
      if (part.replace(/^\//, "").toLowerCase() === rel.target.toLowerCase()) {
        this.contentTypes = this.contentTypes.slice(0, s.start) + this.contentTypes.slice(s.end);
        this.contentTypesChanged = true;
        break;
      }
    }
  }
}

/** Why Excel would reject a sheet name, or null when it is fine. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return "名称为空";
  if (name.length > 31) return "超过 31 个字符";
  if (/[[\]:*?/\\]/.test(name)) return "含有 [ ] : * ? / \\ 之一";
  if (name.startsWith("'") || name.endsWith("'")) return "以单引号开头或结尾";
  if (name.toLowerCase() === "history") return "History 是 Excel 保留的名称";
  return null;
}

function insertBeforeClose(xml: string, element: string): string {
  const root = rootElement(xml);
  if (!root) throw new XlsxError("corrupt", "part has no root element");
  if (root.selfClosing) {
    const open = xml.slice(root.start, root.openEnd).replace(/\s*\/>$/, ">");
    return `${xml.slice(0, root.start)}${open}${element}</${root.name}>${xml.slice(root.openEnd)}`;
  }
  return xml.slice(0, root.end) + element + xml.slice(root.end);
}

/** A sheet inserted at `index` moves later sheets right: sheet-scoped names and the active tab follow them. */
function shiftSheetIndices(xml: string, p: string, index: number): string {
  const bump = (tag: string, name: string) => {
    const v = attr(tag, name);
    return v !== undefined && Number(v) >= index ? setAttr(tag, name, String(Number(v) + 1)) : tag;
  };
  let out = xml.replace(new RegExp(`<${p}definedName\\b[^>]*>`, "g"), (tag) => bump(tag, "localSheetId"));
  out = out.replace(new RegExp(`<${p}workbookView\\b[^>]*>`, "g"), (tag) => bump(bump(tag, "activeTab"), "firstSheet"));
  return out;
}

/** The highest `s="n"` any worksheet's cells or rows use (0 when none): only asked of a package whose stylesheet is missing. */
function maxStyleIndex(pkg: XlsxPackage): number {
  let max = 0;
  for (const sheet of pkg.sheets) {
    const entry = sheet.path ? findEntry(pkg, sheet.path) : undefined;
    if (!entry) continue;
    for (const m of readText(pkg, entry).matchAll(/<(?:\w+:)?(?:c|row|col)\s[^>]*?\bs\s*=\s*["'](\d+)["']/g)) max = Math.max(max, Number(m[1]));
  }
  return max;
}

function cellEdit(edits: SheetEdits, r: number, c: number): CellEdit {
  let row = edits.cells.get(r);
  if (!row) edits.cells.set(r, (row = new Map()));
  let e = row.get(c);
  if (!e) row.set(c, (e = {}));
  return e;
}

function isNoOpCell(cell: PlanCell): boolean {
  return cell.value === null && cell.formula === undefined && cell.numberFormat === undefined;
}

/** a date the core counted in the 1900 system goes back into a 1904 workbook as its own serial */
function toDate1904(cell: PlanCell): PlanCell {
  return typeof cell.value === "number" && isDateFormat(cell.numberFormat) ? { ...cell, value: cell.value - DATE1904_OFFSET } : cell;
}

function collect(wb: Workbook, op: PlanOp, sheets: () => SheetLookup): void {
  switch (op.kind) {
    case "addSheet":
      wb.addSheet(op.sheet, op.after, op.tabColor);
      return;
    case "cells": {
      const target = wb.sheet(op.sheet);
      const edits = target.edits;
      op.cells.forEach((line, i) =>
        line.forEach((cell, j) => {
          if (!cell) return;
          // On a sheet written from blank an empty cell with no format is what the missing cell
          // already is: a restored roster plans one for every undated 最近跟进日期 row, and an
          // edit each (a Map per row) cost more than the rest of its column. One that would
          // clear an earlier edit of the same cell still goes in.
          if (target.blank && isNoOpCell(cell) && !edits.cells.get(op.row + i)?.has(op.col + j)) return;
          const e = cellEdit(edits, op.row + i, op.col + j);
          // the plan's own cell object: no copy per cell (a restored roster has hundreds of thousands)
          e.content = wb.date1904 ? toDate1904(cell) : cell;
          if (cell.numberFormat !== undefined) e.numberFormat = cell.numberFormat;
        }),
      );
      return;
    }
    case "columnRun": {
      const target = wb.sheet(op.sheet);
      const edits = target.edits;
      // on a sheet written from blank a run streams out as it is (a shared formula); on an
      // existing sheet its cells are patched one by one like any other write
      if (target.blank) {
        edits.runs.push(op);
        return;
      }
      runCells(op, sheets()).forEach((cell, k) => {
        const e = cellEdit(edits, op.r1 + k, op.col);
        e.content = wb.date1904 ? toDate1904(cell) : cell;
        if (cell.numberFormat !== undefined) e.numberFormat = cell.numberFormat;
      });
      return;
    }
    case "fill": {
      const edits = wb.sheet(op.sheet).edits;
      for (const r of op.ranges) {
        if ((r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1) > MAX_FILL_CELLS) continue;
        for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) cellEdit(edits, row, col).fill = op.role;
      }
      return;
    }
    case "merge":
      wb.sheet(op.sheet).edits.merges.push(op.range);
      return;
    case "columnWidths": {
      const edits = wb.sheet(op.sheet).edits;
      for (const w of op.widths) edits.widths.set(w.col, w.width);
      return;
    }
    case "freeze":
      wb.sheet(op.sheet).edits.freeze = { rows: op.rows, cols: op.cols };
      return;
    case "conditionalFormat":
      wb.sheet(op.sheet).edits.conditional.push({ range: op.range, rules: op.rules, ...(op.scale ? { scale: op.scale } : {}) });
      return;
    case "listValidation":
      wb.sheet(op.sheet).edits.validations.push({ range: op.range, items: op.items });
      return;
  }
}

function entryOf(name: string, content: Uint8Array | ZipEntry, like: ZipEntry | undefined, pkg: XlsxPackage): ZipEntry {
  if (content instanceof Uint8Array) return makeEntry(name, content, like, pkg.codec);
  return { ...content, name, dosTime: like?.dosTime ?? content.dosTime, dosDate: like?.dosDate ?? content.dosDate };
}

function hasEdits(e: SheetEdits): boolean {
  return (
    e.cells.size > 0 || e.runs.length > 0 || e.merges.length > 0 || e.widths.size > 0 || !!e.freeze || e.conditional.length > 0 || e.validations.length > 0
  );
}

/**
 * Apply the plan and return the bytes of the new workbook; `pkg` is left as it was. `snapshot`
 * is the one the plan was made from (column runs copy their values from it); without it the
 * package is read again when a run needs it.
 */
export function applyPlan(pkg: XlsxPackage, plan: Plan, snapshot?: WorkbookSnapshot): Uint8Array {
  return writeZip(plannedEntries(pkg, plan, snapshot));
}

/**
 * applyPlan's file as pieces in file order (zip.ts's zipPieces), for a writer that writes them
 * one after another instead of holding the whole file once more in one buffer.
 */
export function applyPlanPieces(pkg: XlsxPackage, plan: Plan, snapshot?: WorkbookSnapshot): Uint8Array[] {
  return zipPieces(plannedEntries(pkg, plan, snapshot));
}

/** The output package's entries: the rewritten parts, new ones and every other as it was stored. */
function plannedEntries(pkg: XlsxPackage, plan: Plan, snapshot?: WorkbookSnapshot): ZipEntry[] {
  const wb = new Workbook(pkg);
  let lookup: SheetLookup | null = null;
  const sheets = (): SheetLookup => (lookup ??= sheetLookup(snapshot ?? snapshotOf(pkg, "")));
  for (const op of plan) collect(wb, op, sheets);

  // styles.xml is parsed only if some edit asks for a style
  let styles: StylesEditor | null = null;
  let stylesPath = pkg.stylesPath;
  // a styles relationship to a part the zip lacks: the new stylesheet fills that hole
  const danglingStyles = stylesPath ? undefined : pkg.workbookRels.find((r) => r.type.endsWith("/styles") && !r.external);
  const stylesProvider = (): StylesEditor => {
    if (!styles) {
      const entry = stylesPath ? findEntry(pkg, stylesPath) : undefined;
      const minimal = danglingStyles ? minimalStyles(maxStyleIndex(pkg) + 1) : MINIMAL_STYLES;
      styles = new StylesEditor(entry ? readText(pkg, entry) : pkg.strict ? strictNamespaces(minimal) : minimal);
    }
    return styles;
  };

  const sstRel = pkg.workbookRels.find((r) => r.type.endsWith("/sharedStrings"));
  const sstEntry = sstRel ? findEntry(pkg, sstRel.target) : undefined;
  let strings: SharedStringsEditor | null = null;
  const stringsProvider = (): SharedStringsEditor =>
    (strings ??= sstEntry
      ? new SharedStringsEditor(readText(pkg, sstEntry), pkg.sharedStrings, sharedStringBytes(sstEntry))
      : new SharedStringsEditor(pkg.strict ? strictNamespaces(EMPTY_SST) : null));

  // new content of a part: bytes to compress, or an entry already compressed as it was written
  const replaced = new Map<string, Uint8Array | ZipEntry>();
  const stamp = pkg.entries[0];
  let formulasChanged = false;
  const originalPaths = new Set(pkg.sheets.map((s) => s.path?.toLowerCase()));
  for (const sheet of wb.sheets) {
    if (!sheet.path || (!sheet.blank && !hasEdits(sheet.edits))) continue;
    if (!sheet.blank && !sheet.edits.runs.length) {
      // an existing sheet: patched on its bytes, rows the plan does not touch copied as they are,
      // and compressed as it is written
      const entry = findEntry(pkg, sheet.path);
      if (!entry) throw new XlsxError("corrupt", `missing part ${sheet.path}`);
      const out = new StreamedEntry(sheet.path, entry.size, entry, pkg.codec);
      const bytes = takeBytes(pkg, entry);
      const r = patchWorksheetPart(bytes, sheet.edits, stylesProvider, stringsProvider, out, hasRowsInOrder(bytes));
      formulasChanged ||= r.formulasChanged;
      replaced.set(sheet.path.toLowerCase(), out.finish());
      continue;
    }
    let base: string;
    if (sheet.blank) {
      base = blankWorksheet(sheet.tabColor);
      if (pkg.strict) base = strictNamespaces(base);
      // a replaced sheet's old formulas are gone from the calc chain's point of view
      if (originalPaths.has(sheet.path.toLowerCase())) formulasChanged = true;
    } else {
      const entry = findEntry(pkg, sheet.path);
      if (!entry) throw new XlsxError("corrupt", `missing part ${sheet.path}`);
      base = readText(pkg, entry);
    }
    if (sheet.edits.runs.length) {
      // ~40 bytes of XML per run cell: enough to pick the compression level
      const hint = sheet.edits.runs.reduce((n, r) => n + (r.r2 - r.r1 + 1) * 40, 0);
      const entry = findEntry(pkg, sheet.path);
      const out = new StreamedEntry(sheet.path, hint, entry ?? stamp, pkg.codec);
      const r = patchWorksheetInto(out, base, sheet.edits, stylesProvider, stringsProvider, sheets());
      formulasChanged ||= r.formulasChanged;
      replaced.set(sheet.path.toLowerCase(), out.finish());
      continue;
    }
    const result = hasEdits(sheet.edits)
      ? patchWorksheetBytes(base, sheet.edits, stylesProvider, stringsProvider)
      : { bytes: utf8Encode(base), formulasChanged: false };
    formulasChanged ||= result.formulasChanged;
    replaced.set(sheet.path.toLowerCase(), result.bytes);
  }
  // bytes the snapshot kept for sheets the plan left alone are not needed again
  releaseBytes(pkg);

  const editor = styles as StylesEditor | null;
  if (editor && editor.isChanged) {
    if (!stylesPath && danglingStyles) {
      stylesPath = danglingStyles.target;
      wb.newParts.push(stylesPath);
      if (!wb.hasOverride(stylesPath)) wb.addOverride(stylesPath, CT_STYLES);
    } else if (!stylesPath) {
      stylesPath = wb.freshPart((n) => (n === 1 ? "xl/styles.xml" : `xl/styles${n}.xml`));
      wb.addRelationship(stylesPath, pkg.strict ? strictNamespaces(REL_TYPE_STYLES) : REL_TYPE_STYLES);
      wb.addOverride(stylesPath, CT_STYLES);
    }
    replaced.set(stylesPath.toLowerCase(), utf8Encode(editor.toXml()));
  }

  const sst = strings as SharedStringsEditor | null;
  if (sst && sst.hasAdditions) {
    let sstPath = sstEntry?.name;
    if (!sstPath) {
      sstPath = wb.freshPart((n) => (n === 1 ? "xl/sharedStrings.xml" : `xl/sharedStrings${n}.xml`));
      wb.addRelationship(sstPath, pkg.strict ? strictNamespaces(REL_TYPE_SST) : REL_TYPE_SST);
      wb.addOverride(sstPath, CT_SST);
    }
    replaced.set(sstPath.toLowerCase(), sst.toBytes());
  }

  const removed = new Set<string>();
  const calcRel = pkg.workbookRels.find((r) => r.type.endsWith("/calcChain"));
  if (formulasChanged && calcRel) {
    wb.removeCalcChain();
    removed.add(calcRel.target.toLowerCase());
  }
  if (wb.workbookChanged) replaced.set(pkg.workbookPath.toLowerCase(), utf8Encode(wb.workbookXml));
  if (wb.relsChanged && wb.relsXml !== null) {
    if (!findEntry(pkg, pkg.workbookRelsPath)) wb.newParts.push(relsPathOf(pkg.workbookPath));
    replaced.set(pkg.workbookRelsPath.toLowerCase(), utf8Encode(wb.relsXml));
  }
  if (wb.contentTypesChanged) replaced.set("[content_types].xml", utf8Encode(wb.contentTypes));

  const out: ZipEntry[] = [];
  for (const e of pkg.entries) {
    const key = e.name.toLowerCase();
    if (removed.has(key)) continue;
    const content = replaced.get(key);
    out.push(content ? entryOf(e.name, content, e, pkg) : e);
    replaced.delete(key);
  }
  for (const path of wb.newParts) {
    const content = replaced.get(path.toLowerCase());
    if (content) out.push(entryOf(path, content, stamp, pkg));
  }
  return out;
}
