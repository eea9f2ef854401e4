/**
 * styles.xml: reading each cell style's number format, and adding the few style records a plan
 * needs (number formats, light fills, bold fonts, conditional-format dxfs) by appending to the
 * existing lists. Existing records are never edited or renumbered, so every cell that points at
 * them looks exactly as before; a changed cell gets a clone of its own xf with one part swapped.
 */
import { BOLD_ROLES, FILL_COLORS, RULE_COLORS } from "../core/palette";
import type { FillRole } from "../core/types";
import { XlsxError } from "./errors";
import { builtInFormat, builtInIdFor, FIRST_CUSTOM_NUMFMT_ID } from "./numfmt";
import { attr, childElements, escapeAttr, findElement, parseAttrs, rootElement, rootPrefix, setAttr, type Span } from "./xml";

function readNumFmts(xml: string, p: string): Map<number, string> {
  const out = new Map<number, string>();
  const list = findElement(xml, `${p}numFmts`);
  if (!list || list.selfClosing) return out;
  for (const s of childElements(xml, list.openEnd, list.end)) {
    const tag = xml.slice(s.start, s.openEnd);
    const id = Number(attr(tag, "numFmtId"));
    const code = attr(tag, "formatCode");
    if (Number.isFinite(id) && code !== undefined) out.set(id, code);
  }
  return out;
}

/** Number format code per cellXfs index (null for General). */
export function readCellFormats(xml: string): (string | null)[] {
  const p = rootPrefix(xml);
  const numFmts = readNumFmts(xml, p);
  const xfs = findElement(xml, `${p}cellXfs`);
  if (!xfs || xfs.selfClosing) return [];
  return childElements(xml, xfs.openEnd, xfs.end).map((s) => {
    const id = Number(attr(xml.slice(s.start, s.openEnd), "numFmtId") ?? 0);
    const code = numFmts.get(id) ?? builtInFormat(id) ?? null;
    return code === null || code === "General" ? null : code;
  });
}

/** ARGB, as styles.xml writes colours: the shared palette with an opaque alpha byte */
const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

/** Minimal stylesheet for the rare package that has none (needed once a plan adds a style). */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

/**
 * The minimal stylesheet with `cellXfs` default records, for a package whose cells already name
 * style indexes up to `cellXfs - 1` in a stylesheet that is missing (a relationship to a part the
 * zip lacks): they keep looking as they do now, plain, instead of taking the styles a plan adds.
 */
export function minimalStyles(cellXfs: number): string {
  if (cellXfs <= 1) return MINIMAL_STYLES;
  const xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
  return MINIMAL_STYLES.replace(/<cellXfs count="1">.*?<\/cellXfs>/, `<cellXfs count="${cellXfs}">${xf.repeat(cellXfs)}</cellXfs>`);
}

/** CT_Stylesheet child order, for creating a list that is absent. */
const STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

type ListName = "numFmts" | "fonts" | "fills" | "borders" | "cellStyleXfs" | "cellXfs" | "dxfs";

/**
 * The records Excel assumes at the head of each list: index 0 of fonts, borders and both xf lists
 * is what every unstyled cell uses, and fills 0 and 1 are reserved for none and gray125 (Excel
 * ignores whatever is there and draws those). A stylesheet short of them gets them before any
 * record of ours, so ours never lands on a reserved index.
 */
const BASE_RECORDS: readonly [ListName, (p: string) => string[]][] = [
  ["fonts", (p) => [`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`]],
  ["fills", (p) => [`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`, `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`]],
  ["borders", (p) => [`<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`]],
  ["cellStyleXfs", (p) => [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`]],
  ["cellXfs", (p) => [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`]],
];

interface StyleList {
  /** original child records (xml text) */
  items: string[];
  added: string[];
}

export interface XfChange {
  numberFormat?: string;
  fill?: FillRole;
}

