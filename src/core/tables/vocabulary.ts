import { normaliseLabel } from "../text";
import type { LineRole } from "./model";

/**
 * The words that name each role in a table's header, as data: add a word here and every layout
 * (row, block, area, laid down or across) knows it. A header is matched whole after
 * normalisation (half-width, no spaces, list numbering dropped) and after its bracket is set
 * aside: 年度指标（个） is 年度指标 with the unit 个, 完成率（%） is 完成率 in percentage points.
 *
 * Each entry's words may be combined with its prefixes and suffixes (累计 + 完成 + 数 =
 * 累计完成数); the combinations are expanded once into a lookup table, so matching a cell costs
 * one normalisation and one map look-up; the only pre-filter (mayNameRole) is derived from that
 * same table, so no word can be lost to it.
 */
export type HeaderRole = LineRole | "ambiguous" | "total" | "grade";

export interface RoleWords {
  role: HeaderRole;
  words: string[];
  prefixes?: string[];
  suffixes?: string[];
  /** false: the words count only with one of the prefixes (年度指标 is a target, 指标 alone is not) */
  bare?: boolean;
}

const PERIODS = ["年度", "全年", "中期", "本期", "期中", "季度", "半年", "累计", "本年度", "项目", "合同期", "上半年", "下半年", "末期", "终期"];

/**
 * Prefixes that name a period of their own (中期指标 | 中期完成 | 年度指标 | 年度完成): a table
 * with a pair per period reads each pair as its own indicator. 累计 / 实际 only qualify a figure.
 */
const PERIOD_PREFIXES = new Set(["年度", "全年", "中期", "本期", "期中", "季度", "半年", "本年度", "合同期", "上半年", "下半年", "末期", "终期"]);

/** A group name that is a period (中期, 2023年度, 第一季度, 7-11月), not an area (一片区, 东区). */
export const PERIOD_NAME = /年|月|季|期|阶段|周期|^\d{4}/;

export const ROLE_VOCABULARY: readonly RoleWords[] = [
  {
    role: "target",
    words: [
      "指标要求",
      "协议指标",
      "协议指标量",
      "合同指标",
      "合同指标量",
      "指标数",
      "指标值",
      "指标量",
      "指标任务",
      "目标",
      "目标值",
      "目标数",
      "计划数",
      "计划指标",
      "计划",
      "协议要求",
      "合同要求",
      "任务数",
      "任务量",
      "应完成",
      "要求",
      // English headers (bilingual templates)
      "target",
      "targets",
      "plan",
      "planned",
      "goal",
      "contracttarget",
      "annualtarget",
    ],
    prefixes: [...PERIODS, "服务"],
  },
  { role: "target", words: ["指标"], prefixes: PERIODS.filter((p) => p !== "项目"), bare: false },
  {
    role: "completed",
    words: [
      "完成",
      "完成情况",
      "完成数",
      "完成量",
      "完成数量",
      "完成值",
      "完成数值",
      "已完成",
      "实际完成",
      "实际",
      "实际数",
      "实绩",
      "实际完成数",
      "completed",
      "actual",
      "done",
      "achieved",
      "actualcompleted",
    ],
    prefixes: ["实际", "累计", "中期", "本期", "已", "年度", "期中", "截至目前", "目前"],
  },
  {
    role: "percent",
    words: [
      "完成率",
      "完成比例",
      "完成百分比",
      "百分比",
      "完成进度",
      "完成比率",
      "达成率",
      "完成度",
      "进度",
      "completion",
      "completionrate",
      "rate",
      "achievementrate",
      "progress",
      "%",
    ],
    prefixes: ["指标", "实际", "累计", "中期", "总"],
  },
  { role: "unit", words: ["单位", "计量单位", "单位名称", "统计单位", "unit", "units"] },
  {
    role: "label",
    words: [
      "指标名称",
      "服务指标",
      "服务项目",
      "指标项目",
      "指标内容",
      "服务内容",
      "工作内容",
      "项目名称",
      "项目内容",
      "服务名称",
      "工作项目",
      "工作指标",
      "考核指标",
      "考核内容",
      "评估指标",
      "名称",
      "项目",
      "内容",
      "评估方",
      "评估主体",
      "评分主体",
      "评估单位",
      "indicator",
      "indicatorname",
      "item",
      "service",
      "servicecontent",
      "name",
      "content",
      "party",
      "evaluator",
    ],
  },
  { role: "ambiguous", words: ["指标"] },
  { role: "serial", words: ["序号", "编号", "no", "no.", "序", "#", "seq"] },
  {
    role: "category",
    words: [
      "类别",
      "服务类别",
      "服务类型",
      "服务领域",
      "指标类别",
      "指标类型",
      "板块",
      "服务板块",
      "项目类别",
      "类型",
      "领域",
      "分类",
      "大类",
      "category",
      "type",
    ],
  },
  {
    role: "weight",
    words: [
      "权重",
      "占比",
      "比重",
      "分值占比",
      "权重占比",
      "比例",
      "分值比例",
      "权重比例",
      "评分权重",
      "分值",
      "满分",
      "满分值",
      "标准分",
      "weight",
      "weighting",
      "share",
    ],
  },
  {
    role: "score",
    words: ["得分", "分数", "评分", "评估得分", "评估分数", "实际得分", "分值得分", "评估分", "考核得分", "得分情况", "评分结果", "score", "points"],
  },
  { role: "total", words: ["总分", "总得分", "评估总分", "合计得分", "四方总分", "综合得分", "加权总分", "最终得分", "total", "totalscore"] },
  { role: "grade", words: ["等级", "评估等级", "评定等级", "结果等级", "评估结果", "等次", "评定结果", "grade", "rating", "level"] },
];

