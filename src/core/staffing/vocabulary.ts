import { COUNT_SOURCE } from "../numerals";
import type { CertLevel } from "../types";

/**
 * The words of a 社工到岗情况统计表, as data. The seed report's 项目管理 section counts
 * 持证社工 and 社工（持证+非持证） by month on post; the table itself (附件 2) is not public
 * (domain.md §2a), so the headers below are the forms stations write, not an official layout.
 */

/** header of the worker's name column (normalised: no spaces, half-width) */
export const NAME_HEADERS = ["姓名", "社工姓名", "人员姓名", "员工姓名", "社工", "工作人员", "名字"];

/** a header naming the qualification column contains one of these */
export const CERT_HEADER_WORDS = ["持证情况", "证书等级", "持证", "证书", "资质", "职业资格", "资格等级", "职业水平"];

export const ENTRY_HEADERS = ["入职日期", "入职时间", "到岗日期", "到岗时间", "入职", "到岗", "上岗日期", "上岗时间"];
export const EXIT_HEADERS = ["离职日期", "离职时间", "离岗日期", "离岗时间", "离职", "离岗"];

/**
 * On-post marks the tool counts, exactly as typed (half-width digits). The issue names √ ✓ 1 在岗 是;
 * ✔ and ☑ are the same tick from other fonts and input methods; 在职 and 到岗 say the same in words.
 */
export const ON_POST_MARKS: readonly (string | number)[] = ["√", "✓", "✔", "☑", "在岗", "在职", "到岗", "是", 1, "1"];

/** Marks that say "not on post" and need no comment. Anything else is reported and not counted. */
export const OFF_POST_MARKS = ["×", "✗", "✘", "x", "X", "0", "否", "离岗", "离职", "未到岗", "不在岗", "无", "-", "—", "/", "／"];

/**
 * Qualification levels, tested in order on the 持证情况 text: the national 社会工作者职业水平
 * 评价 has three levels, 助理社会工作师, 社会工作师 (often 中级) and 高级社会工作师 (domain.md §3e).
 */
export const CERT_PATTERNS: readonly { level: CertLevel; re: RegExp }[] = [
  { level: "非持证", re: /^(非持证|未持证|无证|无|否|没有|未取得|非持证社工|不持证|暂无)/ },
  { level: "高级社工师", re: /高级/ },
  { level: "助理社工师", re: /助理|初级/ },
  { level: "中级社工师", re: /中级|社会工作师|社工师/ },
];

/** 持证 / 是 / 有: certified, level not said */
export const CERT_GENERIC = /^(持证|已持证|是|有|持证社工|已取得)$/;

export const CERT_LEVELS: readonly CertLevel[] = ["高级社工师", "中级社工师", "助理社工师", "非持证"];

/**
 * Words that mark the contract's staffing line (合同约定：配备社工20名，其中持证社工不少于10名). The
 * counts may be Chinese numerals (配备社工二十名，其中持证社工不少于十名) or full-width digits (２０名),
 * and stand after the noun (配备社工20名) or before it (配备20名社工，其中10名为持证社工).
 */
export const CONTRACT_WORDS = /合同|协议|约定|要求|采购/;
const N = `(${COUNT_SOURCE})`;
const WORKER = "(?:专职|一线)?社(?:会)?工(?:作者)?(?:人员)?";
const AT_LEAST = "(?:不少于|不低于|至少|不得少于|共|为|合计)?";
export const CONTRACTED_ALL: readonly RegExp[] = [
  new RegExp(`配(?:备|置)${WORKER}${AT_LEAST}${N}(?:名|人|位)`),
  new RegExp(`配(?:备|置)${AT_LEAST}${N}(?:名|人|位)${WORKER}`),
];
export const CONTRACTED_CERTIFIED: readonly RegExp[] = [
  new RegExp(`持证${WORKER}${AT_LEAST}${N}(?:名|人|位)`),
  new RegExp(`其中${AT_LEAST}${N}(?:名|人|位)(?:为|须为|应为|是)?持证`),
];

/** 80 %: the 评估指标体系's 人员稳岗率 requirement as the seed report quotes it */
export const DEFAULT_RETENTION_THRESHOLD = 0.8;

/**
 * A row whose name cell says this ends the table: a total or a note, or the first line of a
 * figures grid under it (类别 | 应到岗人次 | 实到岗人次 | 超配人次, then 持证社工 / 社工（持证+非持证） rows),
 * whose labels are no worker's name.
 */
export const TABLE_END =
  /^(合计|小计|总计|备注|说明|合同约定|注[:：]?|项目$|类别$|人员类别|统计|到岗统计|应到岗|实到岗|超配|稳岗|持续(稳定)?在岗|持证社工|非持证社工|社工\()/;

/**
 * The class a row label of a figures grid names: 持证社工 → certified; 社工（持证+非持证）, 全部社工,
 * 合计 → all. Null for anything else.
 */
export function staffClassOf(label: string): "certified" | "all" | null {
  if (/持证/.test(label) && !/非持证|持证\+|持证及|持证和|持证与/.test(label)) return "certified";
  return /社工|社会工作者|合计|全部|总/.test(label) ? "all" : null;
}
