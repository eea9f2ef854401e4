/**
 * Synthetic 双百 workbooks for tests, e2e runs and the benchmark. Every person in them is made up
 * from a seeded PRNG: names from a small syllable list, ID numbers built from random regions and
 * birth dates with valid GB 11643 check digits, phones 13x…. Nothing here is real data.
 *
 * One model (`SheetSpec`) feeds both outputs: a core `WorkbookSnapshot` (for evaluate and the
 * Excel fake) and an .xlsx file written with exceljs (streaming for large rosters), so the two
 * always hold the same cells.
 */
import ExcelJS from "exceljs";
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/types";

// ---------------------------------------------------------------------------------------------
// deterministic randomness

/** mulberry32: tiny, fast, and identical on every platform for a given seed */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function intBetween(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

// ---------------------------------------------------------------------------------------------
// people

const SURNAMES = ["陈", "李", "黄", "张", "梁", "林", "何", "刘", "吴", "罗", "郑", "谢", "冯", "邓", "曾"];
const GIVEN = ["晓", "嘉", "文", "志", "美", "伟", "丽", "俊", "雅", "明", "华", "芳", "婷", "强", "欣", "宇", "玲", "杰"];
/** Guangzhou district codes; the people are fake but the regions make the ID numbers look plausible */
const REGIONS = ["440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117"];
const VILLAGES = ["青年社区", "丽江社区", "墩头基社区", "普晖社区", "保税社区", "金碧社区"];
const STREETS = ["临江路", "港湾路", "丰乐南路", "保税路", "石化路", "青年路"];
const WORKERS = ["社工甲", "社工乙", "社工丙", "社工丁", "社工戊", "社工己"];
const FAMILY = ["独居", "与配偶同住", "与子女同住", "三代同堂", "单亲家庭"];
const NEEDS = ["就医陪诊", "居家安全", "政策咨询", "情绪支持", "经济困难", "学业辅导"];
const PLANS = ["定期探访，链接医疗资源", "电访关怀，协助申请救助", "居家适老化改造", "链接志愿者结对", "转介专业机构"];
const VISITS = ["每月电访一次", "每季度入户探访", "节前探访", "按需电访"];
const SEPARATION = ["户籍在、人在", "户籍在、人不在", "户籍不在、人在"];
const ELDERLY = ["孤寡老人", "空巢老人", "独居老人", "留守老人", "失能老人", "重残老人"];
const CHILD = ["困境儿童", "农村留守儿童"];
const ADULT = ["低保对象", "特困人员", "低保边缘家庭成员", "支出型困难家庭成员", "残疾人"];
const ADULT_FEMALE = ["单身特困母亲", "农村留守妇女"];

/** the date ages are computed at: the seed report's period end */
export const AS_OF = { year: 2023, month: 11, day: 30 };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 11643 check character for the first 17 digits */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Excel serial day number (1900 system) of a calendar date */
export function excelSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000);
}

function ageAt(birth: { year: number; month: number; day: number }): number {
  let age = AS_OF.year - birth.year;
  if (AS_OF.month < birth.month || (AS_OF.month === birth.month && AS_OF.day < birth.day)) age--;
  return age;
}

export interface Person {
  name: string;
  gender: "男" | "女";
  id: string;
  age: number;
  phone: string;
  village: string;
  address: string;
  category: string;
  level: string;
  worker: string;
  /** Excel serial */
  filed: number;
}

