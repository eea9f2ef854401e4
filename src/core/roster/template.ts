import type { FieldType, SheetSnapshot, TemplateDef, TemplateField } from "../types";
import { BUILTIN_FIELDS, builtinFieldFor } from "./dictionary";
import { type HeaderCell } from "./match";
import { HEADER_SEARCH_ROWS, cellAt, composeTwoRow, sheetWidth } from "./headers";
import { displayHeader, normaliseHeader } from "../text";

export const BUILTIN_TEMPLATE: TemplateDef = {
  id: "gd-shuangbai-roster",
  version: 1,
  name: "服务对象家庭信息汇总表（省“双百工程”套表）",
  title: "服务对象家庭信息汇总表",
  fields: BUILTIN_FIELDS,
};

const FIELD_TYPES: FieldType[] = ["text", "integer", "date", "phone", "cn-id", "category-set", "enum", "gender"];

function fail(detail: string): never {
  throw new Error(`模板无效：${detail}`);
}

function stringList(v: unknown, where: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) fail(`${where}必须是文字列表`);
  return (v as string[]).map((s) => s.trim()).filter((s) => s.length > 0);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Check a template read from JSON and return it typed; throws an Error whose message says what is wrong in plain Chinese. */
export function validateTemplate(json: unknown): TemplateDef {
  if (!isRecord(json)) fail("内容不是一个模板对象");
  const { id, version, name, title, fields } = json;
  if (typeof id !== "string" || !id.trim()) fail("缺少模板编号（id）");
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) fail("版本号（version）必须是正整数");
  if (typeof name !== "string" || !name.trim()) fail("缺少模板名称（name）");
  if (title !== undefined && typeof title !== "string") fail("标题（title）必须是文字");
  if (!Array.isArray(fields) || fields.length === 0) fail("没有任何字段（fields）");
  const seen = new Set<string>();
  const out: TemplateField[] = fields.map((f: unknown, i: number) => {
    const where = `第 ${i + 1} 个字段`;
    if (!isRecord(f)) fail(`${where}不是字段对象`);
    if (typeof f.name !== "string" || !f.name.trim()) fail(`${where}缺少名称（name）`);
    const fieldName = f.name.trim();
    const k = normaliseHeader(fieldName);
    if (seen.has(k)) fail(`字段“${fieldName}”重复`);
    seen.add(k);
    const field: TemplateField = { name: fieldName };
    const synonyms = stringList(f.synonyms, `字段“${fieldName}”的同义词（synonyms）`);
    if (synonyms) field.synonyms = synonyms;
    if (f.type !== undefined) {
      if (typeof f.type !== "string" || !FIELD_TYPES.includes(f.type as FieldType)) {
        fail(`字段“${fieldName}”的类型（type）应为 ${FIELD_TYPES.join("、")} 之一`);
      }
      field.type = f.type as FieldType;
    }
    const allowed = stringList(f.allowed, `字段“${fieldName}”的可选值（allowed）`);
    if (allowed) field.allowed = allowed;
    if (f.required !== undefined) {
      if (typeof f.required !== "boolean") fail(`字段“${fieldName}”的必填（required）应为 true 或 false`);
      field.required = f.required;
    }
    if (f.generated !== undefined) {
      if (f.generated !== "serial") fail(`字段“${fieldName}”的 generated 只能是 "serial"`);
      field.generated = "serial";
    }
    return field;
  });
  const def: TemplateDef = { id: id.trim(), version, name: name.trim(), fields: out };
  if (typeof title === "string" && title.trim()) def.title = title.trim();
  return def;
}

/**
 * The header signature a mapping is remembered by: header names only (never cell values),
 * normalised and sorted, so reordering columns keeps the signature.
 */
export function headerSignature(headers: string[]): string {
  const keys = headers.map((h) => normaliseHeader(h).replace(/\|/g, "/")).filter((k) => k.length > 0);
  return Array.from(new Set(keys)).sort().join("|");
}

export function signatureHeaders(signature: string): string[] {
  return signature ? signature.split("|") : [];
}

function rowTexts(sheet: SheetSnapshot, r: number, width: number): number {
  let n = 0;
  for (let c = 0; c < width; c++) if (displayHeader(cellAt(sheet, r, c))) n++;
  return n;
}

function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * A template from a sheet holding the blank official 套表: title rows above, then a one- or
 * two-row (merged) header. Fields come from the headers in order; a header the built-in
 * dictionary knows takes its type, required flag and synonyms.
 */
export function captureTemplate(sheet: SheetSnapshot, opts: { id?: string; name?: string } = {}): TemplateDef {
  const merges = sheet.merges ?? [];
  const last = Math.min(HEADER_SEARCH_ROWS, sheet.values.length) - 1;
  const width = sheetWidth(sheet, 0, last);
  // the header is the first row with several labels; titles above it are one merged cell each
  let top = -1;
  for (let r = 0; r <= last; r++) {
    if (rowTexts(sheet, r, width) >= 3) {
      top = r;
      break;
    }
  }
  if (top < 0) throw new Error(`工作表“${sheet.name}”中没有找到表头：表头行至少要有 3 个栏目名称`);
  const groupMerged = merges.some((m) => m.r1 === top && (m.r2 > top || m.c2 > m.c1) && !(m.c1 === 0 && m.c2 >= width - 1));
  const twoRow = groupMerged && top + 1 <= last + 1 && rowTexts(sheet, top + 1, width) > 0;
  const cells: HeaderCell[] = twoRow
    ? composeTwoRow(sheet, merges, top, width)
    : Array.from({ length: width }, (_, c) => displayHeader(cellAt(sheet, top, c)))
        .map((text, col) => ({ col, row: top, text, keys: [normaliseHeader(text)] }))
        .filter((h) => h.text.length > 0);
  const titleCell = Array.from({ length: top }, (_, r) => r)
    .map((r) => Array.from({ length: width }, (_, c) => displayHeader(cellAt(sheet, r, c))).find((t) => t.length > 0) ?? "")
    .find((t) => t.length > 0);

  const seen = new Set<string>();
  const fields: TemplateField[] = [];
  for (const h of cells) {
    const k = normaliseHeader(h.text);
    if (seen.has(k)) continue;
    seen.add(k);
    const builtin = h.keys.map((key) => builtinFieldFor(key)).find((f) => f !== undefined);
    const field: TemplateField = { name: h.text };
    if (builtin) {
      const synonyms = [builtin.name, ...(builtin.synonyms ?? [])].filter((s) => normaliseHeader(s) !== k);
      if (synonyms.length) field.synonyms = synonyms;
      if (builtin.type) field.type = builtin.type;
      if (builtin.allowed) field.allowed = [...builtin.allowed];
      if (builtin.required) field.required = true;
      if (builtin.generated) field.generated = builtin.generated;
    } else field.type = "text";
    fields.push(field);
  }
  if (fields.length < 2) throw new Error(`工作表“${sheet.name}”的表头太少，无法作为模板`);
  const name = opts.name ?? titleCell ?? sheet.name;
  return {
    id: opts.id ?? `captured-${shortHash(headerSignature(fields.map((f) => f.name)))}`,
    version: 1,
    name,
    title: titleCell ?? name,
    fields,
  };
}
