import type { PartyId } from "../types";

/**
 * The table model: one typed description of an indicator table or a score table, whoever found
 * it. The detector (tables/detect.ts) produces it from a sheet's header bands; a layout the
 * evaluator saved ("指定表格") is turned into the same model; the indicator and score code
 * (indicators/assess.ts, scores/scoreSheet.ts) read only the model and the sheet's cells.
 *
 * Words used here:
 * - A **line** is a column of a table laid down (records are rows) or a row of a table laid
 *   across (records are columns). Every line has one role, read from its composed header.
 * - A **record** is one indicator (or one party, or the 总分 / 等级 entry) — a row of a table laid
 *   down, a column of a table laid across.
 * - The **header band** is the 1–3 lines above (or left of) the records holding the headers.
 *   A line's composed header is the band's texts over it, top to bottom, following merges
 *   across and down, joined with "/" ("一片区/指标"); its role comes from the lowest text that
 *   names one, its area from the text above that, its unit from a bracket (年度指标（个）).
 *
 * Shapes (`layout`):
 * - "row": one record per data line (服务内容 | 合同指标 | 累计完成 | 完成比例).
 * - "block": one record whose label is the label line's header text itself (the seed report's
 *   appendix: 服务对象建档 | 指标要求 | 完成情况 | 完成百分比 over its one row of figures).
 * - "area": several target/completed pairs, one per group: areas (一片区, 二片区, 合计) whose
 *   total group's lines have `areaTotal`, or periods (中期 / 年度) each read on its own
 *   (`groupKind: "period"`). An area table without a 合计 pair gets a percent line with
 *   `areaTotal` and no target / completed lines of its own: the total computed from the areas.
 *
 * Positions are 0-based sheet coordinates; `cellOf` turns a record and a line into a cell.
 */

export type Orientation = "down" | "across";

export type LineRole =
  /** the indicator's name, or the party's name in a score table */
  | "label"
  | "unit"
  | "target"
  | "completed"
  | "percent"
  | "weight"
  | "score"
  /** 序号: never read as an indicator or a figure */
  | "serial"
  /** a category over several indicators (兜底服务 / 专业服务), often merged down */
  | "category";

export type RecordRole = "item" | "party" | "total" | "grade";

export interface TableLine {
  /** column index for a table laid down, row index for a table laid across */
  at: number;
  role: LineRole;
  /** the composed header text ("一片区/指标", "年度指标（个）"); "" when the line has no header */
  header: string;
  /** the header's own cell (the lowest band cell naming the role), for findings and new headers */
  headerAt: number | null;
  /** unit written in the header: 年度指标（个） → 个 */
  unit: string | null;
  /** the header says % or （%）: a bare number in this line is in percentage points (185.5 = 185.5 %) */
  percentPoints: boolean;
  /** area group of a target / completed / percent line in an area table; null otherwise */
  area: string | null;
  /** the area group is the total (合计) of the others */
  areaTotal?: boolean;
  /**
   * What the group of a multi-pair table is: "area" (一片区 / 二片区, adding up to a 合计) or
   * "period" (中期 / 年度, or pairs the band does not name: each pair its own indicator).
   * Absent means "area" for a table whose layout is "area".
   */
  groupKind?: "area" | "period";
  /** a line the tool adds (the table had no percent line): its header cell is written too */
  added?: boolean;
  /**
   * a label whose header spans several columns (指标名称 merged across A:B, a category in A on
   * some rows): the other columns under it; each record's name is in the rightmost that holds text
   */
  alsoAt?: number[];
}

export interface TableRecord {
  /** row for a table laid down, column for a table laid across */
  at: number;
  role: RecordRole;
  /** for a "party" record: which of the four parties */
  party?: PartyId;
}

export interface Pos {
  row: number;
  col: number;
}

export interface TableModel {
  kind: "indicators" | "scores";
  sheet: string;
  orientation: Orientation;
  layout: "row" | "block" | "area";
  /** header band: first and last row (laid down) or column (laid across), inclusive */
  band: { first: number; last: number };
  lines: TableLine[];
  records: TableRecord[];
  /**
   * Score tables: where 总分 and 等级 go when they are not records (a label beside or below the
   * parties, its value cell here); null lets the scorer add them after the last record.
   */
  totalCell?: Pos | null;
  gradeCell?: Pos | null;
  /** score tables: the score header says 百分制 (scores out of 100, weighted into the total) */
  scale100?: boolean;
  /** "saved" for a layout the evaluator assigned by hand */
  origin: "detected" | "saved";
}

/** The cell where a record meets a line. */
export function cellOf(model: Pick<TableModel, "orientation">, record: number, line: number): Pos {
  return model.orientation === "down" ? { row: record, col: line } : { row: line, col: record };
}

/** The header cell of a line: where the band's `headerAt` (a row or column) crosses the line. */
export function headerCellOf(model: Pick<TableModel, "orientation" | "band">, line: TableLine): Pos {
  const at = line.headerAt ?? model.band.last;
  return model.orientation === "down" ? { row: at, col: line.at } : { row: line.at, col: at };
}

export function linesWith(model: Pick<TableModel, "lines">, role: LineRole): TableLine[] {
  return model.lines.filter((l) => l.role === role);
}