function makePerson(rng: () => number, serial: number): Person {
  const year = intBetween(rng, 1930, 2019);
  const month = intBetween(rng, 1, 12);
  const day = intBetween(rng, 1, 28);
  const male = rng() < 0.5;
  // the 17th digit is odd for men, even for women
  const seq = intBetween(rng, 0, 49) * 2 * 10 + intBetween(rng, 0, 9) * 2 + (male ? 1 : 0);
  const first17 = pick(rng, REGIONS) + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(seq % 1000, 3);
  const age = ageAt({ year, month, day });
  const gender = male ? "男" : "女";
  let category: string;
  if (age >= 60) category = pick(rng, ELDERLY);
  else if (age < 18) category = pick(rng, CHILD);
  else if (!male && rng() < 0.3) category = pick(rng, ADULT_FEMALE);
  else category = pick(rng, ADULT);
  const village = pick(rng, VILLAGES);
  return {
    name: pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng() < 0.6 ? pick(rng, GIVEN) : ""),
    gender,
    id: first17 + idCheckDigit(first17),
    age,
    phone: "13" + String(intBetween(rng, 0, 9)) + pad(intBetween(rng, 0, 99999999), 8),
    village,
    address: `${village}${pick(rng, STREETS)}${intBetween(rng, 1, 300)}号${intBetween(rng, 1, 30)}0${intBetween(rng, 1, 6)}房`,
    category,
    level: `${"一二三四五六"[intBetween(rng, 0, 5)]}级`,
    worker: pick(rng, WORKERS) + (serial % 3 === 0 ? "（督导）" : ""),
    filed: excelSerial(2023, intBetween(rng, 1, 11), intBetween(rng, 1, 28)),
  };
}

// ---------------------------------------------------------------------------------------------
// the drifted roster

/**
 * Headers a station might use instead of the template's: renamed (服务对象姓名, 身份证号, 手机号码,
 * 社区, 困境类型, 对接社工, 建档时间 …), reordered, one extra column (走访次数) and no 服务成效.
 */
export const DRIFTED_HEADERS = [
  "序号",
  "服务对象姓名",
  "性别",
  "身份证号",
  "年龄",
  "手机号码",
  "社区",
  "街道",
  "现住址",
  "户籍地址",
  "人户分离情况",
  "困境类型",
  "跟进级别",
  "家庭情况",
  "服务需求",
  "一人一策",
  "跟进情况记录",
  "走访次数",
  "对接社工",
  "建档时间",
  "备注",
] as const;

/** 0-based column of each drifted header */
export const COL: Record<(typeof DRIFTED_HEADERS)[number], number> = Object.fromEntries(DRIFTED_HEADERS.map((h, i) => [h, i])) as Record<
  (typeof DRIFTED_HEADERS)[number],
  number
>;

export type SlipKind = "bad-check-digit" | "short-phone" | "gender-mismatch" | "blank-row" | "duplicate-person";

/** a deliberate mistake planted in a roster row, with where it is (0-based index into the data rows) */
export interface PlantedSlip {
  kind: SlipKind;
  dataRow: number;
  column: string;
}

export interface RosterRowsOptions {
  /** plant one of each slip kind (needs n ≥ 10) */
  slips?: boolean;
}

export interface RosterRows {
  /** headers first, then n data rows (a planted blank row counts as one of the n) */
  rows: CellValue[][];
  slips: PlantedSlip[];
  people: Person[];
}

function rosterRow(p: Person, serial: number, rng: () => number): CellValue[] {
  const row: CellValue[] = new Array(DRIFTED_HEADERS.length).fill(null);
  row[COL["序号"]] = serial;
  row[COL["服务对象姓名"]] = p.name;
  row[COL["性别"]] = p.gender;
  row[COL["身份证号"]] = p.id;
  row[COL["年龄"]] = p.age;
  row[COL["手机号码"]] = p.phone;
  row[COL["社区"]] = p.village;
  row[COL["街道"]] = "夏港街道";
  row[COL["现住址"]] = p.address;
  row[COL["户籍地址"]] = rng() < 0.8 ? p.address : `广州市${pick(rng, VILLAGES)}`;
  row[COL["人户分离情况"]] = pick(rng, SEPARATION);
  row[COL["困境类型"]] = p.category;
  row[COL["跟进级别"]] = p.level;
  row[COL["家庭情况"]] = pick(rng, FAMILY);
  row[COL["服务需求"]] = pick(rng, NEEDS);
  row[COL["一人一策"]] = pick(rng, PLANS);
  row[COL["跟进情况记录"]] = pick(rng, VISITS);
  row[COL["走访次数"]] = intBetween(rng, 0, 12);
  row[COL["对接社工"]] = p.worker;
  row[COL["建档时间"]] = p.filed;
  row[COL["备注"]] = rng() < 0.1 ? "需重点关注" : null;
  return row;
}

