import { columnLetters, parseRange, rangeA1 } from "../a1";
import { parseQuantity } from "../quantity";
import type { Orientation } from "../tables/model";
import { partyOf } from "../tables/parties";
import { matchRole, TOTAL_WORDS } from "../tables/vocabulary";
import { cellText, normaliseLabel } from "../text";
import type { CellRange, PartyId, SheetSnapshot } from "../types";
import { composedHeader, type BandPosition } from "./fit";
import {
  INDICATOR_ROLES,
  LAYOUT_SCHEMA,
  SCORE_ROLES,
  type LayoutKind,
  type SavedLayout,
  type SavedLine,
  type SavedLineRole,
  type SavedRecordRole,
} from "./savedLayout";

/**
 * A first guess at the layout of a range the evaluator selected (「指定表格」), for the review to
 * correct: which way the table runs, how deep its header band is, and each line's role read from
 * its composed header with the same vocabulary the detector uses. The guess is a draft — it need
 * not validate — and holds positions and header text only, like every saved layout.
 */

export interface ProposeOptions {
  kind?: LayoutKind;
  orientation?: Orientation;
  band?: number;
}

export interface ProposedLine {
  offset: number;
  /** where the line is: column letters (laid down) or a row number (laid across) */
  at: string;
  header: string;
}

export interface ProposedRecord {
  offset: number;
  /** where the record is: a row number (laid down) or column letters (laid across) */
  at: string;
  /** the record's name as the sheet shows it (a party's name); shown in the review, never saved */
  label: string;
}

export interface LayoutProposal {
  layout: SavedLayout;
  lines: ProposedLine[];
  records: ProposedRecord[];
}

/** The longest range a review is offered for: a table, not a sheet. */
export const MAX_REVIEW_LINES = 60;
export const MAX_REVIEW_RECORDS = 500;

function text(sheet: SheetSnapshot, row: number, col: number): string {
  return cellText(sheet.values[row]?.[col] ?? null);
}

/** How many of a range's first row (or column) name a role: the side with more is the header. */
function namedAlong(sheet: SheetSnapshot, r: CellRange, orientation: Orientation): number {
  let n = 0;
  const span = orientation === "down" ? r.c2 - r.c1 : r.r2 - r.r1;
  for (let i = 0; i <= span; i++) {
    const t = orientation === "down" ? text(sheet, r.r1, r.c1 + i) : text(sheet, r.r1 + i, r.c1);
    const m = t ? matchRole(t) : null;
    // 总分 and 等级 name records (a score table's last entries), not lines
    if (m && m.role !== "ambiguous" && m.role !== "total" && m.role !== "grade") n++;
  }
  return n;
}

/** Band lines are the first lines holding no figure: 1 to 3 of them, leaving a record below. */
function bandDepth(sheet: SheetSnapshot, r: CellRange, orientation: Orientation): number {
  const depth = orientation === "down" ? r.r2 - r.r1 + 1 : r.c2 - r.c1 + 1;
  const span = orientation === "down" ? r.c2 - r.c1 : r.r2 - r.r1;
  let band = 0;
  while (band < 3 && band < depth - 1) {
    let figure = false;
    for (let i = 0; i <= span && !figure; i++) {
      const v = orientation === "down" ? sheet.values[r.r1 + band]?.[r.c1 + i] : sheet.values[r.r1 + i]?.[r.c1 + band];
      figure = parseQuantity(v ?? null).kind === "number";
    }
    if (figure) break;
    band++;
  }
  return Math.max(1, band);
}

/** The role a composed header names, with the band text just above the role word (its area). */
function roleOf(header: string): { role: ReturnType<typeof matchRole>; area: string | null } {
  const parts = header.split("/");
  for (let i = parts.length - 1; i >= 0; i--) {
    const m = matchRole(parts[i]);
    if (m) return { role: m, area: i > 0 ? parts[i - 1] : null };
  }
  return { role: null, area: null };
}

