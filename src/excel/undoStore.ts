import { type SyncCounter, type WriteUnit, onceUnit, smallUnit, syncOnce } from "./blocks";
import { OP_OVERHEAD_BYTES, jsonBytes } from "./limits";
import { type UndoHeader, type UndoRecord, fromChunks, toChunks } from "./undoRecord";

/**
 * Where the undo record lives: custom XML parts of the workbook (Workbook.customXmlParts,
 * ExcelApi 1.5), not a very hidden sheet. Making a sheet very hidden sets Worksheet.visibility,
 * which on Windows and Mac clears the user's whole Ctrl+Z history, and removing it needs
 * Worksheet.delete, which clears it everywhere; custom XML parts are not on Microsoft's list of
 * APIs without undo support (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
 *
 * The record's JSON is cut into parts of at most PART_CHARS characters, each its own request
 * operation: Microsoft documents no size limit for a part, but one part travels in one request,
 * and requests are capped (5 MB on the web). Chunk parts go first, then the header part naming the
 * run and its chunk count: a record is valid only with its header and every chunk, so a run cut
 * short before its header leaves the earlier record (if any) as the valid one, and after it a
 * complete record of its own. Parts of other runs are deleted last.
 *
 * Adding a part twice (a batch sent again after GeneralException) only repeats a chunk of the
 * same run, which reading ignores, so the adds are safe to retry.
 */
export const HEADER_NS = "urn:shuangbai:undo-header:1";
export const CHUNK_NS = "urn:shuangbai:undo-chunk:1";
/**
 * Characters of record JSON per part. The part travels as a JSON string inside the request, where
 * every quote is escaped again: 150,000 characters stay under 1 MB of request even for CJK text.
 */
export const PART_CHARS = 150_000;

export interface StoredPart {
  id: string;
  ns: string;
  xml: string;
}

export interface StoredRecord {
  run: string;
  header: UndoHeader;
  record: UndoRecord;
}

/** text content: quotes need no escaping there, and JSON is full of them */
function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeXml(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|quot|apos|amp);/g, (_, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    if (e === "amp") return "&";
    return String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** attributes of the root element, in either quote style (Excel may write the XML back its own way) */
function rootAttrs(xml: string): Record<string, string> | null {
  const m = /<(?:[\w.-]+:)?u\b([^>]*)>/.exec(xml);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const a of m[1].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[a[1]] = unescapeXml(a[2] ?? a[3] ?? "");
  return out;
}

function rootText(xml: string): string {
  const m = /<(?:[\w.-]+:)?u\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?u>)/.exec(xml);
  return m?.[1] !== undefined ? unescapeXml(m[1]) : "";
}

export function headerXml(run: string, h: UndoHeader): string {
  return `<u xmlns="${HEADER_NS}" run="${escapeXml(run)}" at="${escapeXml(h.at)}" chunks="${h.chunks}" chars="${h.chars}"/>`;
}

export function chunkXml(run: string, i: number, text: string): string {
  return `<u xmlns="${CHUNK_NS}" run="${escapeXml(run)}" i="${i}">${escapeText(text)}</u>`;
}

/** the newest complete record among the parts, or null */
export function pickRecord(parts: StoredPart[]): StoredRecord | null {
  const chunks = new Map<string, Map<number, string>>();
  const headers: { run: string; header: UndoHeader }[] = [];
  for (const p of parts) {
    const a = rootAttrs(p.xml);
    if (!a?.run) continue;
    if (p.ns === CHUNK_NS) {
      const i = Number(a.i);
      if (!Number.isInteger(i) || i < 0) continue;
      const m = chunks.get(a.run) ?? new Map<number, string>();
      m.set(i, rootText(p.xml));
      chunks.set(a.run, m);
    } else if (p.ns === HEADER_NS) {
      const n = Number(a.chunks);
      const chars = Number(a.chars);
      if (!Number.isInteger(n) || !Number.isInteger(chars)) continue;
      headers.push({ run: a.run, header: { kind: "shuangbai-undo", v: 1, at: a.at ?? "", chunks: n, chars } });
    }
  }
  headers.sort((x, y) => (x.header.at < y.header.at ? 1 : x.header.at > y.header.at ? -1 : x.run < y.run ? 1 : -1));
  for (const { run, header } of headers) {
    const m = chunks.get(run) ?? new Map<number, string>();
    const list = Array.from({ length: header.chunks }, (_, i) => m.get(i));
    if (list.some((c) => c === undefined)) continue;
    const record = fromChunks(header, list);
    if (record) return { run, header, record };
  }
  return null;
}

/** ids of every part in both namespaces: one sync (or riding along with `along`) */
export function queueList(ctx: Excel.RequestContext): () => { id: string; ns: string }[] {
  const heads = ctx.workbook.customXmlParts.getByNamespace(HEADER_NS);
  const chunks = ctx.workbook.customXmlParts.getByNamespace(CHUNK_NS);
  heads.load("items/id");
  chunks.load("items/id");
  return () => [...heads.items.map((p) => ({ id: p.id, ns: HEADER_NS })), ...chunks.items.map((p) => ({ id: p.id, ns: CHUNK_NS }))];
}

export async function listParts(ctx: Excel.RequestContext, counter: SyncCounter): Promise<{ id: string; ns: string }[]> {
  const collect = queueList(ctx);
  await syncOnce(ctx, counter);
  return collect();
}

/** the XML of the listed parts: one sync */
export async function readParts(ctx: Excel.RequestContext, counter: SyncCounter, ids: { id: string; ns: string }[]): Promise<StoredPart[]> {
  if (ids.length === 0) return [];
  const results = ids.map((p) => ({ p, xml: ctx.workbook.customXmlParts.getItem(p.id).getXml() }));
  await syncOnce(ctx, counter);
  return results.map(({ p, xml }) => ({ ...p, xml: xml.value }));
}

/** a run id unique enough to tell this run's parts from any other's */
export function newRunId(at: string): string {
  return `${at.replace(/[^0-9]/g, "")}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** the parts of a record: chunks first, then the header */
export function recordUnits(ctx: () => Excel.RequestContext, run: string, record: UndoRecord): WriteUnit[] {
  const { header, chunks } = toChunks(record, PART_CHARS);
  const units: WriteUnit[] = chunks.map((text, i) => {
    const xml = chunkXml(run, i, text);
    return smallUnit(() => void ctx().workbook.customXmlParts.add(xml), jsonBytes(xml) + OP_OVERHEAD_BYTES);
  });
  const hx = headerXml(run, header);
  units.push(smallUnit(() => void ctx().workbook.customXmlParts.add(hx), jsonBytes(hx) + OP_OVERHEAD_BYTES));
  return units;
}

/** delete these parts (another run's record, or leftovers): never sent twice */
export function deleteUnits(ctx: () => Excel.RequestContext, ids: { id: string }[]): WriteUnit[] {
  return ids.map((p) => onceUnit(() => ctx().workbook.customXmlParts.getItem(p.id).delete()));
}