/** A drifted roster of n people: a header row then n data rows, deterministic for a seed. */
export function makeDriftedRosterRows(n: number, seed: number, options: RosterRowsOptions = {}): RosterRows {
  const rng = makeRng(seed);
  const people: Person[] = [];
  const rows: CellValue[][] = [[...DRIFTED_HEADERS]];
  for (let i = 0; i < n; i++) {
    const p = makePerson(rng, i + 1);
    people.push(p);
    rows.push(rosterRow(p, i + 1, rng));
  }
  const slips: PlantedSlip[] = [];
  if (options.slips && n >= 10) {
    const data = (i: number): CellValue[] => rows[i + 1];
    // spread the slips out so each sits on its own row
    const at = (k: number): number => Math.floor((n * (k + 1)) / 7);

    const bad = String(data(at(0))[COL["身份证号"]]);
    const wrong = ID_CHECK[(ID_CHECK.indexOf(bad[17]) + 1) % 11];
    data(at(0))[COL["身份证号"]] = bad.slice(0, 17) + wrong;
    slips.push({ kind: "bad-check-digit", dataRow: at(0), column: "身份证号" });

    data(at(1))[COL["手机号码"]] = String(data(at(1))[COL["手机号码"]]).slice(0, 10);
    slips.push({ kind: "short-phone", dataRow: at(1), column: "手机号码" });

    const g = data(at(2))[COL["性别"]];
    data(at(2))[COL["性别"]] = g === "男" ? "女" : "男";
    slips.push({ kind: "gender-mismatch", dataRow: at(2), column: "性别" });

    rows[at(3) + 1] = new Array(DRIFTED_HEADERS.length).fill(null);
    slips.push({ kind: "blank-row", dataRow: at(3), column: "序号" });

    const dup = rows[at(4) + 1].slice();
    dup[COL["序号"]] = at(5) + 1;
    rows[at(5) + 1] = dup;
    slips.push({ kind: "duplicate-person", dataRow: at(5), column: "身份证号" });
  }
  return { rows, slips, people };
}

// ---------------------------------------------------------------------------------------------
// sheet model shared by the snapshot and the xlsx writer

export interface SheetSpec {
  name: string;
  rows: CellValue[][];
  merges: CellRange[];
  /** number format per 0-based column, for data cells below `formatFromRow` */
  columnFormats: Record<number, string>;
  formatFromRow: number;
  /** per-cell number formats (row, col, format) for the odd cell */
  cellFormats: { row: number; col: number; format: string }[];
  columnWidths?: number[];
}

export const ROSTER_SHEET = "服务对象台账";
export const INDICATOR_SHEET = "指标完成情况";
export const SCORE_SHEET = "评估结果";

export function rosterSheet(roster: RosterRows): SheetSpec {
  const title: CellValue[] = ["夏港街社工站服务对象台账（2023年）"];
  return {
    name: ROSTER_SHEET,
    rows: [title, ...roster.rows],
    merges: [{ r1: 0, c1: 0, r2: 0, c2: DRIFTED_HEADERS.length - 1 }],
    columnFormats: { [COL["身份证号"]]: "@", [COL["手机号码"]]: "@", [COL["建档时间"]]: "yyyy-mm-dd" },
    formatFromRow: 2,
    cellFormats: [],
    columnWidths: DRIFTED_HEADERS.map((h) => (h === "身份证号" ? 22 : h === "现住址" ? 30 : 12)),
  };
}

