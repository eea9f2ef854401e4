import { parseRange, rangeA1 } from "../a1";
import type { CellRange, PartyId } from "../types";
import type { LineRole, Orientation } from "../tables/model";

/**
 * A layout the evaluator taught by hand (「指定表格」): where a table sits and what each of its
 * lines means. It holds positions and header text only — never a figure, a name or anything else
 * read from the table's records — so it can live in the document's settings and be handed from a
 * district to every evaluator as a JSON file.
 *
 * Offsets are relative to the range's top-left cell: `lines[i].offset` counts columns for a table
 * laid down and rows for a table laid across; `records[i].offset` counts the other way, from the
 * first record after the header band.
 */
export const LAYOUT_SCHEMA = "shuangbai/layout@1";

export type LayoutKind = "indicators" | "scores";

/** Roles a line may be given by hand; "ignore" leaves a line out (a 备注 column). */
export type SavedLineRole = LineRole | "ignore";

export interface SavedLine {
  offset: number;
  role: SavedLineRole;
  /** the line's composed header when the layout was made ("一片区/指标"); checked on every re-run */
  header: string;
  /** indicator tables with area groups: the group a target / completed / percent line belongs to */
  area?: string | null;
  /** the group is the total (合计) of the others */
  areaTotal?: boolean;
}

/** Score tables: what each record is. Positions only: the party's name stays in the sheet. */
export type SavedRecordRole = { offset: number; role: "party"; party: PartyId } | { offset: number; role: "total" | "grade" | "ignore" };

export interface SavedLayout {
  schema: typeof LAYOUT_SCHEMA;
  /** what the evaluator called it (指标完成情况统计表); shown in the pane and in findings */
  name: string;
  kind: LayoutKind;
  /** the sheet it was made on; a sheet of another name whose headers fit is used when it is missing */
  sheet: string;
  orientation: Orientation;
  /** the whole table, header band included, as A1 ("A2:F14") */
  range: string;
  /** how many lines at the start of the range are the header band (1–3) */
  band: number;
  lines: SavedLine[];
  records?: SavedRecordRole[];
  /**
   * indicator tables: records go on past the range while they hold figures (a station adds
   * indicators below the table). Default true.
   */
  grow?: boolean;
}

export const INDICATOR_ROLES: readonly SavedLineRole[] = ["label", "unit", "target", "completed", "percent", "serial", "category", "ignore"];
export const SCORE_ROLES: readonly SavedLineRole[] = ["label", "weight", "score", "ignore"];
const PARTY_IDS: readonly PartyId[] = ["buyer", "supervisor", "supervision-centre", "third-party"];

/** Longest header text a layout keeps: a header, not a paragraph. */
const MAX_HEADER = 80;
const MAX_NAME = 60;
const MAX_LINES = 200;

/** A plain-Chinese reason a layout file cannot be used, with the English for the English pane. */
export class LayoutError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "LayoutError";
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fail(zh: string, en: string): never {
  throw new LayoutError(zh, en);
}

function where(name: string, index: number | null): { zh: string; en: string } {
  const zh = name ? `表格布局“${name}”` : "表格布局";
  const en = name ? `The layout “${name}”` : "The layout";
  return index === null ? { zh, en } : { zh: `${zh}第 ${index + 1} 条`, en: `${en}, entry ${index + 1},` };
}

function offsetOf(v: unknown, span: number, at: { zh: string; en: string }): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= span)
    fail(`${at.zh}的位置不在表格范围内`, `${at.en} has a position outside the table's range`);
  return v;
}

/** The range as cells, or a plain reason why not. */
export function layoutRange(layout: Pick<SavedLayout, "range">): CellRange {
  return parseRange(layout.range);
}

/**
 * Check a layout read from a file or the settings and return it in its canonical shape. Anything
 * that is not part of a layout (a value someone pasted in, an unknown field) is dropped, so the
 * result can be saved safely. Throws LayoutError with a reason a user can act on.
 */
