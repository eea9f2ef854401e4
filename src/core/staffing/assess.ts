import { a1, columnLetters, parseA1 } from "../a1";
import { readDate, serialOf, type Period, type Ymd } from "../dates";
import { finding, type Lang } from "../findings";
import { readCount } from "../numerals";
import { formatPercent } from "../quantity";
import { cellText, normaliseHeader, toHalfWidth } from "../text";
import type { CellValue, CertLevel, Finding, PlanCell, SheetSnapshot, StaffClass, StaffingClassReport, StaffingReport } from "../types";
import type { MonthColumn, StaffingTable } from "./detect";
import {
  CERT_GENERIC,
  CERT_LEVELS,
  CERT_PATTERNS,
  CONTRACT_WORDS,
  CONTRACTED_ALL,
  CONTRACTED_CERTIFIED,
  DEFAULT_RETENTION_THRESHOLD,
  OFF_POST_MARKS,
  ON_POST_MARKS,
  staffClassOf,
} from "./vocabulary";

export interface StaffingContext {
  lang: Lang;
  liveFormulas: boolean;
  /** the evaluation window */
  evaluation: Period | null;
  contract: Period | null;
  asOf: string | null;
  /** headcounts from the settings; they win over the sheet's own contract line */
  staff: { all: number | null; certified: number | null } | null;
  retentionThreshold: number | null;
}

export interface StaffingWrite {
  sheet: string;
  row: number;
  col: number;
  cell: PlanCell;
}

export interface StaffingResult {
  report: StaffingReport | null;
  findings: Finding[];
  writes: StaffingWrite[];
}

/** The title of the results block; a re-run finds its own block by it and rewrites it in place. */
export const BLOCK_TITLE = { zh: "到岗统计（评估助手计算）", en: "Staffing (computed by shuangbai)" };

type Mark = "on" | "off" | "unknown";

function markOf(v: CellValue): Mark {
  if (v === null || v === "" || typeof v === "boolean") return "off";
  if (typeof v === "number") return v === 1 ? "on" : "off";
  const t = v.trim();
  if (t === "") return "off";
  if (ON_POST_MARKS.includes(t)) return "on";
  if (OFF_POST_MARKS.includes(toHalfWidth(t))) return "off";
  return "unknown";
}

interface Cert {
  level: CertLevel | null;
  certified: boolean | null;
}

/** The qualification a 持证情况 cell states; certified null when the text says nothing we know. */
export function readCert(v: CellValue): Cert {
  const t = toHalfWidth(cellText(v)).replace(/\s+/g, "");
  if (!t) return { level: null, certified: null };
  for (const p of CERT_PATTERNS) if (p.re.test(t)) return { level: p.level, certified: p.level !== "非持证" };
  if (CERT_GENERIC.test(t)) return { level: null, certified: true };
  return { level: null, certified: null };
}

function ym(y: number | null, m: number): string {
  return y === null ? String(m).padStart(2, "0") : `${y}-${String(m).padStart(2, "0")}`;
}

function monthsBetween(start: string, end: string): { y: number; m: number }[] {
  const [y1, m1] = start.split("-").map(Number);
  const [y2, m2] = end.split("-").map(Number);
  const out: { y: number; m: number }[] = [];
  for (let y = y1, m = m1; y < y2 || (y === y2 && m <= m2); m === 12 ? ((m = 1), y++) : m++) out.push({ y, m });
  return out;
}

function lastDay(y: number, m: number): Ymd {
  return { y, m, d: new Date(Date.UTC(y, m, 0)).getUTCDate() };
}

/** The count the first matching pattern captures (20, ２０, 二十), else null. */
function firstCount(patterns: readonly RegExp[], text: string): number | null {
  for (const re of patterns) {
    const m = re.exec(text);
    const n = m ? readCount(m[1]) : null;
    if (n !== null) return n;
  }
  return null;
}

