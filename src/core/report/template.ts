import type { PartyId } from "../types";

/**
 * The wording of the report draft, in the manner of a 双百 mid-term evaluation report (the seed
 * report of 夏港街社工服务站). Data only: a sentence is changed here, never in the code that fills
 * it. Slots are written in braces ({n}, {unit}); a slot left empty takes the space before it along.
 */

/** The report sheet's own name in each language (the pane leaves it out of its sheet pickers). */
export const REPORT_SHEET_NAME = { zh: "评估报告摘要", en: "Report summary" };

/** How a quantity of one indicator is introduced: first in its sentence, after another, after itself. */
export interface Phrase {
  first: string;
  /** after another indicator in the same sentence (default: first) */
  next?: string;
  /** by unit: when the same indicator is counted again in another unit (小组 15 个，开展 90 节) */
  units?: Record<string, { first: string; same: string }>;
}

export interface IndicatorGroup {
  /** catalogue ids, in the order the sentence names them */
  items: string[];
  /**
   * together: 甲 N 个，乙 N 个，分别完成协议指标量的 p1，p2 (when every item has a percentage);
   * each: 甲 N 个，完成协议指标量的 p1，乙 N 个 …
   */
  manner: "together" | "each";
  /** indicators the catalogue does not know join this group */
  others?: boolean;
}

export interface ReportTemplate {
  sheetName: string;
  /** A1 of the sheet: a re-run recognises its own sheet by it */
  marker: string;
  note: string;
  title: string;
  titleNoStation: string;
  headings: { assessment: string; staffing: string; indicators: string; result: string; appendix: string };
  /** （一）（二）… for the parts of 六、 */
  partNumbers: string[];
  quantity: string;
  together: string;
  single: string;
  percentSeparator: string;
  /** between two quantities of a sentence */
  clause: string;
  /** between two sentences of the 服务指标 paragraph */
  sentence: string;
  end: string;
  staffAtEnd: string;
  window: string;
  noWindow: string;
  groups: IndicatorGroup[];
  phrases: Record<string, Phrase>;
  /** an indicator the catalogue does not know: its label from the cell, then this */
  unknownLead: string;
  staffing: {
    classes: Record<"certified" | "all", string>;
    required: string;
    actual: string;
    /** the word before a surplus, and before a shortfall */
    surplus: string;
    shortfall: string;
    surplusPhrase: string;
    classSeparator: string;
    afterClasses: string;
    mix: string;
    mixGrades: { key: string; text: string }[];
    mixSeparator: string;
    mixAnd: string;
    mixList: string;
    mixUncertified: string;
    retention: string;
    meets: string;
    fails: string;
  };
  result: {
    parties: Record<PartyId, string>;
    party: string;
    total: string;
    totalNoGrade: string;
    counts: string[];
  };
  appendix: {
    columns: string[];
  };
}