export function validateLayout(input: unknown): SavedLayout {
  if (!isRecord(input)) fail("这不是表格布局：内容应为一个对象", "This is not a layout: expected an object");
  if (input.schema !== LAYOUT_SCHEMA) {
    if (typeof input.schema === "string" && input.schema.startsWith("shuangbai/layout@"))
      fail(
        `这个表格布局来自更新的版本（${input.schema.slice(0, 40)}），请更新本工具后再导入`,
        `This layout comes from a newer version (${input.schema.slice(0, 40)}); update the tool first`,
      );
    fail("这不是本工具导出的表格布局（缺少 schema: shuangbai/layout@1）", "This is not a layout exported by this tool (no schema shuangbai/layout@1)");
  }
  const name = typeof input.name === "string" ? input.name.trim().slice(0, MAX_NAME) : "";
  const at = where(name, null);
  if (!name) fail("表格布局缺少名称", "The layout has no name");
  if (input.kind !== "indicators" && input.kind !== "scores")
    fail(`${at.zh}的类型应为“指标表”(indicators) 或“评分表”(scores)`, `${at.en} must be of kind indicators or scores`);
  const kind = input.kind;
  if (typeof input.sheet !== "string" || !input.sheet.trim() || input.sheet.length > 31) fail(`${at.zh}缺少工作表名称`, `${at.en} names no sheet`);
  if (input.orientation !== "down" && input.orientation !== "across")
    fail(`${at.zh}的方向应为纵向(down)或横向(across)`, `${at.en} must be laid down or across`);
  const orientation = input.orientation;
  let range: CellRange;
  try {
    if (typeof input.range !== "string") throw new Error();
    range = parseRange(input.range.trim().toUpperCase());
  } catch {
    fail(`${at.zh}的区域不是有效的单元格区域（如 A2:F14）`, `${at.en} has no valid range (such as A2:F14)`);
  }
  if (range.r1 > range.r2 || range.c1 > range.c2 || range.r1 < 0 || range.c1 < 0)
    fail(`${at.zh}的区域不是有效的单元格区域（如 A2:F14）`, `${at.en} has no valid range (such as A2:F14)`);
  const lineSpan = orientation === "down" ? range.c2 - range.c1 + 1 : range.r2 - range.r1 + 1;
  const depth = orientation === "down" ? range.r2 - range.r1 + 1 : range.c2 - range.c1 + 1;
  const band = input.band;
  if (typeof band !== "number" || !Number.isInteger(band) || band < 1 || band > 3)
    fail(`${at.zh}的表头应为 1 至 3 行`, `${at.en} needs a header band of 1 to 3 lines`);
  if (band >= depth) fail(`${at.zh}的区域里除了表头没有数据行`, `${at.en} has no records below its header`);
  if (!Array.isArray(input.lines) || !input.lines.length) fail(`${at.zh}没有列的用途`, `${at.en} assigns no roles`);
  if (input.lines.length > MAX_LINES) fail(`${at.zh}的列太多`, `${at.en} has too many lines`);

  const allowed = kind === "indicators" ? INDICATOR_ROLES : SCORE_ROLES;
  const seen = new Set<number>();
  const lines: SavedLine[] = input.lines.map((raw, i) => {
    const here = where(name, i);
    if (!isRecord(raw)) fail(`${here.zh}不是列的用途`, `${here.en} is not a role`);
    const offset = offsetOf(raw.offset, lineSpan, here);
    if (seen.has(offset)) fail(`${here.zh}与前面的条目重复指定了同一列`, `${here.en} assigns the same line twice`);
    seen.add(offset);
    if (typeof raw.role !== "string" || !allowed.includes(raw.role as SavedLineRole))
      fail(
        `${here.zh}的用途“${String(raw.role).slice(0, 20)}”不适用于${kind === "indicators" ? "指标表" : "评分表"}`,
        `${here.en} has a role not used in this kind of table`,
      );
    const header = typeof raw.header === "string" ? raw.header.slice(0, MAX_HEADER) : "";
    const line: SavedLine = { offset, role: raw.role as SavedLineRole, header };
    if (typeof raw.area === "string" && raw.area.trim()) line.area = raw.area.trim().slice(0, 40);
    if (raw.areaTotal === true) line.areaTotal = true;
    return line;
  });
  lines.sort((a, b) => a.offset - b.offset);

  const used = lines.filter((l) => l.role !== "ignore");
  if (!used.some((l) => l.header.trim()))
    fail(`${at.zh}的表头都是空的，无法在重新评分时核对表格是否变化`, `${at.en} has no header text to check the table against on a re-run`);
  const count = (role: SavedLineRole, area?: string | null) => used.filter((l) => l.role === role && (area === undefined || (l.area ?? null) === area)).length;
  if (count("label") > 1) fail(`${at.zh}只能有一列是名称`, `${at.en} may have one name line only`);

  const out: SavedLayout = { schema: LAYOUT_SCHEMA, name, kind, sheet: input.sheet.trim(), orientation, range: rangeA1(range), band, lines };
  if (kind === "indicators") {
    const areas = [...new Set(used.filter((l) => ["target", "completed", "percent"].includes(l.role)).map((l) => l.area ?? null))];
    if (areas.length > 1 && areas.includes(null))
      fail(`${at.zh}分片区时，每个指标、完成、完成率列都要写明片区`, `${at.en}: with area groups, every target, completed and percent line needs its group`);
    for (const area of areas) {
      const label = area ? `片区“${area}”` : "";
      const labelEn = area ? ` for “${area}”` : "";
      if (count("target", area) !== 1 || count("completed", area) !== 1)
        fail(`${at.zh}${label}需要恰好一列指标要求和一列完成情况`, `${at.en} needs exactly one target and one completed line${labelEn}`);
      if (count("percent", area) > 1) fail(`${at.zh}${label}只能有一列完成百分比`, `${at.en} may have one percent line${labelEn}`);
    }
    if (!areas.length) fail(`${at.zh}需要一列指标要求和一列完成情况`, `${at.en} needs a target and a completed line`);
    if (count("unit") > 1) fail(`${at.zh}只能有一列单位`, `${at.en} may have one unit line`);
    if (input.grow === false) out.grow = false;
  } else {
    if (count("label") !== 1) fail(`${at.zh}需要一列评估方名称`, `${at.en} needs a line naming the parties`);
    if (count("score") !== 1) fail(`${at.zh}需要恰好一列得分`, `${at.en} needs exactly one score line`);
    if (count("weight") > 1) fail(`${at.zh}只能有一列权重`, `${at.en} may have one weight line`);
    if (input.records !== undefined) {
      if (!Array.isArray(input.records)) fail(`${at.zh}的评估方设置无效`, `${at.en} has invalid party records`);
      const recordSpan = depth - band;
      const seenRecords = new Set<number>();
      const parties = new Set<PartyId>();
      out.records = input.records.map((raw, i) => {
        const here = where(name, i);
        if (!isRecord(raw)) fail(`${here.zh}不是评估方设置`, `${here.en} is not a party record`);
        const offset = offsetOf(raw.offset, recordSpan, here);
        if (seenRecords.has(offset)) fail(`${here.zh}重复指定了同一行`, `${here.en} assigns the same record twice`);
        seenRecords.add(offset);
        if (raw.role === "party") {
          if (typeof raw.party !== "string" || !PARTY_IDS.includes(raw.party as PartyId))
            fail(`${here.zh}的评估方不是购买方、监督方、督导中心或第三方之一`, `${here.en} names no known party`);
          const party = raw.party as PartyId;
          if (parties.has(party)) fail(`${here.zh}的评估方重复`, `${here.en} repeats a party`);
          parties.add(party);
          return { offset, role: "party", party };
        }
        if (raw.role === "total" || raw.role === "grade" || raw.role === "ignore") return { offset, role: raw.role };
        fail(`${here.zh}的用途应为评估方、总分、等级或忽略`, `${here.en} must be a party, the total, the grade or ignored`);
      });
      out.records.sort((a, b) => a.offset - b.offset);
      if (parties.size < 2) fail(`${at.zh}至少需要两个评估方`, `${at.en} needs at least two parties`);
    }
  }
  return out;
}

