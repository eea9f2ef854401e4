/**
 * Opening an .xlsx package: validate the container, then read only the small shared parts
 * (workbook, relationships, shared strings, styles). Worksheets are inflated when needed.
 */
import { XlsxError } from "./errors";
import { fflateCodec, inflateEntry, readZipEntries, type DeflateCodec, type ZipEntry } from "./zip";
import { attr, childElements, findAll, findElement, prefixInScope, rootElement, rootPrefix, stringItemText, decodeStringText, utf8Decode } from "./xml";
import { readCellFormats } from "./styles";
import { xmlSyntaxProblem } from "./well-formed";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPE_WORKSHEET = `${REL_NS}/worksheet`;
/** ISO 29500 Strict: the same parts under other namespace names (purl.oclc.org) */
export const STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships";
export const REL_NAMESPACES = [REL_NS, STRICT_REL_NS];
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";
/** Excel 2007 beta's SpreadsheetML (`<sstItem>` and friends): a different vocabulary under an obsolete name */
const BETA_NS = /schemas\.microsoft\.com\/office\/excel\/2006\/2["']/;

export interface SheetInfo {
  name: string;
  sheetId: number;
  /** relationship id in workbook.xml.rels */
  rid: string;
  /** part name of the sheet (no leading slash), null when the relationship is missing */
  path: string | null;
  hidden: boolean;
  /** worksheets hold cells; chart sheets and dialog sheets are listed but have none */
  kind: "worksheet" | "other";
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** A read .xlsx: its zip entries plus the parsed shared parts. Treat it as immutable. */
export interface XlsxPackage {
  /** entries in their original order */
  readonly entries: readonly ZipEntry[];
  /** the same entries by lower-cased part name (OPC names are case-insensitive) */
  readonly byName: ReadonlyMap<string, ZipEntry>;
  readonly workbookPath: string;
  readonly workbookXml: string;
  readonly workbookRelsPath: string;
  readonly workbookRels: readonly Relationship[];
  readonly sheets: readonly SheetInfo[];
  readonly sharedStrings: readonly string[];
  readonly stylesPath: string | null;
  /** number format code per cellXfs index; null = General */
  readonly cellFormats: readonly (string | null)[];
  readonly codec: DeflateCodec;
  /** ISO 29500 Strict package: new parts must use the strict namespaces */
  readonly strict: boolean;
}

const DEFAULT_MAX_INFLATED = 1024 * 1024 * 1024;

export interface OpenOptions {
  /** cap on the total inflated size of all parts (zip-bomb guard); default 1 GiB */
  maxInflatedBytes?: number;
  /** DEFLATE implementation; default fflate. The Node CLI may pass node:zlib (see DeflateCodec). */
  codec?: DeflateCodec;
}

export function openXlsx(bytes: Uint8Array, opts?: OpenOptions): XlsxPackage {
  const cap = opts?.maxInflatedBytes ?? DEFAULT_MAX_INFLATED;
  const codec = opts?.codec ?? fflateCodec;
  const readText = (entry: ZipEntry) => readPartText(entry, codec);
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // OLE compound file: an encrypted OOXML package (EncryptionInfo + EncryptedPackage streams) or a legacy .xls
    throw new XlsxError("encrypted", "OLE compound file signature");
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new XlsxError("not-zip");
  if (bytes[2] === 0x05 && bytes[3] === 0x06) throw new XlsxError("not-xlsx", "empty zip");
  if (bytes[2] !== 0x03 || bytes[3] !== 0x04) throw new XlsxError("not-zip", "no local file header at offset 0");

  const entries = readZipEntries(bytes);
  checkNames(entries);
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > cap) throw new XlsxError("too-large", `declared ${declared} bytes inflated, cap ${cap}`);

  const byName = indexEntries(entries);
  // the small parts every write rests on: a garbled one would be patched into a worse one
  const readChecked = (entry: ZipEntry): string => {
    const text = readText(entry);
    const problem = xmlSyntaxProblem(text);
    if (problem) throw new XlsxError("malformed-part", `${entry.name}: ${problem}`, entry.name);
    return text;
  };
  const rootRels = byName.get("_rels/.rels");
  let workbookPath = "xl/workbook.xml";
  if (rootRels) {
    const rels = parseRels(readChecked(rootRels), "");
    const office = rels.find((r) => r.type.endsWith("/officeDocument") && !r.external);
    if (office && byName.has(office.target.toLowerCase())) workbookPath = byName.get(office.target.toLowerCase())!.name;
  }
  const workbookEntry = byName.get(workbookPath.toLowerCase());
  if (!workbookEntry || !byName.has("[content_types].xml")) throw new XlsxError("not-xlsx", "no xl/workbook.xml");

  readChecked(byName.get("[content_types].xml")!);
  const workbookXml = readChecked(workbookEntry);
  const workbookRoot = rootElement(workbookXml)!;
  const workbookTag = workbookXml.slice(workbookRoot.start, workbookRoot.openEnd);
  if (BETA_NS.test(workbookTag)) throw new XlsxError("beta-format", "Excel 2007 beta namespace on workbook.xml");
  const workbookRelsPath = relsPathOf(workbookPath);
  const relsEntry = byName.get(workbookRelsPath.toLowerCase());
  const workbookRels = relsEntry ? parseRels(readChecked(relsEntry), workbookPath) : [];
  const sheets = parseSheets(workbookXml, workbookRels, byName);
  // Without its relationships no sheet of the workbook can be found, and a relationship id
  // handed out anew would point a listed sheet at whatever part it names.
  if (!relsEntry && sheets.length) throw new XlsxError("missing-part", "no workbook relationships", workbookRelsPath);

  const sstRel = workbookRels.find((r) => r.type.endsWith("/sharedStrings"));
  const sstEntry = sstRel ? byName.get(sstRel.target.toLowerCase()) : undefined;
  // cells point into the missing table by index: new strings appended to a fresh one would become their text
  if (sstRel && !sstRel.external && !sstEntry) throw new XlsxError("missing-part", "shared strings part missing", sstRel.target);
  // the writer reads the table again to append to it: keep the text rather than inflate it twice,
  // and its bytes, which it copies between the root tag and the items it appends
  const sstXml = sstEntry ? readPartText(sstEntry, codec, keptStringBytes) : null;
  if (sstEntry && sstXml) keptText.set(sstEntry, sstXml);
  // beta tables hold <sstItem>s that a current reader does not count: new indexes would point at the wrong text
  if (sstXml && (BETA_NS.test(sstXml.slice(0, rootElement(sstXml)!.openEnd)) || /<(\w+:)?sstItem[\s>/]/.test(sstXml.slice(0, 65536))))
    throw new XlsxError("beta-format", "Excel 2007 beta shared strings");
  const sharedStrings = sstXml ? parseSharedStrings(sstXml) : [];

  const stylesRel = workbookRels.find((r) => r.type.endsWith("/styles"));
  const stylesEntry = stylesRel ? byName.get(stylesRel.target.toLowerCase()) : undefined;
  const cellFormats = stylesEntry ? readCellFormats(readChecked(stylesEntry)) : [];

  return {
    entries,
    byName,
    workbookPath,
    workbookXml,
    workbookRelsPath,
    workbookRels,
    sheets,
    sharedStrings,
    stylesPath: stylesEntry?.name ?? null,
    cellFormats,
    codec,
    strict: workbookTag.includes(STRICT_MAIN_NS),
  };
}

/**
 * Names a sound package never has. Excel treats part names case-insensitively and reads one of
 * two same-named entries, so which one we read and which one we rewrite would be a guess; a
 * backslash path is a zip made by a tool that wrote Windows paths, which Excel itself repairs.
 */
function checkNames(entries: readonly ZipEntry[]): void {
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (e.name.includes("\\")) throw new XlsxError("backslash-path", e.name, e.name);
    const key = e.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier === e.name) throw new XlsxError("duplicate-entry", e.name, e.name);
    if (earlier !== undefined) throw new XlsxError("case-collision", `${earlier} / ${e.name}`, `${earlier}、${e.name}`);
    seen.set(key, e.name);
  }
}