/** Contracted headcounts from a line such as 合同约定：配备社工20名，其中持证社工不少于10名. */
export function contractedFromSheet(sheet: SheetSnapshot): { all: number | null; certified: number | null; row: number; col: number } | null {
  for (let r = 0; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || v.length > 300) continue;
      const t = toHalfWidth(v).replace(/\s+/g, "");
      if (!CONTRACT_WORDS.test(t)) continue;
      const all = firstCount(CONTRACTED_ALL, t);
      const certified = firstCount(CONTRACTED_CERTIFIED, t);
      if (all !== null || certified !== null) return { all, certified, row: r, col: c };
    }
  }
  return null;
}

function q(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** an array constant of the exact cell texts MATCH should find */
function textList(texts: string[]): string {
  return `{${texts.map(q).join(",")}}`;
}

const MARK_LIST = `{${ON_POST_MARKS.map((m) => (typeof m === "number" ? String(m) : q(m))).join(",")}}`;

interface Worker {
  row: number;
  certText: string;
  cert: Cert;
  /** on post per assessed month */
  on: boolean[];
}

/** The figures of one staffing table, the cells they go to, and the findings on their cells. */
export function assessStaffing(sheet: SheetSnapshot, table: StaffingTable, ctx: StaffingContext): StaffingResult {
  const { lang } = ctx;
  const s = sheet.name;
  const findings: Finding[] = [];
  const base = ctx.evaluation ?? ctx.contract;
  const at = (r: number, c: number): CellValue => sheet.values[r]?.[c] ?? null;

  // 1. the assessed months
  let monthCols: (MonthColumn & { key: string; y: number | null })[] = [];
  let dateMonths: { y: number; m: number }[] = [];
  const dateMode = table.months.length === 0;
  if (!dateMode) {
    const [y0, m0] = base ? base.start.split("-").map(Number) : [null, null];
    monthCols = table.months.map((m) => {
      const y = m.year ?? (y0 !== null && m0 !== null ? (m.month >= m0 ? y0 : y0 + 1) : null);
      return { ...m, y, key: ym(y, m.month) };
    });
    if (ctx.evaluation && monthCols.every((m) => m.y !== null)) {
      const from = ctx.evaluation.start.slice(0, 7);
      const to = ctx.evaluation.end.slice(0, 7);
      const inside = monthCols.filter((m) => m.key >= from && m.key <= to);
      if (inside.length) monthCols = inside;
    } else {
      // months not reached yet are blank columns at the right end
      while (monthCols.length > 1 && table.rows.every((r) => cellText(at(r, monthCols[monthCols.length - 1].col)) === "")) monthCols.pop();
    }
  } else {
    if (ctx.evaluation) dateMonths = monthsBetween(ctx.evaluation.start, ctx.evaluation.end);
    else if (ctx.contract && ctx.asOf && ctx.asOf >= ctx.contract.start) dateMonths = monthsBetween(ctx.contract.start, ctx.asOf);
    if (!dateMonths.length) {
      findings.push(finding("staffing-no-months", s, table.headerRow, table.nameCol, {}, lang));
      return { report: null, findings, writes: [] };
    }
  }
  const months = dateMode ? dateMonths.map((m) => ym(m.y, m.m)) : monthCols.map((m) => m.key);
  const n = months.length;

  // 2. each worker's qualification and months on post
  let datesAreSerials = true;
  const workers: Worker[] = table.rows.map((r) => {
    const certValue = at(r, table.certCol);
    const certText = typeof certValue === "string" ? certValue : cellText(certValue);
    const cert = readCert(certValue);
    if (!cellText(certValue)) findings.push(finding("staff-cert-missing", s, r, table.certCol, { row: r + 1 }, lang));
    else if (cert.certified === null) findings.push(finding("staff-cert-unknown", s, r, table.certCol, { text: cellText(certValue).slice(0, 20) }, lang));
    let on: boolean[];
    if (!dateMode) {
      on = monthCols.map((m) => {
        const v = at(r, m.col);
        const mark = markOf(v);
        if (mark === "unknown") findings.push(finding("staff-mark-unknown", s, r, m.col, { mark: cellText(v).slice(0, 10) }, lang));
        return mark === "on";
      });
    } else {
      const entryV = table.entryCol === null ? null : at(r, table.entryCol);
      const exitV = table.exitCol === null ? null : at(r, table.exitCol);
      for (const v of [entryV, exitV]) if (v !== null && v !== "" && typeof v !== "number") datesAreSerials = false;
      const entry = entryV === null || entryV === "" ? null : readDate(entryV);
      const exit = exitV === null || exitV === "" ? null : readDate(exitV);
      // on post in a month when in post on its last day (leaving that day still counts) [inferred]
      on = dateMonths.map((m) => {
        const end = serialOf(lastDay(m.y, m.m));
        return (entry === null || serialOf(entry) <= end) && (exit === null || serialOf(exit) >= end);
      });
    }
    return { row: r, certText, cert, on };
  });

  // 3. the figures
  const contracted = contractedHeadcounts(sheet, table, ctx, findings);
  const isCertified = (w: Worker) => w.cert.certified === true;
  const actual = { all: 0, certified: 0 };
  for (const w of workers) {
    const k = w.on.filter(Boolean).length;
    actual.all += k;
    if (isCertified(w)) actual.certified += k;
  }
  const stayed = workers.filter((w) => n > 0 && w.on.every(Boolean)).length;
  const atEnd: Record<CertLevel, number> = { 高级社工师: 0, 中级社工师: 0, 助理社工师: 0, 非持证: 0 };
  let onAtEnd = 0;
  for (const w of workers) {
    if (!n || !w.on[n - 1]) continue;
    onAtEnd++;
    if (w.cert.level) atEnd[w.cert.level]++;
  }
  const threshold = ctx.retentionThreshold ?? DEFAULT_RETENTION_THRESHOLD;
  const required = {
    all: contracted.all === null ? null : contracted.all * n,
    certified: contracted.certified === null ? null : contracted.certified * n,
  };
  const rate = contracted.all ? stayed / contracted.all : null;

  // 4. formulas over the table's own cells
  const live = ctx.liveFormulas && (!dateMode || datesAreSerials) && workers.length > 0;
  const r1 = workers.length ? workers[0].row : table.lastHeaderRow + 1;
  const r2 = workers.length ? workers[workers.length - 1].row : r1;
  const colRange = (c: number) => `$${columnLetters(c)}$${r1 + 1}:$${columnLetters(c)}$${r2 + 1}`;
  const onTerms: string[] = dateMode
    ? dateMonths.map((m) => {
        const L = serialOf(lastDay(m.y, m.m));
        const e = table.entryCol === null ? null : colRange(table.entryCol);
        const x = table.exitCol === null ? null : colRange(table.exitCol);
        const inn = e ? `(${e}<=${L})` : "1";
        const stay = x ? `((${x}="")+(${x}>=${L})>0)` : "1";
        return `(${inn}*${stay})`;
      })
    : monthCols.map((m) => `ISNUMBER(MATCH(${colRange(m.col)},${MARK_LIST},0))`);
  const certRange = colRange(table.certCol);
  const textsOf = (pred: (w: Worker) => boolean) => [...new Set(workers.filter(pred).map((w) => w.certText))];
  const certTexts = textsOf(isCertified);
  const match = (texts: string[]) => `ISNUMBER(MATCH(${certRange},${textList(texts)},0))`;
  const sumOn = `(${onTerms.join("+")})`;
  const monthCount = monthCountExpr(table, monthCols, dateMode, n);
  const expr = {
    actualAll: `SUMPRODUCT(${sumOn}*1)`,
    actualCertified: certTexts.length ? `SUMPRODUCT(${match(certTexts)}*${sumOn})` : "0",
    stayed: `SUMPRODUCT((${sumOn}=${n})*1)`,
    required: (k: number) => `${k}*${monthCount}`,
    level: (level: CertLevel) => {
      const texts = textsOf((w) => w.cert.level === level);
      return texts.length && n ? `SUMPRODUCT(${match(texts)}*${onTerms[n - 1]})` : "0";
    },
    onAtEnd: n ? `SUMPRODUCT(${onTerms[n - 1]}*1)` : "0",
  };

  const writes: StaffingWrite[] = [];
  const cellFor = (row: number, col: number, value: number | string | null, formula: string | null, numberFormat?: string) => {
    const cell: PlanCell = { value };
    if (live && formula !== null) cell.formula = `=${formula}`;
    if (numberFormat) cell.numberFormat = numberFormat;
    writes.push({ sheet: s, row, col, cell });
  };

  const place = placeResults(sheet, table);
  const classNames = (k: StaffClass) =>
    k === "certified" ? { zh: "持证社工", en: "Certified social workers" } : { zh: "社工（持证+非持证）", en: "All social workers" };
  const classLabel = (k: StaffClass) => classNames(k)[lang];
  const classes: StaffingClassReport[] = [];
  let rateCell: { row: number; col: number } | null = null;
  let mixCell: { row: number; col: number } | null = null;

  if (place.kind === "block") {
    const { row: br, col: bc } = place;
    const text = (row: number, col: number, value: string) => writes.push({ sheet: s, row, col, cell: { value } });
    const L = lang === "en";
    text(br, bc, BLOCK_TITLE[lang]);
    text(br + 1, bc, L ? "Item" : "项目");
    text(br + 1, bc + 1, classLabel("certified"));
    text(br + 1, bc + 2, classLabel("all"));
    const labels = L ? ["Required (person-months)", "Actual (person-months)", "Surplus (person-months)"] : ["应到岗人次", "实到岗人次", "超配人次"];
    labels.forEach((l, i) => text(br + 2 + i, bc, l));
    (["certified", "all"] as const).forEach((k, i) => {
      const col = bc + 1 + i;
      const req = required[k];
      const head = contracted[k];
      const reqRef = a1(br + 2, col);
      const actRef = a1(br + 3, col);
      if (req !== null && head !== null) cellFor(br + 2, col, req, expr.required(head));
      cellFor(br + 3, col, actual[k], k === "all" ? expr.actualAll : expr.actualCertified);
      if (req !== null) cellFor(br + 4, col, actual[k] - req, `${actRef}-${reqRef}`);
      classes.push({
        class: k,
        required: req,
        actual: actual[k],
        surplus: req === null ? null : actual[k] - req,
        requiredCell: req === null ? null : reqRef,
        actualCell: actRef,
        surplusCell: req === null ? null : a1(br + 4, col),
      });
    });
    text(br + 5, bc, L ? "On post every month" : "持续在岗人数");
    cellFor(br + 5, bc + 2, stayed, expr.stayed);
    text(br + 6, bc, L ? "Retention rate" : "稳岗率");
    if (rate !== null && contracted.all) {
      cellFor(br + 6, bc + 2, rate, `IFERROR(${a1(br + 5, bc + 2)}/${contracted.all},"")`, "0.00%");
      rateCell = { row: br + 6, col: bc + 2 };
    }
    text(br + 7, bc, L ? "Qualifications in the last month" : "期末月人员资质");
    CERT_LEVELS.forEach((level, i) => {
      text(br + 8 + i, bc, level);
      cellFor(br + 8 + i, bc + 2, atEnd[level], expr.level(level));
    });
    text(br + 12, bc, L ? "Total" : "合计");
    cellFor(br + 12, bc + 2, sumLevels(atEnd), `SUM(${a1(br + 8, bc + 2)}:${a1(br + 11, bc + 2)})`);
    text(br + 13, bc, L ? "On post in the last month" : "期末月在岗人数");
    cellFor(br + 13, bc + 2, onAtEnd, expr.onAtEnd);
    mixCell = { row: br + 12, col: bc + 2 };
  } else {
    const cells = place.cells;
    (["certified", "all"] as const).forEach((k) => {
      const req = required[k];
      const head = contracted[k];
      const reqAt = cells.required[k];
      const actAt = cells.actual[k];
      const surAt = cells.surplus[k];
      const actualExpr = k === "all" ? expr.actualAll : expr.actualCertified;
      if (reqAt && req !== null && head !== null) cellFor(reqAt.row, reqAt.col, req, expr.required(head));
      if (actAt) cellFor(actAt.row, actAt.col, actual[k], actualExpr);
      if (surAt && req !== null && head !== null) {
        const a = actAt ? a1(actAt.row, actAt.col) : `(${actualExpr})`;
        const b = reqAt ? a1(reqAt.row, reqAt.col) : `(${expr.required(head)})`;
        cellFor(surAt.row, surAt.col, actual[k] - req, `${a}-${b}`);
      }
      classes.push({
        class: k,
        required: req,
        actual: actual[k],
        surplus: req === null ? null : actual[k] - req,
        requiredCell: reqAt && req !== null ? a1(reqAt.row, reqAt.col) : null,
        actualCell: actAt ? a1(actAt.row, actAt.col) : a1(table.headerRow, table.nameCol),
        surplusCell: surAt && req !== null ? a1(surAt.row, surAt.col) : null,
      });
    });
    if (cells.stayed) cellFor(cells.stayed.row, cells.stayed.col, stayed, expr.stayed);
    if (cells.rate && rate !== null && contracted.all) {
      const num = cells.stayed ? a1(cells.stayed.row, cells.stayed.col) : `(${expr.stayed})`;
      cellFor(cells.rate.row, cells.rate.col, rate, `IFERROR(${num}/${contracted.all},"")`, "0.00%");
      rateCell = cells.rate;
    }
  }

  // 5. findings on the figures' cells
  for (const c of classes) {
    if (c.required !== null && c.actual < c.required) {
      const { row, col } = parseA1(c.actualCell);
      findings.push(finding("staffing-under", s, row, col, { class: classNames(c.class), actual: c.actual, required: c.required }, lang));
    }
  }
  if (rate !== null && rate + 1e-12 < threshold) {
    const p = rateCell ?? { row: table.headerRow, col: table.nameCol };
    findings.push(
      finding("retention-below", s, p.row, p.col, { rate: formatPercent(rate), threshold: formatPercent(threshold), stayed, base: contracted.all ?? 0 }, lang),
    );
  }
  if (n && sumLevels(atEnd) !== onAtEnd) {
    const p = mixCell ?? { row: table.headerRow, col: table.certCol };
    findings.push(finding("staffing-mix-mismatch", s, p.row, p.col, { sum: sumLevels(atEnd), total: onAtEnd }, lang));
  }

  const report: StaffingReport = {
    sheet: s,
    months,
    contracted,
    classes,
    retention: { stayed, base: contracted.all, rate, threshold, cell: rateCell ? a1(rateCell.row, rateCell.col) : null },
    atEnd,
  };
  return { report, findings, writes };
}

function sumLevels(m: Record<CertLevel, number>): number {
  return CERT_LEVELS.reduce((t, l) => t + m[l], 0);
}

/** COUNTA over the month headers when they are one contiguous run, else the count itself. */
function monthCountExpr(table: StaffingTable, cols: MonthColumn[], dateMode: boolean, n: number): string {
  if (dateMode || !cols.length) return String(n);
  const contiguous = cols.every((m, i) => i === 0 || m.col === cols[i - 1].col + 1);
  if (!contiguous) return String(n);
  const r = cols[0].row + 1;
  return `COUNTA($${columnLetters(cols[0].col)}$${r}:$${columnLetters(cols[cols.length - 1].col)}$${r})`;
}

function contractedHeadcounts(
  sheet: SheetSnapshot,
  table: StaffingTable,
  ctx: StaffingContext,
  findings: Finding[],
): { all: number | null; certified: number | null } {
  const fromSheet = contractedFromSheet(sheet);
  const all = ctx.staff?.all ?? fromSheet?.all ?? null;
  const certified = ctx.staff?.certified ?? fromSheet?.certified ?? null;
  if (all === null && certified === null) findings.push(finding("staffing-no-contract", sheet.name, table.headerRow, table.nameCol, {}, ctx.lang));
  return { all, certified };
}

type Pos = { row: number; col: number };
type ClassCells = Record<StaffClass, Pos | null>;
type Placement =
  | { kind: "block"; row: number; col: number }
  | { kind: "labelled"; cells: { required: ClassCells; actual: ClassCells; surplus: ClassCells; stayed: Pos | null; rate: Pos | null } };

/** The nearest text left of a cell in its row: the row label of a figures grid. */
function rowLabel(sheet: SheetSnapshot, r: number, c: number): string {
  for (let cc = c - 1; cc >= 0; cc--) {
    const v = sheet.values[r]?.[cc];
    if (typeof v === "string" && v.trim()) return normaliseHeader(v);
  }
  return "";
}

function isValueSlot(v: CellValue): boolean {
  return v === null || v === "" || typeof v === "number" || (typeof v === "string" && /^\s*[\d.]+\s*%?\s*$/.test(v));
}

/**
 * Where the figures go: our own block from an earlier run; else the cells the sheet labels
 * 应到岗 / 实到岗 / 超配 / 稳岗率 (the value beside or under each label); else a new block two
 * columns right of the table.
 */
function placeResults(sheet: SheetSnapshot, table: StaffingTable): Placement {
  const titles = new Set([BLOCK_TITLE.zh, BLOCK_TITLE.en]);
  const inTable = (r: number, c: number) => r >= table.headerRow && r <= (table.rows[table.rows.length - 1] ?? table.lastHeaderRow) && c <= table.lastCol;
  const labelled: Extract<Placement, { kind: "labelled" }>["cells"] = {
    required: { certified: null, all: null },
    actual: { certified: null, all: null },
    surplus: { certified: null, all: null },
    stayed: null,
    rate: null,
  };
  let any = false;
  for (let r = 0; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      if (titles.has(v.trim())) return { kind: "block", row: r, col: c };
      if (inTable(r, c) || v.length > 24) continue;
      const t = normaliseHeader(v);
      const kind = /应到岗/.test(t)
        ? "required"
        : /实到岗/.test(t)
          ? "actual"
          : /超配/.test(t)
            ? "surplus"
            : /稳岗率/.test(t)
              ? "rate"
              : /持续(稳定)?在岗|稳定在岗/.test(t)
                ? "stayed"
                : null;
      if (!kind) continue;
      // a column header of a figures grid: the class of each value below is its row's label
      if (kind !== "rate" && kind !== "stayed" && staffClassOf(t) === null) {
        let found = false;
        for (let rr = r + 1; rr <= r + 3; rr++) {
          const k = staffClassOf(rowLabel(sheet, rr, c));
          if (!k || !isValueSlot(sheet.values[rr]?.[c] ?? null)) break;
          labelled[kind][k] = labelled[kind][k] ?? { row: rr, col: c };
          found = any = true;
        }
        if (found) continue;
      }
      const right = sheet.values[r]?.[c + 1] ?? null;
      const below = sheet.values[r + 1]?.[c] ?? null;
      const slot = isValueSlot(right) ? { row: r, col: c + 1 } : isValueSlot(below) ? { row: r + 1, col: c } : null;
      if (!slot) continue;
      any = true;
      if (kind === "rate" || kind === "stayed") labelled[kind] = labelled[kind] ?? slot;
      else {
        const k: StaffClass = staffClassOf(t) === "certified" ? "certified" : "all";
        labelled[kind][k] = labelled[kind][k] ?? slot;
      }
    }
  }
  if (any && (labelled.actual.all || labelled.actual.certified)) return { kind: "labelled", cells: labelled };
  return { kind: "block", row: table.headerRow, col: table.lastCol + 2 };
}
