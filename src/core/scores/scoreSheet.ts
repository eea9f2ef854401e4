import { a1 } from "../a1";
import { finding, type Lang } from "../findings";
import { parseQuantity } from "../quantity";
import { excelRound, excelSum } from "../round";
import { detectTables } from "../tables/detect";
import { cellOf, type Pos, type TableModel } from "../tables/model";
import { cellText } from "../text";
export { partyOf } from "../tables/parties";
export { DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS } from "./defaults";
import type { Finding, GradeBand, PartyId, PartyWeights, PlanCell, ScorePartyReport, ScoreReport, SheetSnapshot } from "../types";

const PARTY_NAMES: Record<PartyId, { zh: string; en: string }> = {
  buyer: { zh: "购买方", en: "Buyer" },
  supervisor: { zh: "监督方", en: "Supervisor" },
  "supervision-centre": { zh: "督导中心", en: "Supervision centre" },
  "third-party": { zh: "第三方", en: "Third party" },
};

export interface ScoreWrite {
  sheet: string;
  row: number;
  col: number;
  cell: PlanCell;
}

export interface ScoreResult {
  report: ScoreReport;
  findings: Finding[];
  writes: ScoreWrite[];
}

export interface ScoreOptions {
  lang: Lang;
  weights: PartyWeights;
  bands: GradeBand[];
  liveFormulas: boolean;
}

function gradeFor(total: number, bands: GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => total >= b.min) ?? sorted[sorted.length - 1]).grade;
}

function gradeFormula(ref: string, bands: GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  let expr = `"${sorted[sorted.length - 1].grade}"`;
  for (let i = sorted.length - 2; i >= 0; i--) expr = `IF(${ref}>=${sorted[i].min},"${sorted[i].grade}",${expr})`;
  return `=IF(${ref}="","",${expr})`;
}

/** Find a four-party score table on a sheet and assess it; null when the sheet has none. */
export function assessScoreSheet(sheet: SheetSnapshot, opts: ScoreOptions): ScoreResult | null {
  const model = detectTables(sheet).find((m) => m.kind === "scores");
  return model ? assessScoreTable(model, sheet, opts) : null;
}

/**
 * Score one table model: the parties' weights and scores, the total and the grade. Every
 * position is the model's, so a table laid across is scored like one laid down.
 */