/** Part names are case-insensitive in OPC: index them lower-cased. */
export function indexEntries(entries: readonly ZipEntry[]): Map<string, ZipEntry> {
  const m = new Map<string, ZipEntry>();
  for (const e of entries) m.set(e.name.toLowerCase(), e);
  return m;
}

export function findEntry(pkg: XlsxPackage, path: string): ZipEntry | undefined {
  return pkg.byName.get(path.toLowerCase());
}

/** Parts whose decoded text openXlsx already holds (the shared strings), by entry. */
const keptText = new WeakMap<ZipEntry, string>();

/**
 * Worksheets' inflated bytes, from the snapshot's reading them to the writer's patching them, when
 * the caller asks for it (the command line): a roster's sheet is tens of megabytes, inflated and
 * CRC-checked once instead of twice. The page does not keep them: its worker holds the package
 * between the two steps, and memory is what limits it there.
 */
const keptBytes = new WeakMap<ZipEntry, Uint8Array>();

/**
 * Kept worksheet bytes whose rows the snapshot's reader saw all numbered, in ascending order
 * (SheetCells.rowsInOrder): their patcher finds the rows it rewrites by number (sheet-edit.ts).
 */
const rowsInOrder = new WeakSet<Uint8Array>();

/** The shared-string table's bytes: a few megabytes, kept on every host (see sharedStringBytes). */
const keptStringBytes = new WeakMap<ZipEntry, Uint8Array>();