export interface RoleMatch {
  role: HeaderRole;
  /** the unit a bracket named: 年度指标（个） → 个 */
  unit: string | null;
  /** the header says % or （%） */
  percentPoints: boolean;
  /** the bracket said 百分制 (a score out of 100) */
  scale100: boolean;
  /** the period the header began with: 中期指标 → 中期 */
  period: string | null;
  /** a bracket that is neither a unit nor a percentage: 完成百分比（中期） → 中期 (the group a line the tool added is for) */
  note: string | null;
}

const lookup = new Map<string, { role: HeaderRole; period: string | null }>();
let longest = 0;
for (const entry of ROLE_VOCABULARY) {
  for (const w of entry.words) {
    for (const p of [...(entry.bare === false ? [] : [""]), ...(entry.prefixes ?? [])]) {
      for (const s of ["", ...(entry.suffixes ?? [])]) {
        const key = normaliseLabel(p + w + s);
        // the first entry to claim a word keeps it: "指标" with a period is a target, alone ambiguous
        if (!lookup.has(key)) lookup.set(key, { role: entry.role, period: PERIOD_PREFIXES.has(p) ? p : null });
        longest = Math.max(longest, key.length);
      }
    }
  }
}

/** Longest raw header text worth normalising: the longest word plus room for a bracket and spaces. */
const MAX_HEADER = longest + 24;

/** Units a bracket may name; anything else in a bracket (说明, 百分制) is not a unit. */
const UNIT_RE = /^(个|人|人次|次|份|户|节|场|篇|篇次|支|名|件|元|万元|小时|时|天|项|期|条|家|组|户次|人天|小组)$/;

/** every character some key of the lookup holds, as a bit per UTF-16 code unit */
const KEY_CHAR_BITS = new Uint8Array(0x10000 / 8);
for (const key of lookup.keys()) for (let i = 0; i < key.length; i++) KEY_CHAR_BITS[key.charCodeAt(i) >> 3] |= 1 << (key.charCodeAt(i) & 7);
const KEY_CHARS = { has: (c: number): boolean => (KEY_CHAR_BITS[c >> 3] & (1 << (c & 7))) !== 0 };

/**
 * Characters a normal form that names a role may begin with, as a bit per UTF-16 code unit: the
 * first character of every key (and the upper case of a letter), and what list numbering that
 * normaliseLabel strips could begin with (a digit, a bracket, 一 … 十), left to the full match.
 */
const START_BITS = new Uint8Array(0x10000 / 8);
const mayStart = (c: number) => (START_BITS[c >> 3] |= 1 << (c & 7));
for (const key of lookup.keys()) {
  if (!key.length) continue;
  const c = key.charCodeAt(0);
  mayStart(c);
  if (c >= 97 && c <= 122) mayStart(c - 32);
}
const CN_NUMERALS = new Set([..."一二三四五六七八九十"].map((ch) => ch.charCodeAt(0)));
/** 一 … 十 that begin no key themselves: a normal form begins with one only for list numbering (一、) */
const NUMBERING_ONLY = new Set([...CN_NUMERALS].filter((c) => (START_BITS[c >> 3] & (1 << (c & 7))) === 0));
for (const ch of "0123456789(一二三四五六七八九十") mayStart(ch.charCodeAt(0));

/**
 * After a leading 一 … 十 that begins no key (at `i`): whether normaliseLabel may strip it as
 * numbering, which it does only for a run of them followed by 、 (whitespace between is dropped
 * first). Otherwise the normal form begins with that numeral and names no role: 一级, 三代同堂,
 * the follow-up levels and family situations a roster repeats on every row. Characters whose
 * normalising is not that simple are left to the full match.
 */
function mayBeNumbering(raw: string, i: number): boolean {
  for (let k = i + 1; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (CN_NUMERALS.has(c) || c === 32 || (c >= 9 && c <= 13)) continue;
    if (c === 0x3001) return true;
    return !(c < 0x80 || (c >= 0x4e00 && c <= 0x9fff));
  }
  return false;
}