/** the seed report's appendix: label, target, completed, printed percentage */
export const SEED_BLOCKS: readonly { label: string; target: string; completed: string; percent: number }[] = [
  { label: "服务对象建档", target: "200个", completed: "371个", percent: 1.855 },
  { label: "辅导个案", target: "90个", completed: "43个", percent: 0.4778 },
  { label: "小组/工作坊", target: "30个", completed: "15个", percent: 0.5 },
  { label: "探访", target: "180节", completed: "90节", percent: 0.5 },
  { label: "电访", target: "270人次", completed: "607人次", percent: 2.2481 },
  { label: "大型活动", target: "450次", completed: "732次", percent: 1.6267 },
  { label: "中小型活动", target: "820次", completed: "1469次", percent: 1.7915 },
  { label: "调研", target: "4个", completed: "13个", percent: 3.25 },
  { label: "培育志愿者骨干", target: "18个", completed: "46个", percent: 2.5556 },
  { label: "新增志愿者", target: "30人", completed: "20人", percent: 0.6667 },
  { label: "志愿者培训", target: "100人", completed: "147人", percent: 1.47 },
  { label: "社区社会组织培育", target: "6次", completed: "5次", percent: 0.8333 },
  { label: "新增志愿者队伍", target: "2个", completed: "3个", percent: 1.5 },
  { label: "", target: "2个", completed: "2个", percent: 1 },
];

/** Each block's expected completion ratio, completed / target, unrounded. */
export function seedBlockRatios(): number[] {
  return SEED_BLOCKS.map((b) => parseFloat(b.completed) / parseFloat(b.target));
}

export interface IndicatorSheetOptions {
  /** write the printed percentages as typed numbers (true) or leave the cells blank (false, default) */
  typedPercents?: boolean;
}

/** The appendix as printed: a merged title, then 14 two-row blocks `名称 | 指标要求 | 完成情况 | 完成百分比`. */
export function indicatorSheet(options: IndicatorSheetOptions = {}): SheetSpec {
  const rows: CellValue[][] = [["广州市夏港街“双百工程”社工站指标完成情况统计及投入人员对照表（2023年7月1日至2023年11月30日）"]];
  const cellFormats: SheetSpec["cellFormats"] = [];
  for (const b of SEED_BLOCKS) {
    rows.push([b.label || null, "指标要求", "完成情况", "完成百分比"]);
    rows.push([null, b.target, b.completed, options.typedPercents ? b.percent : null]);
    if (options.typedPercents) cellFormats.push({ row: rows.length - 1, col: 3, format: "0.00%" });
  }
  return {
    name: INDICATOR_SHEET,
    rows,
    merges: [{ r1: 0, c1: 0, r2: 0, c2: 3 }],
    columnFormats: {},
    formatFromRow: 1,
    cellFormats,
    columnWidths: [20, 12, 12, 12],
  };
}

/** the seed's four scores in points: 20.00 + 9.00 + 14.55 + 50.35 = 93.90, 优秀 */
export const SEED_SCORES = [
  { party: "购买方评估（街道）", weight: 0.2, score: 20 },
  { party: "监督方评估（区民政局）", weight: 0.1, score: 9 },
  { party: "督导中心评估", weight: 0.15, score: 14.55 },
  { party: "第三方评估", weight: 0.55, score: 50.35 },
] as const;

export const SEED_TOTAL = 93.9;
export const SEED_GRADE = "优秀";

export function scoreSheet(): SheetSpec {
  const rows: CellValue[][] = [["四方评估得分"], ["评估方", "权重", "得分"]];
  for (const s of SEED_SCORES) rows.push([s.party, s.weight, s.score]);
  return {
    name: SCORE_SHEET,
    rows,
    merges: [{ r1: 0, c1: 0, r2: 0, c2: 2 }],
    columnFormats: { 1: "0%", 2: "0.00" },
    formatFromRow: 2,
    cellFormats: [],
    columnWidths: [24, 10, 10],
  };
}