const ZH: ReportTemplate = {
  sheetName: REPORT_SHEET_NAME.zh,
  marker: "评估报告摘要（双百社工站评估助手生成，重新评分时自动更新）",
  note: "以下各段是公式，随各工作表中的数字自动更新，可直接复制到评估报告中。",
  title: "{station}评估报告摘要",
  titleNoStation: "社工站评估报告摘要",
  headings: {
    assessment: "六、第三方专业评估",
    staffing: "{part}项目管理 · 人员到岗",
    indicators: "{part}服务指标完成情况",
    result: "七、评估结果",
    appendix: "附件1：指标完成情况统计表",
  },
  partNumbers: ["（一）", "（二）", "（三）", "（四）"],
  quantity: "{lead} {n} {unit}",
  together: "，分别完成协议指标量的 {percents}",
  single: "，完成协议指标量的 {percent}",
  percentSeparator: "，",
  clause: "，",
  sentence: "；",
  end: "。",
  staffAtEnd: "评估期末月，社工站投入符合资质的社工 {n} 名。",
  window: "（以上数据统计共计 {months} 个考核月份，由社工服务站提供，各项指标完成情况见附件 1）",
  noWindow: "（以上数据由社工服务站提供，各项指标完成情况见附件 1）",
  groups: [
    { items: ["filing", "phone-visit", "home-visit"], manner: "together" },
    { items: ["casework"], manner: "together" },
    { items: ["group"], manner: "together" },
    { items: ["large-activity", "small-activity"], manner: "each" },
    { items: ["new-volunteers", "volunteer-core", "volunteer-training", "volunteer-teams", "volunteer-hours"], manner: "together" },
    { items: ["research", "community-orgs", "micro-wishes", "resources", "media"], manner: "each", others: true },
  ],
  phrases: {
    filing: { first: "本年度建档", next: "建档" },
    "phone-visit": { first: "本年度完成电访", next: "完成电访" },
    "home-visit": { first: "本年度完成探访", next: "探访" },
    casework: { first: "个案接案", units: { 节: { first: "个案服务", same: "服务" }, 人次: { first: "个案服务", same: "服务" } } },
    group: {
      first: "完成小组",
      units: { 节: { first: "开展小组", same: "开展" }, 人次: { first: "小组服务", same: "服务" } },
    },
    "large-activity": { first: "完成大型社区活动", next: "大型社区活动", units: { 人次: { first: "大型社区活动服务", same: "服务" } } },
    "small-activity": { first: "完成中小型社区活动", next: "中小型社区活动", units: { 人次: { first: "中小型社区活动服务", same: "服务" } } },
    "new-volunteers": { first: "新增志愿者" },
    "volunteer-core": { first: "培育志愿者骨干" },
    "volunteer-training": { first: "开展志愿者培训" },
    "volunteer-teams": { first: "新增志愿者队伍" },
    "volunteer-hours": { first: "志愿服务时数" },
    research: { first: "完成调研" },
    "community-orgs": { first: "培育社区社会组织" },
    "micro-wishes": { first: "实现微心愿" },
    resources: { first: "筹集资源" },
    media: { first: "获得媒体报道" },
  },
  unknownLead: "{label}",
  staffing: {
    classes: { certified: "持证社工", all: "社工即“持证社工+非持证社工”" },
    required: "应到岗 {n} 人次",
    actual: "实到岗 {n} 人次",
    surplus: "超配",
    shortfall: "缺配",
    surplusPhrase: "{word} {n} 人次",
    classSeparator: "；",
    afterClasses: "在人员到岗方面，{classes}。",
    mix: "在人员资质方面，截至评估期末月，社工站共配备 {certified} 名持证社工{grades}{uncertified}，共计 {total} 名社工。",
    mixGrades: [
      { key: "高级社工师", text: "{n} 名高级社工师" },
      { key: "中级社工师", text: "{n} 名中级社工师" },
      { key: "助理社工师", text: "{n} 名助理社工师" },
    ],
    mixSeparator: "、",
    mixAnd: "和 ",
    mixList: "，含 {list}",
    mixUncertified: "，另外配备 {n} 名非持证社工",
    retention:
      "在人员稳岗方面，社工站在评估期内共有 {stayed} 名社会工作者持续稳定在岗，稳岗率为 {rate}，{verdict}评估指标体系关于人员稳岗率 {threshold} 的要求。",
    meets: "符合",
    fails: "不符合",
  },
  result: {
    parties: { buyer: "购买方评估", supervisor: "监督方评估", "supervision-centre": "督导中心评估", "third-party": "第三方评估" },
    party: "{number}{party} 得分：{score} 分",
    total: "以上{count}项总得分 {total} 分，等级：{grade}",
    totalNoGrade: "以上{count}项总得分 {total} 分",
    counts: ["一", "二", "三", "四", "五", "六"],
  },
  appendix: {
    columns: ["指标", "单位", "指标要求", "完成情况", "完成百分比", "备注"],
  },
};

