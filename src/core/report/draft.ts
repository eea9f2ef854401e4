import type { Period } from "../dates";
import { indicatorName } from "../indicators/naming";
import type { CellValue, Finding, IndicatorReport, PartyId, Report, ScoreReport } from "../types";
import type { DraftCell, DraftParagraph, DraftSection, DraftTable, Piece, ReportDraft, TextFormat } from "./model";
import { canShowGeneral, compact, formatForValue, formatNumber, piecesText } from "./pieces";
import { REPORT_TEMPLATES, type IndicatorGroup, type ReportTemplate } from "./template";

/**
 * The staffing figures the report carries once a staffing sheet was read (`report.staffing`).
 * Cells are A1 addresses on `sheet`; a figure without a cell is written as a number.
 */
export interface StaffingFigures {
  sheet: string;
  months: string[];
  contracted: { all: number | null; certified: number | null };
  classes: {
    class: "certified" | "all";
    required: number | null;
    actual: number | null;
    surplus: number | null;
    requiredCell?: string | null;
    actualCell?: string | null;
    surplusCell?: string | null;
  }[];
  retention: { stayed: number | null; base: number | null; rate: number | null; threshold: number; cell?: string | null } | null;
  atEnd: Record<string, number> | null;
}

export interface DraftInput {
  report: Report;
  lang: "zh" | "en";
  /** the evaluation window (以上数据统计共计 N 个考核月份), when known */
  window: Period | null;
  staffing: StaffingFigures[];
  /** what a cell holds once the run's plan is applied (cached results of the run's formulas) */
  cellValue(sheet: string, cell: string): CellValue;
}

/** Findings that question a row's label or unit: the appendix notes them on the row. */
const QUESTIONING = /label|unit|indicator/;

const PARTY_ORDER: PartyId[] = ["buyer", "supervisor", "supervision-centre", "third-party"];

type Slots = Record<string, Piece[] | string | null>;

/**
 * Fill a template's {slots}. An empty slot takes the space before it along, so
 * "{lead} {n} {unit}" without a unit reads "建档 371", not "建档 371 ".
 */
export function fill(template: string, slots: Slots): Piece[] {
  const out: Piece[] = [];
  const parts = template.split(/(\{\w+\})/);
  for (const part of parts) {
    const m = /^\{(\w+)\}$/.exec(part);
    if (!m) {
      if (part) out.push({ kind: "text", text: part });
      continue;
    }
    const v = slots[m[1]];
    const pieces: Piece[] = typeof v === "string" ? (v ? [{ kind: "text", text: v }] : []) : (v ?? []);
    if (!pieces.length || piecesText(pieces) === "") {
      const last = out[out.length - 1];
      if (last && last.kind === "text" && last.text.endsWith(" ")) out[out.length - 1] = { kind: "text", text: last.text.slice(0, -1) };
      continue;
    }
    out.push(...pieces);
  }
  return compact(out);
}

function join(list: Piece[][], separator: string, lastSeparator = separator): Piece[] {
  const out: Piece[] = [];
  list.forEach((p, i) => {
    if (i > 0) out.push({ kind: "text", text: i === list.length - 1 ? lastSeparator : separator });
    out.push(...p);
  });
  return out;
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

class Pieces {
  constructor(private readonly input: DraftInput) {}

  /** A number, live from its cell when the cell will hold exactly the report's figure. */
  number(sheet: string, cell: string | null | undefined, value: number | null, format?: TextFormat): Piece[] {
    if (value === null || !Number.isFinite(value)) return [];
    const f = format ?? formatForValue(value);
    const useFormat: TextFormat = f === "general" && !canShowGeneral(value) ? formatForValue(value) : f;
    if (cell) {
      const v = this.input.cellValue(sheet, cell);
      if (typeof v === "number" && same(v, value)) return [{ kind: "number", sheet, cell, value: v, format: useFormat }];
    }
    return [{ kind: "text", text: formatNumber(value, useFormat) }];
  }

  /** A text cell's content, live when the cell holds exactly that text. */
  text(sheet: string, cell: string | null | undefined, text: string): Piece[] {
    if (!text) return [];
    if (cell && this.input.cellValue(sheet, cell) === text) return [{ kind: "cellText", sheet, cell, value: text }];
    return [{ kind: "text", text }];
  }

  /** An indicator's percentage: its percent cell, else the division of its two cells, else the number. */
  percent(i: IndicatorReport): Piece[] {
    if (i.percent === null) return [];
    if (i.percentCell) {
      const v = this.input.cellValue(i.sheet, i.percentCell);
      if (typeof v === "number" && same(v, i.percent)) return [{ kind: "number", sheet: i.sheet, cell: i.percentCell, value: v, format: "0.00%" }];
    }
    const t = this.input.cellValue(i.sheet, i.targetCell);
    const c = this.input.cellValue(i.sheet, i.completedCell);
    if (typeof t === "number" && typeof c === "number" && t !== 0 && same(c / t, i.percent)) {
      return [{ kind: "ratio", sheet: i.sheet, numerator: i.completedCell, denominator: i.targetCell, value: c / t }];
    }
    return [{ kind: "text", text: formatNumber(i.percent, "0.00%") }];
  }

  choice(sheet: string, cell: string | null | undefined, value: number, threshold: number, atLeast: string, below: string): Piece[] {
    if (cell) {
      const v = this.input.cellValue(sheet, cell);
      if (typeof v === "number" && same(v, value)) return [{ kind: "choice", sheet, cell, value: v, threshold, atLeast, below }];
    }
    return [{ kind: "text", text: value >= threshold ? atLeast : below }];
  }
}

/** Indicators the report speaks of as the station's: whole-station rows (an area table's 合计). */
function stationIndicators(report: Report): IndicatorReport[] {
  return report.indicators.filter((i) => !i.area || i.area === "合计");
}

/** Calendar months the window touches: 2023-07-01..2023-11-30 → 5. */
export function monthsIn(span: Period): number {
  const [y1, m1] = span.start.split("-").map(Number);
  const [y2, m2] = span.end.split("-").map(Number);
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) + 1);
}