/**
 * Whether the normal form of `raw` could begin with the first character of a key. What is looked
 * up is a prefix of the normal form (brackets, slashes and % are cut from its end), and
 * normalising only drops whitespace and leading decorations before the first character and maps
 * it one to one (half-width, lower case), so a roster's names and addresses, which begin with
 * characters no key begins with, are turned away after one or two characters. Characters whose
 * mapping is not that simple are left to the full match.
 */
function mayStartKey(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    // whitespace anywhere and a leading * or ※ are dropped
    if (c === 32 || (c >= 9 && c <= 13) || c === 42 || c === 0x203b) continue;
    if (c >= 0x80 && (c < 0x4e00 || c > 0x9fff)) return true;
    if (NUMBERING_ONLY.has(c)) return mayBeNumbering(raw, i);
    return (START_BITS[c >> 3] & (1 << (c & 7))) !== 0;
  }
  // nothing but whitespace and decorations: the normal form is empty
  return false;
}

/**
 * Whether `raw` could name a role at all: the key a header is looked up by is a stretch of its
 * normal form, and normalising changes characters one by one (half-width, lower case) or drops
 * them, so a text none of whose characters (so mapped) occurs in any key names none. A roster's
 * names, ID numbers, phones and addresses are hundreds of thousands of such texts, and this saves
 * normalising each. Characters whose mapping is not that simple (anything but ASCII, full-width
 * ASCII and the common ideographs) are left to the full match, so no word is lost to it.
 */
export function mayNameRole(raw: string): boolean {
  if (!mayStartKey(raw)) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (KEY_CHARS.has(c)) return true;
    if (c < 0x80) {
      if (c >= 65 && c <= 90 && KEY_CHARS.has(c + 32)) return true;
      continue;
    }
    if (c >= 0xff01 && c <= 0xff5e) {
      const h = c - 0xfee0;
      if (KEY_CHARS.has(h) || (h >= 65 && h <= 90 && KEY_CHARS.has(h + 32))) return true;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    return true;
  }
  return false;
}

/**
 * The role a header text names, or null. The bracket (or a trailing %) is read separately:
 * a unit, a percentage marker, or a note that does not change the role.
 */
export function matchRole(raw: string): RoleMatch | null {
  return raw.length > MAX_HEADER || !mayNameRole(raw) ? null : matchRoleUnfiltered(raw);
}

/** matchRole without the pre-filter: what it must agree with (test/core/tables/vocabulary.test.ts) */
export function matchRoleUnfiltered(raw: string): RoleMatch | null {
  if (raw.length > MAX_HEADER) return null;
  let t = normaliseLabel(raw);
  if (!t) return null;
  let unit: string | null = null;
  let percentPoints = false;
  let scale100 = false;
  let note: string | null = null;
  for (let guard = 0; guard < 3; guard++) {
    const m = /^(.+?)[(（]([^()（）]*)[)）]$/.exec(t) ?? /^(.+?)[/／]([^/／]*)$/.exec(t);
    const pct = /^(.+?)%$/.exec(t);
    if (pct) {
      t = pct[1];
      percentPoints = true;
      continue;
    }
    if (!m) break;
    const inner = m[2];
    if (/%|百分/.test(inner)) {
      if (/百分制/.test(inner)) scale100 = true;
      else percentPoints = true;
    } else if (UNIT_RE.test(inner)) unit = inner;
    else if (/^单位[:：]?(.+)$/.test(inner)) unit = inner.replace(/^单位[:：]?/, "");
    else if (inner) note = note ?? inner;
    t = m[1];
  }
  const hit = lookup.get(t);
  if (!hit) return null;
  return { role: hit.role, unit, percentPoints, scale100, period: hit.period, note };
}

/**
 * A header cell that holds only a unit or a percentage marker — （个）, (%), 单位：人次, % — as
 * a band row of its own under the headers it qualifies; null for anything else.
 */
export function unitNote(raw: string): { unit: string | null; percentPoints: boolean } | null {
  if (raw.length > 16) return null;
  const t = normaliseLabel(raw);
  const m = /^\(?(?:单位[:：]?)?([^()]*)\)?$/.exec(t);
  if (!m || !(t.startsWith("(") || t.startsWith("单位") || /^%$/.test(t))) return null;
  const inner = m[1];
  if (/^(%|百分比|百分数)$/.test(inner)) return { unit: null, percentPoints: true };
  if (UNIT_RE.test(inner)) return { unit: inner, percentPoints: false };
  return null;
}

/** Words that name a 合计 row or area group. */
export const TOTAL_WORDS = /^(合计|总计|合共|小计|全站|总数|汇总|全年合计|全街|全镇|全部|total|subtotal|all)$|合计$|总计$/;