/** `<styleSheet …/>` opened into `<styleSheet …></styleSheet>`, so lists can go inside it rather than after it. */
function openRoot(xml: string): string {
  const root = rootElement(xml);
  if (!root || !root.selfClosing) return xml;
  const open = xml.slice(root.start, root.openEnd).replace(/\s*\/>$/, ">");
  return `${xml.slice(0, root.start)}${open}</${root.name}>${xml.slice(root.openEnd)}`;
}

export class StylesEditor {
  private readonly p: string;
  private readonly lists = new Map<ListName, StyleList>();
  private readonly numFmts: Map<number, string>;
  private readonly xfCache = new Map<string, number>();
  private readonly fillCache = new Map<FillRole, number>();
  private readonly boldFontCache = new Map<number, number>();
  private readonly dxfCache = new Map<string, number>();
  private changed = false;

  private readonly xml: string;

  constructor(xml: string) {
    this.xml = openRoot(xml);
    this.p = rootPrefix(xml);
    this.numFmts = readNumFmts(xml, this.p);
  }

  get isChanged(): boolean {
    return this.changed;
  }

  private list(name: ListName): StyleList {
    let l = this.lists.get(name);
    if (!l) {
      const el = findElement(this.xml, `${this.p}${name}`);
      const items = el && !el.selfClosing ? childElements(this.xml, el.openEnd, el.end).map((s) => this.xml.slice(s.start, s.end)) : [];
      l = { items, added: [] };
      this.lists.set(name, l);
    }
    return l;
  }

  private based = false;

  /** Pad short lists with the reserved head records (see BASE_RECORDS) before the first addition that indexes them. */
  private ensureBase(): void {
    if (this.based) return;
    this.based = true;
    for (const [name, records] of BASE_RECORDS) {
      const l = this.list(name);
      const wanted = records(this.p);
      for (let i = l.items.length + l.added.length; i < wanted.length; i++) {
        l.added.push(wanted[i]);
        this.changed = true;
      }
    }
  }

  private add(name: ListName, record: string): number {
    if (name !== "numFmts" && name !== "dxfs") this.ensureBase();
    const l = this.list(name);
    l.added.push(record);
    this.changed = true;
    return l.items.length + l.added.length - 1;
  }

  private record(name: ListName, index: number): string | undefined {
    const l = this.list(name);
    return index < l.items.length ? l.items[index] : l.added[index - l.items.length];
  }