interface Item {
  ind: IndicatorReport;
  id: string | null;
  n: Piece[];
  percent: Piece[];
}

function leadFor(t: ReportTemplate, item: Item, index: number, previous: Item | undefined, pieces: Pieces): Piece[] {
  if (!item.id || !t.phrases[item.id]) return fill(t.unknownLead, { label: pieces.text(item.ind.sheet, item.ind.labelCell, item.ind.label) });
  const phrase = t.phrases[item.id];
  const byUnit = item.ind.unit ? phrase.units?.[item.ind.unit] : undefined;
  if (byUnit) return fill(previous?.id === item.id ? byUnit.same : byUnit.first, {});
  return fill(index === 0 ? phrase.first : (phrase.next ?? phrase.first), {});
}

function groupSentence(t: ReportTemplate, group: IndicatorGroup, items: Item[], pieces: Pieces): Piece[] {
  const withPercent = items.filter((i) => i.percent.length);
  const together = group.manner === "together" && withPercent.length > 0;
  // 分别完成 names the percentages in the order of the quantities before it, so those come first
  const ordered = together ? [...withPercent, ...items.filter((i) => !i.percent.length)] : items;
  const quantities = ordered.map((item, k) => fill(t.quantity, { lead: leadFor(t, item, k, ordered[k - 1], pieces), n: item.n, unit: item.ind.unit ?? "" }));
  if (together) {
    const head = quantities.slice(0, withPercent.length);
    const rest = quantities.slice(withPercent.length);
    const tail =
      withPercent.length === 1
        ? fill(t.single, { percent: withPercent[0].percent })
        : fill(t.together, {
            percents: join(
              withPercent.map((i) => i.percent),
              t.percentSeparator,
            ),
          });
    const sentence = [...join(head, t.clause), ...tail];
    return rest.length ? [...sentence, { kind: "text", text: t.clause }, ...join(rest, t.clause)] : sentence;
  }
  return join(
    ordered.map((item, k) => (item.percent.length ? [...quantities[k], ...fill(t.single, { percent: item.percent })] : quantities[k])),
    t.clause,
  );
}

function indicatorParagraph(input: DraftInput, t: ReportTemplate, pieces: Pieces): Piece[] | null {
  const known = new Set(t.groups.flatMap((g) => g.items));
  const items: Item[] = stationIndicators(input.report)
    .filter((i) => i.completed !== null && !(i.indicator == null && /合计|总计|小计/.test(i.label)))
    .map((ind) => ({
      ind,
      id: ind.indicator ?? null,
      n: pieces.number(ind.sheet, ind.completedCell, ind.completed),
      percent: pieces.percent(ind),
    }))
    .filter((i) => i.n.length && (i.id !== null || i.ind.label !== ""));
  const sentences: Piece[][] = [];
  for (const group of t.groups) {
    const members = items.filter((i) => (i.id !== null && group.items.includes(i.id)) || (group.others && (i.id === null || !known.has(i.id))));
    members.sort((a, b) => {
      const ia = a.id !== null && group.items.includes(a.id) ? group.items.indexOf(a.id) : group.items.length;
      const ib = b.id !== null && group.items.includes(b.id) ? group.items.indexOf(b.id) : group.items.length;
      return ia - ib;
    });
    if (members.length) sentences.push(groupSentence(t, group, members, pieces));
  }
  if (!sentences.length) return null;
  const staffTotal = input.staffing.map((s) => atEndTotal(s)).find((n) => n !== null) ?? null;
  const opening = staffTotal !== null ? fill(t.staffAtEnd, { n: String(staffTotal) }) : [];
  const windowText = input.window ? fill(t.window, { months: String(monthsIn(input.window)) }) : fill(t.noWindow, {});
  return compact([...opening, ...join(sentences, t.sentence), { kind: "text", text: t.end }, ...windowText]);
}

