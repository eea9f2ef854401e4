import { a1 } from "../a1";
import { finding, type Lang } from "../findings";
import { parseQuantity } from "../quantity";
import { excelRound, excelSum } from "../round";
import { cellText, normaliseLabel } from "../text";
import type { Finding, GradeBand, PartyId, PartyWeights, PlanCell, ScorePartyReport, ScoreReport, SheetSnapshot } from "../types";

export const DEFAULT_WEIGHTS: PartyWeights = { buyer: 0.2, supervisor: 0.1, "supervision-centre": 0.15, "third-party": 0.55 };

export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { min: 90, grade: "优秀" },
  { min: 80, grade: "良好" },
  { min: 60, grade: "合格" },
  { min: Number.NEGATIVE_INFINITY, grade: "不合格" },
];

const PARTY_NAMES: Record<PartyId, { zh: string; en: string }> = {
  buyer: { zh: "购买方", en: "Buyer" },
  supervisor: { zh: "监督方", en: "Supervisor" },
  "supervision-centre": { zh: "督导中心", en: "Supervision centre" },
  "third-party": { zh: "第三方", en: "Third party" },
};

/** Which party a label names. 督导中心 is tested before 监督方 so 市督导中心 is never the supervisor. */
export function partyOf(label: string): PartyId | null {
  if (label.length > 60) return null;
  const t = normaliseLabel(label);
  if (!t || t.length > 40) return null;
  if (/督导中心|督导方/.test(t)) return "supervision-centre";
  if (/第三方|评估机构|专业评估/.test(t)) return "third-party";
  if (/监督方|民政局|民政部门/.test(t)) return "supervisor";
  if (/购买方|街道|镇人民政府|镇政府|街道办/.test(t)) return "buyer";
  return null;
}

function headerKind(v: string): "score" | "weight" | null {
  if (v.length > 30) return null;
  const t = normaliseLabel(v).replace(/\(.*\)$/, "");
  if (/^(得分|分数|评分|评估得分|评估分数|实际得分|分值得分)$/.test(t)) return "score";
  if (/^(权重|占比|比重|分值占比|权重占比|比例)$/.test(t)) return "weight";
  return null;
}

const TOTAL_LABEL = /^(总分|总得分|合计|总计|评估总分|合计得分|四方总分)$/;
const GRADE_LABEL = /^(等级|评估等级|评定等级|结果等级)$/;

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

interface PartyRow {
  party: PartyId;
  name: string;
  row: number;
  labelCol: number;
}