/**
 * Inflate and decode a part, reporting malformed text as corruption rather than crashing; with
 * `keepBytes`, its bytes stay for takeBytes.
 */
export function readText(pkg: XlsxPackage, entry: ZipEntry, keepBytes = false): string {
  return keptText.get(entry) ?? readPartText(entry, pkg.codec, keepBytes ? keptBytes : undefined);
}

/** A part's inflated bytes: the ones readText kept (handed over once), else inflated now. */
export function takeBytes(pkg: XlsxPackage, entry: ZipEntry): Uint8Array {
  const kept = keptBytes.get(entry);
  if (!kept) return inflateEntry(entry, pkg.codec);
  keptBytes.delete(entry);
  return kept;
}

/** Says of a worksheet whose bytes readText kept that its rows are numbered in order. */
export function noteRowsInOrder(entry: ZipEntry): void {
  const kept = keptBytes.get(entry);
  if (kept) rowsInOrder.add(kept);
}

/** Whether these bytes (from takeBytes) are of a worksheet noted by noteRowsInOrder. */
export function hasRowsInOrder(bytes: Uint8Array): boolean {
  return rowsInOrder.has(bytes);
}

/** The shared-string table's inflated bytes, as openXlsx read them (undefined when it did not). */
export function sharedStringBytes(entry: ZipEntry): Uint8Array | undefined {
  return keptStringBytes.get(entry);
}

/** Let go of every part's bytes readText kept (the writer is done). */
export function releaseBytes(pkg: XlsxPackage): void {
  for (const e of pkg.entries) keptBytes.delete(e);
}

function readPartText(entry: ZipEntry, codec: DeflateCodec, keepIn?: WeakMap<ZipEntry, Uint8Array>): string {
  const bytes = inflateEntry(entry, codec);
  keepIn?.set(entry, bytes);
  let text: string;
  try {
    text = codec.decodeText ? codec.decodeText(bytes) : utf8Decode(bytes);
  } catch (err) {
    // V8 cannot hold strings beyond ~512 MiB characters
    throw new XlsxError("too-large", `cannot decode ${entry.name}: ${String(err)}`);
  }
  const root = rootElement(text);
  if (!root) throw new XlsxError("corrupt", `${entry.name} is not XML`);
  return text;
}