const UNCERTIFIED = "非持证";

function atEndTotal(s: StaffingFigures): number | null {
  if (!s.atEnd) return null;
  const values = Object.values(s.atEnd).filter((n) => Number.isFinite(n));
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

function percentLiteral(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(12))}%`;
}

function staffingParagraphs(s: StaffingFigures, t: ReportTemplate, pieces: Pieces): Piece[][] {
  const st = t.staffing;
  const out: Piece[][] = [];
  const classes: Piece[][] = [];
  for (const kind of ["certified", "all"] as const) {
    const c = s.classes.find((x) => x.class === kind);
    if (!c || c.actual === null) continue;
    const parts: Piece[][] = [];
    if (c.required !== null) parts.push(fill(st.required, { n: pieces.number(s.sheet, c.requiredCell, c.required, "0") }));
    parts.push(fill(st.actual, { n: pieces.number(s.sheet, c.actualCell, c.actual, "0") }));
    if (c.surplus !== null) {
      const word = pieces.choice(s.sheet, c.surplusCell, c.surplus, 0, st.surplus, st.shortfall);
      parts.push(fill(st.surplusPhrase, { word, n: pieces.number(s.sheet, c.surplusCell, c.surplus, "abs0") }));
    }
    classes.push([{ kind: "text", text: st.classes[kind] }, ...join(parts, t.clause)]);
  }
  if (classes.length) out.push(fill(st.afterClasses, { classes: join(classes, st.classSeparator) }));
  if (s.atEnd) {
    const grades = st.mixGrades.filter((g) => (s.atEnd?.[g.key] ?? 0) > 0).map((g) => fill(g.text, { n: String(s.atEnd?.[g.key]) }));
    const certified = st.mixGrades.reduce((a, g) => a + (s.atEnd?.[g.key] ?? 0), 0);
    const uncertified = s.atEnd[UNCERTIFIED] ?? 0;
    const total = atEndTotal(s) ?? 0;
    if (total > 0) {
      out.push(
        fill(st.mix, {
          certified: String(certified),
          grades: grades.length ? fill(st.mixList, { list: join(grades, st.mixSeparator, st.mixAnd) }) : "",
          uncertified: uncertified > 0 ? fill(st.mixUncertified, { n: String(uncertified) }) : "",
          total: String(total),
        }),
      );
    }
  }
  const r = s.retention;
  if (r && r.rate !== null) {
    out.push(
      fill(st.retention, {
        stayed: r.stayed !== null ? String(r.stayed) : "",
        rate: pieces.number(s.sheet, r.cell, r.rate, "0.00%"),
        verdict: pieces.choice(s.sheet, r.cell, r.rate, r.threshold, st.meets, st.fails),
        threshold: percentLiteral(r.threshold),
      }),
    );
  }
  return out;
}

function resultParagraphs(score: ScoreReport, t: ReportTemplate, pieces: Pieces): DraftParagraph[] {
  const out: DraftParagraph[] = [];
  const parties = PARTY_ORDER.map((id) => score.parties.find((p) => p.party === id)).filter(
    (p): p is NonNullable<typeof p> => !!p && p.score !== null && p.points !== null,
  );
  parties.forEach((p, k) => {
    // on the 100-point scale the sheet's score is not what adds up to the total: say the points
    const value = score.mode === "points" ? pieces.number(score.sheet, p.cell, p.score, "0.00") : pieces.number(score.sheet, null, p.points, "0.00");
    const pieces2 = fill(t.result.party, { number: t.partNumbers[k] ?? "", party: t.result.parties[p.party], score: value });
    out.push({ id: `result.${p.party}`, text: piecesText(pieces2), pieces: pieces2 });
  });
  if (score.total !== null && parties.length) {
    const count = t.result.counts[parties.length - 1] ?? String(parties.length);
    const total = pieces.number(score.sheet, score.totalCell, score.total, "general");
    const line = score.grade
      ? fill(t.result.total, { count, total, grade: pieces.text(score.sheet, score.gradeCell, score.grade) })
      : fill(t.result.totalNoGrade, { count, total });
    out.push({ id: "result.total", text: piecesText(line), pieces: line });
  }
  return out;
}

function appendixTable(input: DraftInput, t: ReportTemplate, pieces: Pieces): DraftTable | null {
  const { report } = input;
  const hasTotal = new Set(report.indicators.filter((i) => i.area === "合计").map((i) => `${i.sheet}!${i.labelCell ?? i.targetCell}`));
  const rows = report.indicators.filter((i) => !i.area || i.area === "合计" || !hasTotal.has(`${i.sheet}!${i.labelCell ?? i.targetCell}`));
  if (!rows.length) return null;
  const cell = (p: Piece[], numberFormat?: string): DraftCell => {
    const only = p.length === 1 ? p[0] : null;
    const text = piecesText(p);
    if (only && only.kind === "number") return { text, value: only.value, ref: { sheet: only.sheet, cell: only.cell }, numberFormat };
    if (only && only.kind === "cellText") return { text, value: only.value, ref: { sheet: only.sheet, cell: only.cell } };
    return { text, value: text || null };
  };
  const numberCell = (i: IndicatorReport, at: string, value: number | null): DraftCell => {
    const p = pieces.number(i.sheet, at, value);
    const only = p[0];
    if (only && only.kind === "number") return { text: piecesText(p), value: only.value, ref: { sheet: only.sheet, cell: only.cell } };
    return { text: piecesText(p), value: value };
  };
  return {
    columns: t.appendix.columns,
    rows: rows.map((i) => {
      // an area's or a period's row is named with it: 建档（一片区）, 建档（中期）
      const group = i.area && i.area !== "合计" ? i.area : (i.period ?? null);
      const label = i.label ? (group ? `${i.label}（${group}）` : i.label) : indicatorName(i, input.lang);
      const labelCell = i.label && !group ? cell(pieces.text(i.sheet, i.labelCell, i.label)) : { text: label, value: label };
      const percent = pieces.percent(i);
      const percentCell: DraftCell =
        percent.length === 1 && percent[0].kind === "number"
          ? { text: piecesText(percent), value: percent[0].value, ref: { sheet: i.sheet, cell: percent[0].cell }, numberFormat: "0.00%" }
          : { text: piecesText(percent), value: i.percent, numberFormat: "0.00%" };
      return [
        labelCell,
        { text: i.unit ?? "", value: i.unit ?? null },
        numberCell(i, i.targetCell, i.target),
        numberCell(i, i.completedCell, i.completed),
        percentCell,
        { text: notesFor(i, report.findings), value: notesFor(i, report.findings) || null },
      ];
    }),
  };
}

function notesFor(i: IndicatorReport, findings: Finding[]): string {
  const cells = new Set([i.labelCell, i.targetCell, i.completedCell, i.percentCell].filter((c): c is string => !!c));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of findings) {
    if (f.sheet !== i.sheet || !cells.has(f.cell) || !QUESTIONING.test(f.code) || seen.has(f.message)) continue;
    seen.add(f.message);
    out.push(f.message);
  }
  return out.join("；");
}

function paragraph(id: string, pieces: Piece[]): DraftParagraph {
  const p = compact(pieces);
  return { id, text: piecesText(p), pieces: p };
}

/**
 * Draft the figures of the evaluation report from what the run computed. Sentences whose figures
 * are missing or could not be computed are left out; a draft with nothing to say has no sections.
 */
export function draftReport(input: DraftInput): ReportDraft {
  const t = REPORT_TEMPLATES[input.lang];
  const pieces = new Pieces(input);
  const sections: DraftSection[] = [];
  const parts: DraftSection[] = [];
  const heading = (text: string) => fill(text, { part: t.partNumbers[parts.length] ?? "" });

  const staffing = input.staffing.flatMap((s, k) => staffingParagraphs(s, t, pieces).map((p, j) => paragraph(`staffing.${k + 1}.${j + 1}`, p)));
  if (staffing.length) parts.push({ id: "staffing", level: 2, heading: piecesText(heading(t.headings.staffing)), paragraphs: staffing });
  const indicators = indicatorParagraph(input, t, pieces);
  if (indicators)
    parts.push({ id: "indicators", level: 2, heading: piecesText(heading(t.headings.indicators)), paragraphs: [paragraph("indicators.1", indicators)] });
  if (parts.length) sections.push({ id: "assessment", level: 1, heading: t.headings.assessment, paragraphs: [] }, ...parts);

  const score = input.report.scores[0];
  const result = score ? resultParagraphs(score, t, pieces) : [];
  if (result.length) sections.push({ id: "result", level: 1, heading: t.headings.result, paragraphs: result });

  const table = appendixTable(input, t, pieces);
  if (table) sections.push({ id: "appendix", level: 1, heading: t.headings.appendix, paragraphs: [], table });

  const station = input.report.station;
  return { lang: input.lang, title: station ? piecesText(fill(t.title, { station })) : t.titleNoStation, sections };
}