const EN: ReportTemplate = {
  sheetName: REPORT_SHEET_NAME.en,
  marker: "Report summary (generated by shuangbai; refreshed on every run)",
  note: "The paragraphs below are formulas: they follow the figures in the other sheets and can be copied into the report.",
  title: "{station}: evaluation report summary",
  titleNoStation: "Station evaluation report summary",
  headings: {
    assessment: "6. Third-party assessment",
    staffing: "{part} Project management: staffing",
    indicators: "{part} Service indicators",
    result: "7. Result",
    appendix: "Annex 1: indicator completion",
  },
  partNumbers: ["(1)", "(2)", "(3)", "(4)"],
  quantity: "{lead} {n} {unit}",
  together: ", reaching {percents} of the contracted targets respectively",
  single: ", {percent} of the contracted target",
  percentSeparator: ", ",
  clause: ", ",
  sentence: "; ",
  end: ".",
  staffAtEnd: "In the last month assessed the station employed {n} qualified social workers. ",
  window: " (figures for {months} assessed months, supplied by the station; details in Annex 1)",
  noWindow: " (figures supplied by the station; details in Annex 1)",
  groups: ZH.groups,
  phrases: {
    filing: { first: "This year the station filed", next: "filed" },
    "phone-visit": { first: "This year the station made phone visits:", next: "phone visits" },
    "home-visit": { first: "This year the station made home visits:", next: "home visits" },
    casework: {
      first: "cases opened",
      units: { 节: { first: "casework sessions", same: "sessions" }, 人次: { first: "casework sessions", same: "sessions" } },
    },
    group: { first: "groups run", units: { 节: { first: "group sessions", same: "sessions" }, 人次: { first: "group attendance", same: "attendance" } } },
    "large-activity": { first: "large community events", units: { 人次: { first: "large-event attendance", same: "attendance" } } },
    "small-activity": { first: "small and medium events", units: { 人次: { first: "small-event attendance", same: "attendance" } } },
    "new-volunteers": { first: "new volunteers" },
    "volunteer-core": { first: "volunteer leaders trained" },
    "volunteer-training": { first: "volunteer training" },
    "volunteer-teams": { first: "new volunteer teams" },
    "volunteer-hours": { first: "volunteer hours" },
    research: { first: "surveys" },
    "community-orgs": { first: "community organisations fostered" },
    "micro-wishes": { first: "micro-wishes fulfilled" },
    resources: { first: "resources raised" },
    media: { first: "media reports" },
  },
  unknownLead: "{label}",
  staffing: {
    classes: { certified: "certified social workers", all: "all social workers (certified and uncertified)" },
    required: "required {n} person-months",
    actual: "on post {n} person-months",
    surplus: "surplus",
    shortfall: "shortfall",
    surplusPhrase: "{word} {n}",
    classSeparator: "; ",
    afterClasses: "Staffing: {classes}. ",
    mix: "At the end of the period the station had {certified} certified social workers{grades}{uncertified}, {total} in all. ",
    mixGrades: [
      { key: "高级社工师", text: "{n} senior" },
      { key: "中级社工师", text: "{n} intermediate" },
      { key: "助理社工师", text: "{n} assistant" },
    ],
    mixSeparator: ", ",
    mixAnd: " and ",
    mixList: " ({list})",
    mixUncertified: " and {n} uncertified",
    retention: "{stayed} social workers stayed on post throughout the period, a retention rate of {rate}, which {verdict} the {threshold} required.",
    meets: "meets",
    fails: "does not meet",
  },
  result: {
    parties: { buyer: "Buyer", supervisor: "Supervisor", "supervision-centre": "Supervision centre", "third-party": "Third party" },
    party: "{number} {party}: {score} points",
    total: "Total of the {count} parts: {total} points, grade: {grade}",
    totalNoGrade: "Total of the {count} parts: {total} points",
    counts: ["one", "two", "three", "four", "five", "six"],
  },
  appendix: {
    columns: ["Indicator", "Unit", "Target", "Completed", "Completion %", "Note"],
  },
};

export const REPORT_TEMPLATES: Record<"zh" | "en", ReportTemplate> = { zh: ZH, en: EN };
