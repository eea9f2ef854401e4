/**
 * Shapes no one wrote by hand: a seeded generator builds indicator tables from the role
 * vocabulary itself — any header word of each role, columns in any order, 序号 / 单位 / 备注
 * columns, category columns merged down, category rows (（一）兜底服务) between indicators, a
 * group or period over the figures, a unit row under the headers, preamble lines,
 * notes, spacer rows and columns, any offset from A1, laid down or across — and each must be
 * read: every record's percentage written into its own percent cell as completed ÷ target, a
 * declared one that disagrees (a fraction shown as %, text 185.50%, points under （%）) flagged on
 * its cell as a warning, and nothing written anywhere else but a header for a percent line the
 * tool adds. Score tables likewise, to their weighted total and grade.
 */
import { a1, parseA1 } from "../../../src/core/a1";
import { evaluate } from "../../../src/core/evaluate";
import { ROLE_VOCABULARY, matchRole } from "../../../src/core/tables/vocabulary";
import type { LineRole } from "../../../src/core/tables/model";
import type { CellRange, CellValue, SheetSnapshot } from "../../../src/core/types";

/** mulberry32: a small seeded generator, so a failing shape can be rebuilt from its seed */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The words of a role that the catalogue reads as that role on their own. */
function wordsOf(role: LineRole): string[] {
  const out = new Set<string>();
  for (const e of ROLE_VOCABULARY) {
    if (e.role !== role || e.bare === false) continue;
    for (const w of e.words) if (matchRole(w)?.role === role && !/^[a-z.#%]+$/i.test(w)) out.add(w);
  }
  return [...out];
}

const WORDS = {
  label: wordsOf("label").filter((w) => !/评估|评分/.test(w)),
  target: wordsOf("target"),
  completed: wordsOf("completed"),
  percent: wordsOf("percent"),
  unit: wordsOf("unit"),
  serial: ["序号", "编号"],
};
const NAMES = ["建档", "电访", "探访", "个案", "小组", "大型活动", "调研", "志愿者培训", "微心愿", "社区社会组织"];
const UNITS = ["个", "份", "人次", "节", "场"];

interface Built {
  sheet: SheetSnapshot;
  /** A1 of each record's percent cell → completed ÷ target */
  expected: Map<string, number>;
  /** cells the tool may write besides the percentages: the header of an added percent line */
  headerCells: Set<string>;
  /** percent cells whose declared value disagrees with the computed one (a warning each) */
  mismatches?: Set<string>;
  describe: string;
}

function build(seed: number): Built {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;

  type Col = { role: LineRole | "remark" | "spacer"; header: string };
  const cols: Col[] = [];
  if (chance(0.4)) cols.push({ role: "serial", header: pick(WORDS.serial) });
  // categories: a column of them merged down over their indicators, or rows of their own
  const categoryCol = chance(0.2);
  const categoryRows = !categoryCol && chance(0.25);
  if (categoryCol) cols.push({ role: "category", header: pick(["类别", "服务类别", "服务领域"]) });
  cols.push({ role: "label", header: pick(WORDS.label) });
  if (chance(0.4)) cols.push({ role: "unit", header: pick(WORDS.unit) });
  if (chance(0.2)) cols.push({ role: "spacer", header: "" });
  const figures: Col[] = [
    { role: "target", header: pick(WORDS.target) },
    { role: "completed", header: pick(WORDS.completed) },
  ];
  const hasPercent = chance(0.7);
  // what the percent cells already hold: nothing, fractions shown as %, text 185.50%, or bare
  // points under a header that says （%）; some of them wrong
  const declared = hasPercent ? pick(["none", "fraction", "text", "points"] as const) : "none";
  if (hasPercent) figures.push({ role: "percent", header: pick(WORDS.percent) + (declared === "points" ? pick(["（%）", "(%)", "%"]) : "") });
  // completed before target happens; the percent line stays last of the figures
  if (chance(0.2)) [figures[0], figures[1]] = [figures[1], figures[0]];
  cols.push(...figures);
  if (chance(0.3)) cols.push({ role: "remark", header: "备注" });

  const unitRow = chance(0.2);
  const group = !unitRow && chance(0.3) ? pick(["2023年度", "本年度", "合同期内", "7-11月"]) : null;
  const bandRows = group || unitRow ? 2 : 1;
  const top = Math.floor(r() * 4);
  const left = Math.floor(r() * 3);
  const preamble = chance(0.4);
  const notes = chance(0.4);
  const records = 1 + Math.floor(r() * 6);

  const grid: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const merges: CellRange[] = [];
  const put = (row: number, col: number, v: CellValue, fmt?: string) => {
    while (grid.length <= row) grid.push([]);
    while (formats.length <= row) formats.push([]);
    grid[row][col] = v;
    if (fmt) formats[row][col] = fmt;
  };
  const mismatches = new Set<string>();
  let row = top;
  if (preamble) {
    put(row++, left, "填报单位：某某街社工服务站");
    put(row++, left, "统计周期：2023年7月1日至2023年11月30日");
  }
  const headerRow = row;
  const figureAt = cols.findIndex((c) => c.role === "target" || c.role === "completed");
  cols.forEach((c, k) => {
    if (c.role === "spacer") return;
    const col = left + k;
    if (group && k >= figureAt && k < figureAt + figures.length) {
      // the group over the figures, merged across; the figures' own words in the row below
      if (k === figureAt) {
        put(headerRow, col, group);
        merges.push({ r1: headerRow, c1: col, r2: headerRow, c2: col + figures.length - 1 });
      }
      put(headerRow + 1, col, c.header);
      return;
    }
    put(headerRow, col, c.header);
    if (group) merges.push({ r1: headerRow, c1: col, r2: headerRow + 1, c2: col });
    if (unitRow && (c.role === "target" || c.role === "completed")) put(headerRow + 1, col, "（个）");
    if (unitRow && c.role === "percent") put(headerRow + 1, col, "（%）");
  });
  row = headerRow + bandRows;

  const expected = new Map<string, number>();
  const headerCells = new Set<string>();
  const percentCol = hasPercent ? left + cols.findIndex((c) => c.role === "percent") : left + cols.length;
  if (!hasPercent) headerCells.add(`${headerRow + bandRows - 1}:${percentCol}`);
  const labelAt = left + cols.findIndex((c) => c.role === "label");
  const categoryAt = left + cols.findIndex((c) => c.role === "category");
  for (let k = 0; k < records; k++) {
    if (k > 0 && chance(0.15)) row++; // a blank spacer row between records
    if (categoryRows && k % 3 === 0) put(row++, chance(0.5) ? left : labelAt, pick(["（一）兜底服务", "二、专业服务", "兜底服务类", "（三）其他"]));
    if (categoryCol && k % 2 === 0) {
      put(row, categoryAt, pick(["兜底服务", "专业服务", "社区治理"]));
      if (k + 1 < records) merges.push({ r1: row, c1: categoryAt, r2: row + 1, c2: categoryAt });
    }
    const target = 1 + Math.floor(r() * 500);
    const done = Math.floor(r() * 800);
    cols.forEach((c, j) => {
      const col = left + j;
      if (c.role === "serial") put(row, col, k + 1);
      if (c.role === "label") put(row, col, NAMES[k % NAMES.length]);
      if (c.role === "unit") put(row, col, pick(UNITS));
      if (c.role === "target") put(row, col, target);
      if (c.role === "completed") put(row, col, done);
      if (c.role === "remark" && chance(0.3)) put(row, col, "含新增");
    });
    expected.set(`${row}:${percentCol}`, done / target);
    if (declared !== "none") {
      const wrong = chance(0.3);
      const points = Math.round((wrong ? (done / target) * 100 + (chance(0.5) ? 1 : -1) * (1 + Math.floor(r() * 20)) : (done / target) * 100) * 100) / 100;
      if (declared === "fraction") put(row, percentCol, points / 100, "0.00%");
      if (declared === "text") put(row, percentCol, `${points.toFixed(2)}%`);
      if (declared === "points") put(row, percentCol, points);
      if (wrong) mismatches.add(`${row}:${percentCol}`);
    }
    row++;
  }
  if (notes) put(row + 1, left, "注：完成百分比=完成情况÷指标要求");

  const across = chance(0.3);
  let values = grid;
  let fmts = formats;
  let m = merges;
  if (across) {
    const width = Math.max(...grid.map((x) => x.length));
    values = Array.from({ length: width }, (_, c) => grid.map((x) => x[c] ?? null));
    fmts = Array.from({ length: width }, (_, c) => formats.map((x) => x[c] ?? null));
    m = merges.map((x) => ({ r1: x.c1, c1: x.r1, r2: x.c2, c2: x.r2 }));
  }
  const flip = (key: string) => {
    const [a, b] = key.split(":").map(Number);
    return across ? `${b}:${a}` : `${a}:${b}`;
  };
  return {
    sheet: {
      name: "指标",
      values: values.map((x) => Array.from({ length: x.length }, (_, k) => x[k] ?? null)),
      numberFormats: fmts.map((x) => Array.from({ length: x.length }, (_, k) => x[k] ?? null)),
      merges: m,
    },
    expected: new Map([...expected].map(([k, v]) => [flip(k), v])),
    headerCells: new Set([...headerCells].map(flip)),
    mismatches: new Set([...mismatches].map(flip)),
    describe: `seed ${seed}: ${across ? "across" : "down"}, declared ${declared}${categoryCol ? ", category column" : ""}${categoryRows ? ", category rows" : ""}, band ${bandRows}${group ? ` (${group})` : ""}${unitRow ? " + unit row" : ""}, ${cols
      .map((c) => c.header || "·")
      .join(" | ")}, ${records} records at ${a1(top, left)}`,
  };
}

/**
 * A table of areas: two or three areas (merged across their sub-headers, or written once over
 * blank cells), with or without a 合计 group, a percentage per area or not, a 完成率 merged down
 * after them or not. Every area's percent cell gets its ratio; the station's total — the 合计
 * group's, else the areas' sums — goes in the total's percent line, existing or added.
 */
function buildAreas(seed: number): Built {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const areas = pick([
    ["一片区", "二片区", "三片区"],
    ["东区", "西区"],
    ["A社区", "B社区", "C社区"],
    ["北片", "南片"],
  ]).slice(0, chance(0.5) ? 2 : 3);
  const withTotal = chance(0.5);
  const perArea = chance(0.4);
  const trailing = !perArea || chance(0.4);
  const merged = chance(0.7);
  const serial = chance(0.3);
  const left = Math.floor(r() * 3);
  const top = Math.floor(r() * 3);
  const records = 1 + Math.floor(r() * 4);

  const grid: CellValue[][] = [];
  const merges: CellRange[] = [];
  const put = (row: number, col: number, v: CellValue) => {
    while (grid.length <= row) grid.push([]);
    grid[row][col] = v;
  };
  const groups = [...areas, ...(withTotal ? ["合计"] : [])];
  const width = perArea ? 3 : 2;
  let col = left;
  const down = (c: number, text: string) => {
    put(top, c, text);
    if (merged) merges.push({ r1: top, c1: c, r2: top + 1, c2: c });
  };
  if (serial) down(col++, "序号");
  const labelCol = col;
  down(col++, pick(["服务内容", "指标名称", "项目"]));
  const at = new Map<string, number>();
  for (const g of groups) {
    at.set(g, col);
    put(top, col, g);
    if (merged) merges.push({ r1: top, c1: col, r2: top, c2: col + width - 1 });
    put(top + 1, col, pick(["指标", "指标数", "计划数"]));
    put(top + 1, col + 1, pick(["完成", "完成数", "实际完成"]));
    if (perArea) put(top + 1, col + 2, pick(["完成率", "完成比例"]));
    col += width;
  }
  const trailingCol = trailing ? col : null;
  if (trailing) down(col++, pick(["完成率", "完成百分比", "总完成率"]));
  const totalCol = withTotal && perArea ? (at.get("合计") as number) + 2 : (trailingCol ?? col);

  const expected = new Map<string, number>();
  const headerCells = new Set<string>();
  if (totalCol >= col) headerCells.add(`${top + 1}:${totalCol}`);
  for (let k = 0; k < records; k++) {
    const row = top + 2 + k;
    if (serial) put(row, left, k + 1);
    put(row, labelCol, NAMES[k % NAMES.length]);
    let ts = 0;
    let ds = 0;
    for (const g of areas) {
      const t = 1 + Math.floor(r() * 200);
      const d = Math.floor(r() * 300);
      ts += t;
      ds += d;
      const c = at.get(g) as number;
      put(row, c, t);
      put(row, c + 1, d);
      if (perArea) expected.set(`${row}:${c + 2}`, d / t);
    }
    if (withTotal) {
      const c = at.get("合计") as number;
      put(row, c, ts);
      put(row, c + 1, ds);
    }
    expected.set(`${row}:${totalCol}`, ds / ts);
  }
  return {
    sheet: { name: "指标", values: grid.map((x) => Array.from({ length: x.length }, (_, k) => x[k] ?? null)), merges },
    expected,
    headerCells,
    describe: `seed ${seed}: areas ${groups.join("/")}${perArea ? ", % per area" : ""}${trailing ? ", 完成率 after" : ""}${merged ? ", merged" : ", unmerged"}${serial ? ", 序号" : ""}, ${records} records at ${a1(top, left)}`,
  };
}

interface BuiltScores {
  sheet: SheetSnapshot;
  total: number;
  grade: string;
  /** A1 the total and grade must land in, when the sheet has cells for them */
  totalAt: string | null;
  gradeAt: string | null;
  describe: string;
}

const PARTY_NAMES: Record<string, string[]> = {
  buyer: ["购买方", "购买方评估（夏港街道办事处）", "街道办事处", "购买方（镇政府）"],
  supervisor: ["监督方", "区民政局", "监督方评估（黄埔区民政局）"],
  centre: ["督导中心", "市督导中心", "督导中心评估"],
  third: ["第三方", "第三方评估机构", "第三方专业评估"],
};
const WEIGHTS: Record<string, number> = { buyer: 0.2, supervisor: 0.1, centre: 0.15, third: 0.55 };

function gradeOf(total: number): string {
  return total >= 90 ? "优秀" : total >= 80 ? "良好" : total >= 60 ? "合格" : "不合格";
}

/**
 * A four-party score table: parties down a column or along a row in any order, their label
 * header present, blank or merged, weights as 20% text, fractions formatted as %, bare points
 * under 权重（%） or 分值, or absent; scores under 得分 / 评估得分 / 得分（百分制） or no header, as
 * points or on the 100-point scale; 总分 / 等级 after the parties, or nowhere (the tool adds them).
 */
function buildScores(seed: number): BuiltScores {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const order = ["buyer", "supervisor", "centre", "third"].sort(() => r() - 0.5);
  const scale100 = chance(0.4);
  const weightStyle = pick(["text", "fraction", "points", "none"] as const);
  const scoreHeader = scale100 ? pick(["得分（百分制）", "评估得分（百分制）"]) : chance(0.7) ? pick(["得分", "评估得分", "分数"]) : null;
  const labelHeader = pick(["评估方", "评估主体", "", "merged"]);
  const totals = chance(0.6);
  const top = Math.floor(r() * 3);
  const left = Math.floor(r() * 2);

  const grid: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const merges: CellRange[] = [];
  const put = (row: number, col: number, v: CellValue, fmt?: string) => {
    while (grid.length <= row) grid.push([]);
    while (formats.length <= row) formats.push([]);
    grid[row][col] = v;
    if (fmt) formats[row][col] = fmt;
  };
  const weightCol = weightStyle === "none" ? null : left + 1;
  const scoreCol = left + (weightCol === null ? 1 : 2);
  if (labelHeader === "merged") {
    put(top, left, "四方评分");
    merges.push({ r1: top, c1: left, r2: top + 1, c2: left });
  } else if (labelHeader) put(top, left, labelHeader);
  if (weightCol !== null) put(top, weightCol, weightStyle === "points" ? pick(["权重（%）", "分值"]) : pick(["权重", "分值占比"]));
  if (scoreHeader) put(top, scoreCol, scoreHeader);
  let total = 0;
  order.forEach((p, k) => {
    const row = top + 1 + k;
    const w = WEIGHTS[p];
    put(row, left, pick(PARTY_NAMES[p]));
    if (weightCol !== null) {
      if (weightStyle === "text") put(row, weightCol, `${Math.round(w * 100)}%`);
      if (weightStyle === "fraction") put(row, weightCol, w, "0%");
      if (weightStyle === "points") put(row, weightCol, Math.round(w * 100));
    }
    // scores with two decimals at most, as evaluators type them
    const score = scale100 ? 60 + Math.floor(r() * 4000) / 100 : Math.floor(r() * w * 10000) / 100;
    put(row, scoreCol, score);
    total += scale100 ? w * score : score;
  });
  total = Math.round((total + 1e-9) * 100) / 100;
  let totalAt: string | null = null;
  let gradeAt: string | null = null;
  if (totals) {
    put(top + 5, left, "总分");
    put(top + 6, left, "等级");
    totalAt = `${top + 5}:${scoreCol}`;
    gradeAt = `${top + 6}:${scoreCol}`;
  }

  const across = chance(0.5);
  const width = Math.max(...grid.map((x) => x.length));
  const t = <T>(m: T[][]): T[][] => (across ? Array.from({ length: width }, (_, c) => m.map((x) => x[c] as T)) : m);
  const flip = (key: string | null) => {
    if (!key) return null;
    const [a, b] = key.split(":").map(Number);
    return across ? `${b}:${a}` : `${a}:${b}`;
  };
  const values = t(grid).map((x) => Array.from({ length: x.length }, (_, k) => x[k] ?? null));
  return {
    sheet: {
      name: "评分",
      values,
      numberFormats: t(formats).map((x) => Array.from({ length: x.length }, (_, k) => x[k] ?? null)),
      merges: across ? merges.map((x) => ({ r1: x.c1, c1: x.r1, r2: x.c2, c2: x.r2 })) : merges,
    },
    total,
    grade: gradeOf(total),
    totalAt: flip(totalAt),
    gradeAt: flip(gradeAt),
    describe: `seed ${seed}: ${across ? "across" : "down"}, label ${labelHeader || "(blank)"}, weights ${weightStyle}, scores ${scoreHeader ?? "(no header)"}${totals ? ", 总分/等级 rows" : ""}, ${order.join(" ")}`,
  };
}

const SEEDS = Array.from({ length: 240 }, (_, k) => 1000 + k);
const SCORE_SEEDS = Array.from({ length: 160 }, (_, k) => 9000 + k);
const AREA_SEEDS = Array.from({ length: 120 }, (_, k) => 5000 + k);

describe("generated indicator tables", () => {
  it.each([...SEEDS.map((seed) => ["row", seed] as const), ...AREA_SEEDS.map((seed) => ["area", seed] as const)])(
    "%s table, seed %i, is read and written exactly",
    (kind, seed) => {
      const b = kind === "row" ? build(seed) : buildAreas(seed);
      const result = evaluate({ source: "gen.xlsx", sheets: [b.sheet] }, { findingsSheet: false, reportSheet: false, conditionalFormats: false });
      const written = new Map<string, { value: CellValue; formula?: string }>();
      for (const op of result.plan) {
        if (op.kind !== "cells" || op.sheet !== "指标") continue;
        op.cells.forEach((line, dr) => line.forEach((cell, dc) => cell && written.set(`${op.row + dr}:${op.col + dc}`, cell)));
      }
      const got: Record<string, number | string> = {};
      for (const key of b.expected.keys()) {
        const cell = written.get(key);
        got[key] = typeof cell?.value === "number" ? Number(cell.value.toFixed(12)) : "(not written)";
      }
      const want = Object.fromEntries([...b.expected].map(([k, v]) => [k, Number(v.toFixed(12))]));
      expect([b.describe, got]).toEqual([b.describe, want]);
      const stray = [...written.keys()].filter((k) => !b.expected.has(k) && !b.headerCells.has(k));
      expect([b.describe, stray]).toEqual([b.describe, []]);
      expect([b.describe, result.report.findings.filter((f) => f.code === "table-not-understood").length]).toEqual([b.describe, 0]);
      // a declared percentage that disagrees is a warning on its cell, one that agrees is none
      const cellKey = (ref: string) => {
        const { row, col } = parseA1(ref);
        return `${row}:${col}`;
      };
      const flagged = result.report.findings.filter((f) => f.code === "percent-mismatch").map((f) => ({ at: cellKey(f.cell), severity: f.severity }));
      expect([b.describe, flagged.map((f) => f.at).sort()]).toEqual([b.describe, [...(b.mismatches ?? [])].sort()]);
      for (const f of flagged) expect(f.severity).not.toBe("info");
    },
  );
});

/** Two generated tables one above the other, a blank row and a numbered title between. */
function stacked(seed: number): Built | null {
  const a = build(seed);
  const b = build(seed + 7919);
  if (a.describe.includes("across") || b.describe.includes("across")) return null;
  const gap = a.sheet.values.length + 2;
  const shift = (key: string) => {
    const [r, c] = key.split(":").map(Number);
    return `${r + gap}:${c}`;
  };
  return {
    sheet: {
      name: "指标",
      values: [...a.sheet.values, [], ["二、其他服务指标"], ...b.sheet.values],
      numberFormats: [...(a.sheet.numberFormats ?? a.sheet.values.map(() => [])), [], [], ...(b.sheet.numberFormats ?? [])],
      merges: [...(a.sheet.merges ?? []), ...(b.sheet.merges ?? []).map((m) => ({ r1: m.r1 + gap, c1: m.c1, r2: m.r2 + gap, c2: m.c2 }))],
    },
    expected: new Map([...a.expected, ...[...b.expected].map(([k, v]) => [shift(k), v] as const)]),
    headerCells: new Set([...a.headerCells, ...[...b.headerCells].map(shift)]),
    mismatches: new Set([...(a.mismatches ?? []), ...[...(b.mismatches ?? [])].map(shift)]),
    describe: `${a.describe} / then / ${b.describe}`,
  };
}

describe("generated sheets with two tables", () => {
  const cases = Array.from({ length: 120 }, (_, k) => stacked(3000 + k)).filter((b): b is Built => b !== null);
  it("are generated in number", () => expect(cases.length).toBeGreaterThan(40));
  it.each(cases.map((b) => [b.describe, b] as const))("%s", (_d, b) => {
    const result = evaluate({ source: "gen.xlsx", sheets: [b.sheet] }, { findingsSheet: false, reportSheet: false, conditionalFormats: false });
    const written = new Map<string, CellValue>();
    for (const op of result.plan) {
      if (op.kind !== "cells" || op.sheet !== "指标") continue;
      op.cells.forEach((line, dr) => line.forEach((cell, dc) => cell && written.set(`${op.row + dr}:${op.col + dc}`, cell.value)));
    }
    const got = Object.fromEntries(
      [...b.expected.keys()].map((k) => [k, typeof written.get(k) === "number" ? Number((written.get(k) as number).toFixed(12)) : "(not written)"]),
    );
    expect(got).toEqual(Object.fromEntries([...b.expected].map(([k, v]) => [k, Number(v.toFixed(12))])));
    expect([...written.keys()].filter((k) => !b.expected.has(k) && !b.headerCells.has(k))).toEqual([]);
  });
});

describe("generated score tables", () => {
  it.each(SCORE_SEEDS)("seed %i: the weighted total and grade in their cells", (seed) => {
    const b = buildScores(seed);
    const result = evaluate({ source: "gen.xlsx", sheets: [b.sheet] }, { findingsSheet: false, reportSheet: false, conditionalFormats: false });
    const written = new Map<string, CellValue>();
    for (const op of result.plan) {
      if (op.kind !== "cells" || op.sheet !== "评分") continue;
      op.cells.forEach((line, dr) => line.forEach((cell, dc) => cell && written.set(`${op.row + dr}:${op.col + dc}`, cell.value)));
    }
    const score = result.report.scores[0];
    expect([b.describe, score?.total, score?.grade]).toEqual([b.describe, b.total, b.grade]);
    const at = (a: string) => {
      const { row, col } = parseA1(a);
      return `${row}:${col}`;
    };
    if (b.totalAt) expect([b.describe, at(score.totalCell)]).toEqual([b.describe, b.totalAt]);
    if (b.gradeAt) expect([b.describe, at(score.gradeCell)]).toEqual([b.describe, b.gradeAt]);
    expect([b.describe, written.get(at(score.totalCell)), written.get(at(score.gradeCell))]).toEqual([b.describe, b.total, b.grade]);
    // besides the total and grade, only their labels when the tool adds them
    const labels = [...written].filter(([k]) => k !== at(score.totalCell) && k !== at(score.gradeCell)).map(([, v]) => v);
    expect([b.describe, labels.filter((v) => v !== "总分" && v !== "等级")]).toEqual([b.describe, []]);
  });
});