  numFmtId(code: string): number {
    const builtIn = builtInIdFor(code);
    if (builtIn !== undefined) return builtIn;
    for (const [id, c] of this.numFmts) if (c === code) return id;
    let id = FIRST_CUSTOM_NUMFMT_ID;
    for (const k of this.numFmts.keys()) id = Math.max(id, k + 1);
    this.numFmts.set(id, code);
    this.add("numFmts", `<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private fillId(role: FillRole): number {
    let id = this.fillCache.get(role);
    if (id === undefined) {
      const p = this.p;
      id = this.add(
        "fills",
        `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(FILL_COLORS[role])}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
      );
      this.fillCache.set(role, id);
    }
    return id;
  }

  private boldFontId(fontId: number): number {
    let id = this.boldFontCache.get(fontId);
    if (id === undefined) {
      const font = this.record("fonts", fontId) ?? `<${this.p}font/>`;
      if (new RegExp(`<${this.p}b(\\s|/|>)`).test(font) && !/<[^>]*b\s+val="(0|false)"/.test(font)) id = fontId;
      else {
        const bold = `<${this.p}b/>`;
        const te = font.indexOf(">");
        const clone = font[te - 1] === "/" ? `${font.slice(0, te - 1)}>${bold}</${this.p}font>` : `${font.slice(0, te + 1)}${bold}${font.slice(te + 1)}`;
        id = this.add("fonts", clone);
      }
      this.boldFontCache.set(fontId, id);
    }
    return id;
  }

  /** The cellXfs index for `base` with the change applied (reusing an earlier clone when possible). */
  xfWith(base: number, change: XfChange): number {
    const key = `${base}|${change.numberFormat ?? ""}|${change.fill ?? ""}`;
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    this.ensureBase();
    let xf = this.record("cellXfs", base) ?? this.record("cellXfs", 0)!;
    const te = xf.indexOf(">") + 1;
    let tag = xf.slice(0, te);
    const rest = xf.slice(te);
    const attrs = parseAttrs(tag);
    let same = true;
    if (change.numberFormat !== undefined) {
      const id = this.numFmtId(change.numberFormat);
      if (Number(attrs.get("numFmtId") ?? 0) !== id) {
        tag = setAttr(setAttr(tag, "numFmtId", String(id)), "applyNumberFormat", "1");
        same = false;
      }
    }
    if (change.fill !== undefined) {
      tag = setAttr(setAttr(tag, "fillId", String(this.fillId(change.fill))), "applyFill", "1");
      if (BOLD_ROLES.has(change.fill)) tag = setAttr(setAttr(tag, "fontId", String(this.boldFontId(Number(attrs.get("fontId") ?? 0)))), "applyFont", "1");
      same = false;
    }
    xf = tag + rest;
    const id = same ? base : (this.existingXf(xf) ?? this.add("cellXfs", xf));
    this.xfCache.set(key, id);
    return id;
  }

  private xfIndex: Map<string, number> | null = null;

  /** An identical record already in cellXfs (e.g. "0.00%" on a plain cell, or a clone from an earlier run). */
  private existingXf(xf: string): number | undefined {
    if (!this.xfIndex) {
      this.xfIndex = new Map();
      this.list("cellXfs").items.forEach((item, i) => {
        if (!this.xfIndex!.has(item)) this.xfIndex!.set(item, i);
      });
    }
    return this.xfIndex.get(xf);
  }

  dxfFor(role: "good" | "warn" | "bad"): number {
    let id = this.dxfCache.get(role);
    if (id === undefined) {
      const p = this.p;
      const c = { fill: argb(RULE_COLORS[role].fill), font: argb(RULE_COLORS[role].font) };
      id = this.add(
        "dxfs",
        `<${p}dxf><${p}font><${p}color rgb="${c.font}"/></${p}font><${p}fill><${p}patternFill><${p}bgColor rgb="${c.fill}"/></${p}patternFill></${p}fill></${p}dxf>`,
      );
      this.dxfCache.set(role, id);
    }
    return id;
  }

  /** The stylesheet with the added records appended to their lists and counts updated. */
  toXml(): string {
    const root = rootElement(this.xml);
    if (!root) throw new XlsxError("corrupt", "styles.xml has no root");
    const p = this.p;
    // apply edits from the end of the document backwards so earlier offsets stay valid
    const edits: { at: number; end: number; text: string }[] = [];
    const children = childElements(this.xml, root.openEnd, root.end);
    for (const [name, l] of this.lists) {
      if (!l.added.length) continue;
      const count = l.items.length + l.added.length;
      const el: Span | undefined = children.find((c) => c.name === `${p}${name}`);
      if (el) {
        const open = setAttr(this.xml.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">"), "count", String(count));
        const body = el.selfClosing ? "" : this.xml.slice(el.openEnd, el.end - `</${p}${name}>`.length);
        edits.push({ at: el.start, end: el.end, text: `${open}${body}${l.added.join("")}</${p}${name}>` });
      } else {
        const order = STYLESHEET_ORDER.indexOf(name);
        const next = children.find((c) => STYLESHEET_ORDER.indexOf(c.name.slice(p.length)) > order);
        const at = next ? next.start : root.end;
        edits.push({ at, end: at, text: `<${p}${name} count="${count}">${l.added.join("")}</${p}${name}>` });
      }
    }
    // From the end backwards; where a new list is inserted right before a list that is also
    // rewritten, the rewrite goes first so the insertion's offset still points at its start.
    edits.sort((a, b) => b.at - a.at || b.end - a.end);
    let out = this.xml;
    for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
    return out;
  }
}