export function assessScoreTable(model: TableModel, sheet: SheetSnapshot, opts: ScoreOptions): ScoreResult | null {
  const labelLine = model.lines.find((l) => l.role === "label");
  const scoreLine = model.lines.find((l) => l.role === "score");
  const weightLine = model.lines.find((l) => l.role === "weight") ?? null;
  if (!labelLine || !scoreLine) return null;
  const at = (rec: number, line: number): Pos => cellOf(model, rec, line);
  const value = (p: Pos) => sheet.values[p.row]?.[p.col] ?? null;
  const partyRecs = model.records.filter((r) => r.role === "party" && r.party);
  if (partyRecs.length < 2) return null;
  const rows = partyRecs.map((r) => ({ party: r.party as PartyId, name: cellText(value(at(r.at, labelLine.at))), rec: r.at }));
  const first = at(partyRecs[0].at, labelLine.at);
  const lang = opts.lang;
  const findings: Finding[] = [];
  const s = sheet.name;
  const firstScore = at(partyRecs[0].at, scoreLine.at);

  const parties: (ScorePartyReport & { scorePos: Pos; weightPos: Pos | null; weightFromCell: "fraction" | "percent-points" | null })[] = rows.map((p) => {
    let weight = opts.weights[p.party];
    let weightFromCell: "fraction" | "percent-points" | null = null;
    const weightPos = weightLine ? at(p.rec, weightLine.at) : null;
    if (weightPos) {
      const wq = parseQuantity(value(weightPos), sheet.numberFormats?.[weightPos.row]?.[weightPos.col]);
      if (wq.kind === "number") {
        // a bare 20 under 权重（%） or above 1 is in percentage points
        const points = !wq.percent && (wq.value > 1 || (weightLine?.percentPoints ?? false));
        weight = points ? wq.value / 100 : wq.value;
        weightFromCell = typeof value(weightPos) === "number" ? (points ? "percent-points" : "fraction") : null;
      }
    }
    const scorePos = at(p.rec, scoreLine.at);
    const q = parseQuantity(value(scorePos), sheet.numberFormats?.[scorePos.row]?.[scorePos.col]);
    const score = q.kind === "number" ? q.value : null;
    if (q.kind === "blank") findings.push(finding("score-missing", s, scorePos.row, scorePos.col, { party: p.name }, lang));
    if (q.kind === "text") findings.push(finding("not-a-number", s, scorePos.row, scorePos.col, { text: q.text.slice(0, 40) }, lang));
    if (q.kind === "error") findings.push(finding("cell-error", s, scorePos.row, scorePos.col, { text: q.text }, lang));
    return { name: p.name, party: p.party, weight, score, points: null, cell: a1(scorePos.row, scorePos.col), scorePos, weightPos, weightFromCell };
  });

  for (const id of Object.keys(PARTY_NAMES) as PartyId[]) {
    if (!parties.some((p) => p.party === id)) findings.push(finding("party-missing", s, first.row, first.col, { party: PARTY_NAMES[id] }, lang));
  }
  const weightSum =
    excelSum(parties.map((p) => p.weight)) +
    excelSum((Object.keys(PARTY_NAMES) as PartyId[]).filter((id) => !parties.some((p) => p.party === id)).map((id) => opts.weights[id]));
  if (Math.abs(weightSum - 1) > 1e-9) {
    const where = parties[0].weightPos ?? first;
    findings.push(finding("weights-not-100", s, where.row, where.col, { sum: `${excelRound(weightSum * 100, 2)}%` }, lang));
  }

  // A score above its party's maximum points can only be on the 100-point scale; so can a 得分（百分制） header.
  const mode: ScoreReport["mode"] = model.scale100 || parties.some((p) => p.score !== null && p.score > p.weight * 100 + 1e-9) ? "scale100" : "points";
  findings.push(
    finding(
      "score-mode-assumed",
      s,
      firstScore.row,
      firstScore.col,
      {
        mode:
          mode === "points"
            ? { en: "Scores read as points (each party at most its weight × 100); total = sum", zh: "按“分值”计：各方得分不超过其权重×100，总分为四项之和" }
            : { en: "Scores read on the 100-point scale; total = Σ weight × score", zh: "按百分制计：总分为各方得分×权重之和" },
      },
      lang,
    ),
  );
  for (const p of parties) {
    if (p.score === null) continue;
    const max = mode === "points" ? excelRound(p.weight * 100, 2) : 100;
    if (p.score < 0 || p.score > max + 1e-9)
      findings.push(finding("score-out-of-range", s, p.scorePos.row, p.scorePos.col, { party: p.name, score: p.score, max }, lang));
    p.points = mode === "points" ? p.score : Number((p.weight * p.score).toPrecision(15));
  }
  const complete = parties.every((p) => p.score !== null);
  const total = parties.some((p) => p.points !== null) ? excelRound(excelSum(parties.map((p) => p.points ?? 0)), 2) : null;
  const grade = total !== null && complete ? gradeFor(total, opts.bands) : null;

  // 总分 and 等级: a record of their own, a labelled cell beside or below, or new records after the last.
  const writes: ScoreWrite[] = [];
  const recordOf = (role: "total" | "grade") => model.records.find((r) => r.role === role);
  let totalPos: Pos | null = recordOf("total") ? at((recordOf("total") as { at: number }).at, scoreLine.at) : (model.totalCell ?? null);
  let gradePos: Pos | null = recordOf("grade") ? at((recordOf("grade") as { at: number }).at, scoreLine.at) : (model.gradeCell ?? null);
  const blank = (p: Pos) => {
    const v = value(p);
    return v === null || v === "";
  };
  const lastRec = Math.max(...model.records.map((r) => r.at));
  const freeRecord = (from: number) => {
    let r = from;
    while (!blank(at(r, labelLine.at)) || !blank(at(r, scoreLine.at))) r++;
    return r;
  };
  let next = lastRec + 1;
  if (!totalPos) {
    const rec = freeRecord(next);
    totalPos = at(rec, scoreLine.at);
    const lp = at(rec, labelLine.at);
    writes.push({ sheet: s, row: lp.row, col: lp.col, cell: { value: lang === "en" ? "Total" : "总分" } });
    next = rec + 1;
  }
  if (!gradePos) {
    const rec = freeRecord(Math.max(next, (model.orientation === "down" ? totalPos.row : totalPos.col) + 1));
    gradePos = at(rec, scoreLine.at);
    const lp = at(rec, labelLine.at);
    writes.push({ sheet: s, row: lp.row, col: lp.col, cell: { value: lang === "en" ? "Grade" : "等级" } });
  }
  const totalRef = a1(totalPos.row, totalPos.col);
  const terms = parties.map((p) => {
    const ref = a1(p.scorePos.row, p.scorePos.col);
    if (mode === "points") return ref;
    const w = p.weightPos ? a1(p.weightPos.row, p.weightPos.col) : null;
    if (w && p.weightFromCell === "fraction") return `${w}*${ref}`;
    if (w && p.weightFromCell === "percent-points") return `${w}/100*${ref}`;
    return `${p.weight}*${ref}`;
  });
  const totalCell: PlanCell = opts.liveFormulas
    ? { value: total, formula: `=ROUND(${terms.join("+")},2)`, numberFormat: "0.00" }
    : { value: total, numberFormat: "0.00" };
  const gradeCell: PlanCell = opts.liveFormulas
    ? { value: grade ?? (total !== null ? gradeFor(total, opts.bands) : ""), formula: gradeFormula(totalRef, opts.bands) }
    : { value: grade };
  // The live grade formula grades whatever total the cells give, so its cached value must too.
  if (opts.liveFormulas && total !== null) gradeCell.value = gradeFor(total, opts.bands);
  writes.push({ sheet: s, row: totalPos.row, col: totalPos.col, cell: totalCell });
  writes.push({ sheet: s, row: gradePos.row, col: gradePos.col, cell: gradeCell });

  return {
    report: {
      sheet: s,
      mode,
      parties: parties.map(({ name, party, weight, score, points, cell }) => ({ name, party, weight, score, points, cell })),
      total,
      grade: grade ?? (total !== null ? gradeFor(total, opts.bands) : null),
      totalCell: totalRef,
      gradeCell: a1(gradePos.row, gradePos.col),
    },
    findings,
    writes,
  };
}