export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Resolve a relationship target against its source part (OPC rules: relative to the source's folder, or absolute). */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, "/");
  const parts = t.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

export function parseRels(xml: string, sourcePart: string): Relationship[] {
  const p = rootPrefix(xml);
  return findAll(xml, `${p}Relationship`).map((s) => {
    const tag = xml.slice(s.start, s.openEnd);
    const external = attr(tag, "TargetMode") === "External";
    const rawTarget = attr(tag, "Target") ?? "";
    return {
      id: attr(tag, "Id") ?? "",
      type: attr(tag, "Type") ?? "",
      target: external ? rawTarget : resolveTarget(sourcePart, decodeURIComponentSafe(rawTarget)),
      external,
    };
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function parseSheets(workbookXml: string, rels: Relationship[], byName: Map<string, ZipEntry>): SheetInfo[] {
  const p = rootPrefix(workbookXml);
  const sheetsEl = findElement(workbookXml, `${p}sheets`);
  if (!sheetsEl) throw new XlsxError("corrupt", "workbook.xml has no <sheets>");
  // No binding in scope (the r: prefix bound to a mistyped namespace): read r:id as Excel's own
  // files spell it. Never a prefix declared on some other element — a sheet the writer added
  // with its own declaration would then change how every other sheet is read.
  const fallback = "r:";
  const scope = [workbookXml.slice(sheetsEl.start, sheetsEl.openEnd), workbookXml.slice(0, rootElement(workbookXml)!.openEnd)];
  const out: SheetInfo[] = [];
  for (const s of childElements(workbookXml, sheetsEl.openEnd, sheetsEl.end)) {
    if (s.name !== `${p}sheet`) continue;
    const tag = workbookXml.slice(s.start, s.openEnd);
    // the relationships prefix may be declared on each <sheet> rather than on the root
    const rp = prefixInScope([tag, ...scope], REL_NAMESPACES) ?? fallback;
    const rid = attr(tag, `${rp}id`) ?? "";
    const rel = rels.find((r) => r.id === rid);
    const entry = rel ? byName.get(rel.target.toLowerCase()) : undefined;
    const state = attr(tag, "state");
    out.push({
      name: attr(tag, "name") ?? "",
      sheetId: Number(attr(tag, "sheetId") ?? 0),
      rid,
      path: entry ? entry.name : null,
      hidden: state === "hidden" || state === "veryHidden",
      kind: rel && rel.type.endsWith("/worksheet") && entry ? "worksheet" : "other",
    });
  }
  return out;
}

/**
 * The items' texts of a shared string table, in order. Which items are rich text (hold `<r>`
 * runs) is recorded alongside (richItemsOf), so the writer's SharedStringsEditor need not scan
 * the table a second time to learn it.
 */
export function parseSharedStrings(xml: string): string[] {
  const p = rootPrefix(xml);
  const root = rootElement(xml);
  if (!root) throw new XlsxError("corrupt", "sharedStrings.xml has no root");
  const out: string[] = [];
  const rich = new Set<number>();
  const open = `<${p}si`;
  const close = `</${p}si>`;
  // nearly every item is `<si><t>text</t></si>`: read it without slicing the item out first
  const plainOpen = `<${p}t>`;
  const plainClose = `</${p}t>${close}`;
  const run = new RegExp(`<${p}r[\\s>]`);
  let i = root.openEnd;
  for (;;) {
    i = xml.indexOf(open, i);
    if (i < 0) break;
    const te = xml.indexOf(">", i);
    if (te < 0) throw new XlsxError("corrupt", "unterminated <si>");
    if (xml.charCodeAt(te - 1) === 47) {
      out.push("");
      i = te + 1;
      continue;
    }
    if (xml.startsWith(plainOpen, te + 1)) {
      const from = te + 1 + plainOpen.length;
      const lt = xml.indexOf("<", from);
      if (lt >= 0 && xml.startsWith(plainClose, lt)) {
        out.push(decodeStringText(xml.slice(from, lt)));
        i = lt + plainClose.length;
        continue;
      }
    }
    const end = xml.indexOf(close, te);
    if (end < 0) throw new XlsxError("corrupt", "unterminated <si>");
    if (run.test(xml.slice(te + 1, end))) rich.add(out.length);
    out.push(stringItemText(xml, te + 1, end, p));
    i = end + close.length;
  }
  // SharedStringsEditor counts items from the start of the text: where a damaged table has one
  // before the root's start tag ends, the counts differ and it must scan for itself
  const first = xml.indexOf(open);
  if (first < 0 || first >= root.openEnd) richItems.set(out, rich);
  return out;
}

const richItems = new WeakMap<readonly string[], ReadonlySet<number>>();

/** Indexes of the rich-text items of a table parseSharedStrings returned; undefined for any other array. */
export function richItemsOf(texts: readonly string[]): ReadonlySet<number> | undefined {
  return richItems.get(texts);
}