/** Find a four-party score table on a sheet and assess it; null when the sheet has none. */
export function assessScoreSheet(sheet: SheetSnapshot, opts: ScoreOptions): ScoreResult | null {
  const rows: PartyRow[] = [];
  const seen = new Set<PartyId>();
  const maxRows = Math.min(sheet.values.length, 400);
  for (let r = 0; r < maxRows; r++) {
    const cells = sheet.values[r] ?? [];
    for (let c = 0; c < Math.min(cells.length, 20); c++) {
      const v = cells[c];
      if (typeof v !== "string") continue;
      const party = partyOf(v);
      if (party && !seen.has(party)) {
        seen.add(party);
        rows.push({ party, name: cellText(v), row: r, labelCol: c });
        break;
      }
    }
  }
  if (rows.length < 2) return null;
  // Party names scattered over a long sheet (a roster's 街道 column, say) are no score table.
  if (Math.max(...rows.map((p) => p.row)) - Math.min(...rows.map((p) => p.row)) > 15) return null;
  const firstRow = Math.min(...rows.map((p) => p.row));
  const labelCol = rows[0].labelCol;

  // Score and weight columns from a header row above the parties; else the first number right of the label.
  let scoreCol: number | null = null;
  let weightCol: number | null = null;
  for (let r = firstRow - 1; r >= Math.max(0, firstRow - 5) && scoreCol === null; r--) {
    (sheet.values[r] ?? []).forEach((v, c) => {
      if (typeof v !== "string") return;
      const k = headerKind(v);
      if (k === "score" && scoreCol === null) scoreCol = c;
      if (k === "weight" && weightCol === null) weightCol = c;
    });
  }
  if (scoreCol === null) {
    for (const p of rows) {
      const cells = sheet.values[p.row] ?? [];
      for (let c = p.labelCol + 1; c < cells.length; c++) {
        if (parseQuantity(cells[c]).kind === "number") {
          scoreCol = c;
          break;
        }
      }
      if (scoreCol !== null) break;
    }
  }
  if (scoreCol === null) return null;
  const sc: number = scoreCol;
  const wc: number | null = weightCol;
  const lang = opts.lang;
  const findings: Finding[] = [];
  const s = sheet.name;

  const parties: (ScorePartyReport & { row: number; weightFromCell: "fraction" | "percent-points" | null })[] = rows.map((p) => {
    let weight = opts.weights[p.party];
    let weightFromCell: "fraction" | "percent-points" | null = null;
    if (wc !== null) {
      const wq = parseQuantity(sheet.values[p.row]?.[wc] ?? null, sheet.numberFormats?.[p.row]?.[wc]);
      if (wq.kind === "number") {
        weight = wq.percent || wq.value <= 1 ? wq.value : wq.value / 100;
        const raw = sheet.values[p.row]?.[wc];
        weightFromCell = typeof raw === "number" ? (wq.value <= 1 ? "fraction" : "percent-points") : null;
      }
    }
    const q = parseQuantity(sheet.values[p.row]?.[sc] ?? null, sheet.numberFormats?.[p.row]?.[sc]);
    const score = q.kind === "number" ? q.value : null;
    if (q.kind === "blank") findings.push(finding("score-missing", s, p.row, sc, { party: p.name }, lang));
    if (q.kind === "text") findings.push(finding("not-a-number", s, p.row, sc, { text: q.text.slice(0, 40) }, lang));
    if (q.kind === "error") findings.push(finding("cell-error", s, p.row, sc, { text: q.text }, lang));
    return { name: p.name, party: p.party, weight, score, points: null, cell: a1(p.row, sc), row: p.row, weightFromCell };
  });

  for (const id of Object.keys(PARTY_NAMES) as PartyId[]) {
    if (!parties.some((p) => p.party === id)) findings.push(finding("party-missing", s, firstRow, labelCol, { party: PARTY_NAMES[id] }, lang));
  }
  const weightSum =
    excelSum(parties.map((p) => p.weight)) +
    excelSum((Object.keys(PARTY_NAMES) as PartyId[]).filter((id) => !parties.some((p) => p.party === id)).map((id) => opts.weights[id]));
  if (Math.abs(weightSum - 1) > 1e-9) {
    findings.push(finding("weights-not-100", s, firstRow, wc ?? labelCol, { sum: `${excelRound(weightSum * 100, 2)}%` }, lang));
  }

  // A score above its party's maximum points can only be on the 100-point scale.
  const mode: ScoreReport["mode"] = parties.some((p) => p.score !== null && p.score > p.weight * 100 + 1e-9) ? "scale100" : "points";
  findings.push(
    finding(
      "score-mode-assumed",
      s,
      firstRow,
      sc,
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
    if (p.score < 0 || p.score > max + 1e-9) findings.push(finding("score-out-of-range", s, p.row, sc, { party: p.name, score: p.score, max }, lang));
    p.points = mode === "points" ? p.score : Number((p.weight * p.score).toPrecision(15));
  }
  const complete = parties.every((p) => p.score !== null);
  const total = parties.some((p) => p.points !== null) ? excelRound(excelSum(parties.map((p) => p.points ?? 0)), 2) : null;
  const grade = total !== null && complete ? gradeFor(total, opts.bands) : null;

  // 总分 and 等级: right of their labels, or new rows under the table.
  const lastRow = Math.max(...parties.map((p) => p.row));
  let totalPos: { row: number; col: number } | null = null;
  let gradePos: { row: number; col: number } | null = null;
  const writes: ScoreWrite[] = [];
  for (let r = firstRow; r < Math.min(sheet.values.length, lastRow + 10); r++) {
    const cells = sheet.values[r] ?? [];
    for (let c = 0; c < cells.length; c++) {
      const t = typeof cells[c] === "string" && (cells[c] as string).length < 30 ? normaliseLabel(cells[c] as string) : "";
      if (!t) continue;
      const valueCol = c === labelCol ? sc : c + 1;
      if (!totalPos && TOTAL_LABEL.test(t)) totalPos = { row: r, col: valueCol };
      else if (!gradePos && GRADE_LABEL.test(t)) gradePos = { row: r, col: valueCol };
    }
  }
  // New 总分 / 等级 rows go into the first rows below the table whose label and score cells are blank.
  const blank = (r: number, c: number) => {
    const v = sheet.values[r]?.[c];
    return v === null || v === undefined || v === "";
  };
  const freeRow = (from: number) => {
    let r = from;
    while (!blank(r, labelCol) || !blank(r, sc)) r++;
    return r;
  };
  if (!totalPos) {
    const row = freeRow(lastRow + 1);
    totalPos = { row, col: sc };
    writes.push({ sheet: s, row, col: labelCol, cell: { value: lang === "en" ? "Total" : "总分" } });
  }
  if (!gradePos) {
    const row = freeRow(totalPos.row + 1);
    gradePos = { row, col: sc };
    writes.push({ sheet: s, row, col: labelCol, cell: { value: lang === "en" ? "Grade" : "等级" } });
  }
  const totalRef = a1(totalPos.row, totalPos.col);
  const terms = parties.map((p) => {
    const ref = a1(p.row, sc);
    if (mode === "points") return ref;
    if (wc !== null && p.weightFromCell === "fraction") return `${a1(p.row, wc)}*${ref}`;
    if (wc !== null && p.weightFromCell === "percent-points") return `${a1(p.row, wc)}/100*${ref}`;
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
