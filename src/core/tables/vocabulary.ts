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
 * one normalisation and one map look-up, and no word can be lost to a pre-filter.
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

/**
 * The role a header text names, or null. The bracket (or a trailing %) is read separately:
 * a unit, a percentage marker, or a note that does not change the role.
 */
export function matchRole(raw: string): RoleMatch | null {
  if (raw.length > MAX_HEADER) return null;
  let t = normaliseLabel(raw);
  if (!t) return null;
  let unit: string | null = null;
  let percentPoints = false;
  let scale100 = false;
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
    t = m[1];
  }
  const hit = lookup.get(t);
  if (!hit) return null;
  return { role: hit.role, unit, percentPoints, scale100, period: hit.period };
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