export interface SeedWorkbookOptions extends RosterRowsOptions, IndicatorSheetOptions {
  rows: number;
  seed?: number;
}

export interface SeedWorkbook {
  sheets: SheetSpec[];
  roster: RosterRows;
}

/** The three sheets of a synthetic station workbook: drifted roster, indicator blocks, four scores. */
export function makeSeedWorkbook(options: SeedWorkbookOptions): SeedWorkbook {
  const roster = makeDriftedRosterRows(options.rows, options.seed ?? 1, options);
  return { roster, sheets: [rosterSheet(roster), indicatorSheet(options), scoreSheet()] };
}

// ---------------------------------------------------------------------------------------------
// outputs

function formatAt(spec: SheetSpec, r: number, c: number): string | undefined {
  const cell = spec.cellFormats.find((f) => f.row === r && f.col === c);
  if (cell) return cell.format;
  if (r >= spec.formatFromRow) return spec.columnFormats[c];
  return undefined;
}

export function toSheetSnapshot(spec: SheetSpec): SheetSnapshot {
  const cols = Object.keys(spec.columnFormats).map(Number);
  const numberFormats: (string | null)[][] = spec.rows.map((row, r) => {
    const out: (string | null)[] = new Array(row.length).fill(null);
    if (r >= spec.formatFromRow) for (const c of cols) if (c < row.length) out[c] = spec.columnFormats[c];
    return out;
  });
  for (const f of spec.cellFormats) numberFormats[f.row][f.col] = f.format;
  return { name: spec.name, values: spec.rows.map((r) => r.slice()), numberFormats, merges: spec.merges.slice() };
}

export function toWorkbookSnapshot(wb: SeedWorkbook, source = "合成社工站评估表.xlsx"): WorkbookSnapshot {
  return { source, sheets: wb.sheets.map(toSheetSnapshot) };
}

/** Convenience for core and host tests: the snapshot of a seed workbook with n roster rows. */
export function makeSeedSnapshot(n: number, seed = 1, options: Omit<SeedWorkbookOptions, "rows" | "seed"> = {}): WorkbookSnapshot {
  return toWorkbookSnapshot(makeSeedWorkbook({ ...options, rows: n, seed }));
}

function fillWorksheet(ws: ExcelJS.Worksheet, spec: SheetSpec, commitRows: boolean): void {
  spec.columnWidths?.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  spec.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      if (v === null) return;
      const cell = row.getCell(c + 1);
      cell.value = v;
      const fmt = formatAt(spec, r, c);
      if (fmt) cell.numFmt = fmt;
    });
    if (r === 0 || (r === 1 && spec.name === ROSTER_SHEET)) row.font = { bold: true };
    if (commitRows) row.commit();
  });
}

/** Write the workbook in memory with exceljs and return the .xlsx bytes (small and medium rosters). */
export async function seedWorkbookBytes(wb: SeedWorkbook): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "shuangbai test generator";
  for (const spec of wb.sheets) {
    const ws = book.addWorksheet(spec.name);
    for (const m of spec.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
    fillWorksheet(ws, spec, false);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * Write the workbook to a file. Above `streamAbove` rows (default 20,000) the streaming writer is
 * used, because the in-memory writer needs ~2 GB at 100k rows.
 */
export async function writeSeedWorkbook(path: string, wb: SeedWorkbook, streamAbove = 20000): Promise<void> {
  const total = wb.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (total <= streamAbove) {
    const { writeFileSync } = await import("fs");
    writeFileSync(path, await seedWorkbookBytes(wb));
    return;
  }
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  for (const spec of wb.sheets) {
    const ws = writer.addWorksheet(spec.name);
    for (const m of spec.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
    fillWorksheet(ws, spec, true);
    ws.commit();
  }
  await writer.commit();
}