/** Read a layout file (one layout or a list of them) into checked layouts. */
export function parseLayoutJson(text: string): SavedLayout[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new LayoutError("表格布局文件不是有效的 JSON，可能已损坏或不是本工具导出的文件", "The layout file is not valid JSON");
  }
  if (isRecord(data) && Array.isArray(data.layouts)) data = data.layouts;
  const list = Array.isArray(data) ? data : [data];
  if (!list.length) throw new LayoutError("表格布局文件里没有布局", "The layout file holds no layout");
  return list.map(validateLayout);
}

/** A layout file: a list under a schema, readable by parseLayoutJson. */
export function layoutsToJson(layouts: SavedLayout[]): string {
  return JSON.stringify({ schema: "shuangbai/layouts@1", layouts: layouts.map(validateLayout) }, null, 2) + "\n";
}

/** Layouts are told apart by sheet, range and kind: a new one taught there replaces the old. */
export function mergeLayouts(saved: SavedLayout[], incoming: SavedLayout[]): SavedLayout[] {
  const key = (l: SavedLayout) => `${l.kind}\u0000${l.sheet}\u0000${l.range}`;
  const byKey = new Map(saved.map((l) => [key(l), l]));
  for (const l of incoming) {
    byKey.delete(key(l));
    byKey.set(key(l), l);
  }
  return [...byKey.values()];
}