export function proposeLayout(sheet: SheetSnapshot, rangeText: string, opts: ProposeOptions = {}): LayoutProposal {
  const range = parseRange(rangeText.trim().toUpperCase());
  const orientation: Orientation = opts.orientation ?? (namedAlong(sheet, range, "across") > namedAlong(sheet, range, "down") ? "across" : "down");
  const down = orientation === "down";
  const depth = down ? range.r2 - range.r1 + 1 : range.c2 - range.c1 + 1;
  const band = Math.max(1, Math.min(3, depth - 1, opts.band ?? bandDepth(sheet, range, orientation)));
  const bandPos: BandPosition = { orientation, first: down ? range.r1 : range.c1, depth: band };
  const lineStart = down ? range.c1 : range.r1;
  const lineCount = Math.min(MAX_REVIEW_LINES, down ? range.c2 - range.c1 + 1 : range.r2 - range.r1 + 1);
  const recordFirst = bandPos.first + band;
  const recordCount = Math.min(MAX_REVIEW_RECORDS, Math.max(0, depth - band));

  const lines: ProposedLine[] = [];
  const guesses: { role: SavedLineRole | "ambiguous" | "total" | "grade" | null; area: string | null }[] = [];
  for (let i = 0; i < lineCount; i++) {
    const at = lineStart + i;
    const header = composedHeader(sheet, bandPos, at);
    lines.push({ offset: i, at: down ? columnLetters(at) : String(at + 1), header });
    const { role, area } = roleOf(header);
    guesses.push({ role: role?.role ?? null, area });
  }

  const scoreWords = guesses.filter((g) => g.role === "weight" || g.role === "score").length;
  const recordLabel = (lineOffset: number, rec: number) => {
    const at = lineStart + lineOffset;
    return down ? text(sheet, recordFirst + rec, at) : text(sheet, at, recordFirst + rec);
  };
  const labelGuess = Math.max(
    0,
    guesses.findIndex((g) => g.role === "label"),
  );
  let parties = 0;
  for (let rec = 0; rec < recordCount; rec++) if (partyOf(recordLabel(labelGuess, rec))) parties++;
  const kind: LayoutKind = opts.kind ?? (scoreWords > 0 || parties >= 2 ? "scores" : "indicators");
  const allowed = kind === "indicators" ? INDICATOR_ROLES : SCORE_ROLES;

  // areas count only when the band names two or more groups (a title over every line is no area)
  const figureRoles = ["target", "completed", "percent"];
  const areas = new Set(guesses.filter((g) => (g.role === "target" || g.role === "completed" || g.role === "ambiguous") && g.area).map((g) => g.area));
  const useAreas = kind === "indicators" && areas.size >= 2;
  const totalArea = [...areas].find((a) => a && TOTAL_WORDS.test(normaliseLabel(a))) ?? null;

  const saved: SavedLine[] = guesses.map((g, i) => {
    let role: SavedLineRole;
    if (g.role === "ambiguous") role = kind === "indicators" && useAreas && g.area ? "target" : "label";
    else role = g.role && (allowed as readonly string[]).includes(g.role) ? (g.role as SavedLineRole) : "ignore";
    const line: SavedLine = { offset: i, role, header: lines[i].header };
    if (useAreas && figureRoles.includes(role)) {
      const area = g.area && areas.has(g.area) ? g.area : role === "percent" ? (totalArea ?? [...areas].pop() ?? null) : null;
      if (area) line.area = area;
    }
    return line;
  });
  // one name line: the first the header names, else the first line
  const labels = saved.filter((l) => l.role === "label");
  labels.slice(1).forEach((l) => (l.role = "ignore"));
  if (!labels.length && saved[0] && saved[0].role === "ignore") saved[0].role = "label";
  const labelAt = saved.find((l) => l.role === "label")?.offset ?? 0;

  const records: ProposedRecord[] = [];
  const savedRecords: SavedRecordRole[] = [];
  const seen = new Set<PartyId>();
  for (let rec = 0; rec < recordCount; rec++) {
    const label = recordLabel(labelAt, rec);
    const at = recordFirst + rec;
    records.push({ offset: rec, at: down ? String(at + 1) : columnLetters(at), label });
    if (kind !== "scores") continue;
    const party = partyOf(label);
    const named = label ? matchRole(label)?.role : undefined;
    if (party && !seen.has(party)) {
      seen.add(party);
      savedRecords.push({ offset: rec, role: "party", party });
    } else if (named === "total" || named === "grade") savedRecords.push({ offset: rec, role: named });
    else savedRecords.push({ offset: rec, role: "ignore" });
  }

  const layout: SavedLayout = {
    schema: LAYOUT_SCHEMA,
    name: `${sheet.name} ${rangeA1(range)}`.slice(0, 60),
    kind,
    sheet: sheet.name,
    orientation,
    range: rangeA1(range),
    band,
    lines: saved,
  };
  if (kind === "scores") layout.records = savedRecords;
  return { layout, lines, records };
}

/**
 * The range a table starting at a header cell most likely covers, for the review to start from
 * (the pane opens 指定表格 on a `table-not-understood` finding's cell): across while the first
 * lines hold anything in the next column (a header merged across leaves blanks in its band), down
 * while the next row holds anything in those columns. Never upwards: a title above is no part of it.
 */
export function regionFrom(sheet: SheetSnapshot, row: number, col: number): string {
  const filled = (r: number, c: number) => text(sheet, r, c) !== "";
  const firstLines = [row, row + 1, row + 2].filter((r) => r < sheet.values.length);
  let c2 = col;
  while (c2 + 1 < col + MAX_REVIEW_LINES && firstLines.some((r) => filled(r, c2 + 1))) c2++;
  let r2 = row;
  const anyIn = (r: number) => {
    for (let c = col; c <= c2; c++) if (filled(r, c)) return true;
    return false;
  };
  while (r2 + 1 < sheet.values.length && r2 + 1 < row + MAX_REVIEW_RECORDS && anyIn(r2 + 1)) r2++;
  return rangeA1({ r1: row, c1: col, r2, c2 });
}
