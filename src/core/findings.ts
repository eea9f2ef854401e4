import { a1 } from "./a1";
import { maskText } from "./privacy/mask";
import type { Finding, FindingCode, FindingParam, Severity } from "./types";

/**
 * Every finding code with its severity and its message in both languages. docs/findings.md
 * mirrors this table; a test keeps the two in step. Messages take named parameters in braces.
 * Messages never carry a full ID number or phone: callers pass masked values only.
 */
export const FINDING_CATALOGUE: Record<FindingCode, { severity: Severity; zh: string; en: string }> = {
  "full-width-digits": {
    severity: "info",
    zh: "数字使用了全角字符（{text}），已按半角数字读取",
    en: "Full-width digits ({text}) were read as ordinary digits",
  },
  "not-a-number": {
    severity: "error",
    zh: "“{text}”不是数量，无法计算",
    en: "“{text}” is not a quantity and cannot be computed",
  },
  "cell-error": {
    severity: "error",
    zh: "单元格是错误值 {text}，请先修正其公式或数据",
    en: "The cell holds the error {text}; fix its formula or data first",
  },
  "missing-label": {
    severity: "warning",
    zh: "这一组指标没有名称，请在 {cell} 补上指标名称",
    en: "This indicator block has no name; add it in {cell}",
  },
  "target-zero": {
    severity: "error",
    zh: "“{label}”的指标要求为 0，完成百分比无法计算，已留空",
    en: "The target of “{label}” is 0, so the percentage is left blank",
  },
  "target-missing": {
    severity: "error",
    zh: "“{label}”缺少指标要求，完成百分比已留空",
    en: "“{label}” has no target, so the percentage is left blank",
  },
  "completed-missing": {
    severity: "warning",
    zh: "“{label}”缺少完成情况，完成百分比已留空",
    en: "“{label}” has no completed figure, so the percentage is left blank",
  },
  "percent-mismatch": {
    severity: "error",
    zh: "“{label}”填写的完成百分比 {declared} 与计算结果 {computed} 不符，已改为计算结果",
    en: "“{label}”: the percentage {declared} differs from the computed {computed}; replaced",
  },
  "percent-typed": {
    severity: "info",
    zh: "“{label}”的完成百分比是手工填写的 {declared}，已改为公式",
    en: "“{label}”: the typed percentage {declared} was replaced by a formula",
  },
  "unit-mismatch": {
    severity: "warning",
    zh: "“{label}”的单位“{unit}”不在允许范围（{allowed}）内，请核对是否错行",
    en: "“{label}”: the unit “{unit}” is not one of {allowed}; check whether rows slipped",
  },
  "unit-inconsistent": {
    severity: "warning",
    zh: "“{label}”的指标要求单位“{targetUnit}”与完成情况单位“{completedUnit}”不一致",
    en: "“{label}”: target unit “{targetUnit}” differs from completed unit “{completedUnit}”",
  },
  "unknown-indicator": {
    severity: "info",
    zh: "指标“{label}”不在指标目录中，未检查单位",
    en: "The indicator “{label}” is not in the catalogue; its unit was not checked",
  },
  "sum-mismatch": {
    severity: "error",
    zh: "“{label}”各片区{what}之和为 {sum}，与合计 {total} 不符",
    en: "“{label}”: the areas' {what} add up to {sum}, not the total {total}",
  },
  "behind-pace": {
    severity: "warning",
    zh: "“{label}”完成 {percent}，低于按时间进度应完成的 {expected}",
    en: "“{label}” is at {percent}, below the {expected} expected by now",
  },
  "percent-formula-wrong": {
    severity: "warning",
    zh: "“{label}”完成百分比单元格中的公式 {formula} 不是本行的完成数÷指标（应为 {expected}），已替换",
    en: "“{label}”: the formula {formula} in the percentage cell does not divide this row's completed by its target ({expected}); replaced",
  },
  "score-mode-assumed": {
    severity: "info",
    zh: "{mode}",
    en: "{mode}",
  },
  "weights-not-100": {
    severity: "error",
    zh: "四方权重合计为 {sum}，不是 100%",
    en: "The four parties' weights add up to {sum}, not 100%",
  },
  "score-out-of-range": {
    severity: "error",
    zh: "{party}得分 {score} 超出范围（0–{max}）",
    en: "{party}: the score {score} is outside 0–{max}",
  },
  "score-missing": {
    severity: "error",
    zh: "{party}得分为空，总分不完整",
    en: "{party} has no score, so the total is incomplete",
  },
  "party-missing": {
    severity: "warning",
    zh: "评分表缺少{party}一行",
    en: "The score sheet has no row for {party}",
  },
  "blank-row": {
    severity: "info",
    zh: "第 {row} 行为空行，已跳过",
    en: "Row {row} is blank and was skipped",
  },
  "low-confidence-mapping": {
    severity: "warning",
    zh: "套表字段“{field}”可能对应列“{header}”（相似度 {confidence}），请确认",
    en: "Template field “{field}” may be the column “{header}” (similarity {confidence}); please confirm",
  },
  "missing-template-column": {
    severity: "warning",
    zh: "工作表缺少套表字段“{field}”，已在 {cell} 添加该列",
    en: "The sheet lacks the template field “{field}”; a column was added at {cell}",
  },
  "missing-template-field": {
    severity: "warning",
    zh: "工作表缺少套表字段“{field}”，套表中该列留空（未添加新列）",
    en: "The sheet lacks the template field “{field}”; its template column stays empty (no column added)",
  },
  "unmapped-column": {
    severity: "info",
    zh: "列“{header}”不属于套表字段，保持原样",
    en: "The column “{header}” is not a template field and was left alone",
  },
  "stale-saved-mapping": {
    severity: "warning",
    zh: "对应关系“{field}”→“{header}”所指的列已不存在，未套用",
    en: "The mapping “{field}” → “{header}” names a column that is gone; not applied",
  },
  "stale-saved-layout": {
    severity: "warning",
    zh: "保存的表格布局“{name}”已与表格不符（{reason}），本次未使用，改为自动识别；如仍需要，请重新指定表格",
    en: "The saved layout “{name}” no longer fits ({reason}); it was not used and the table was detected instead. Teach the table again if needed",
  },
  "invalid-id-number": {
    severity: "error",
    zh: "身份证号码 {masked} 校验不通过",
    en: "The ID number {masked} fails its check",
  },
  "id-precision-lost": {
    severity: "error",
    zh: "身份证号码以数字保存，末尾几位已丢失（{masked}），只能重新录入为文本",
    en: "The ID number was stored as a number and lost its last digits ({masked}); re-type it as text",
  },
  "legacy-id-number": {
    severity: "info",
    zh: "15 位旧身份证号码 {masked}",
    en: "Legacy 15-digit ID number {masked}",
  },
  "id-gender-mismatch": {
    severity: "warning",
    zh: "性别“{gender}”与身份证号码不符",
    en: "The sex “{gender}” does not match the ID number",
  },
  "id-age-mismatch": {
    severity: "warning",
    zh: "年龄 {age} 与身份证号码推算的 {expected} 岁不符",
    en: "The age {age} does not match {expected} derived from the ID number",
  },
  "invalid-phone": {
    severity: "warning",
    zh: "联系电话 {masked} 不是有效的手机或固话号码",
    en: "The phone {masked} is neither a valid mobile nor a landline number",
  },
  "unknown-category": {
    severity: "warning",
    zh: "服务对象类别“{category}”不属于 17 类困难群众和特殊群体",
    en: "The category “{category}” is not one of the 17 categories",
  },
  "category-age-mismatch": {
    severity: "warning",
    zh: "类别“{category}”要求年龄{rule}，但年龄为 {age}",
    en: "The category “{category}” requires age {rule}, but the age is {age}",
  },
  "category-gender-mismatch": {
    severity: "warning",
    zh: "类别“{category}”要求性别为{rule}",
    en: "The category “{category}” requires sex {rule}",
  },
  "category-not-elderly": {
    severity: "info",
    zh: "类别“{category}”（{age} 岁）不属于特殊困难老年人类别（需年满 {elderly} 岁）{advice}",
    en: "The category “{category}” (age {age}) is not an elderly category (from {elderly}){advice}",
  },
  "follow-up-overdue": {
    severity: "warning",
    zh: "最近一次跟进是 {last}，到 {asOf} 已 {days} 天，超过{rule}要求的 {limit} 天",
    en: "The last follow-up was on {last}, {days} days before {asOf}, longer than the {limit} days of {rule}",
  },
  "follow-up-undated": {
    severity: "warning",
    zh: "跟进记录中没有可识别的日期，无法确认是否按{rule}要求在 {limit} 天内跟进",
    en: "The follow-up record has no readable date, so the {limit}-day rule of {rule} cannot be confirmed",
  },
  "follow-up-no-dates": {
    severity: "warning",
    zh: "跟进记录列没有任何可识别的日期（{rows} 行需按{rule}要求定期跟进），无法检查跟进是否及时；请在每条记录前写明日期，如“2023.8.1 电访”",
    en: "The follow-up column holds no readable date at all ({rows} rows fall under {rule}), so recency cannot be checked; start each record with its date, e.g. “2023.8.1 电访”",
  },
  "duplicate-person": {
    severity: "warning",
    zh: "身份证号码 {masked} 与第 {row} 行重复",
    en: "The ID number {masked} repeats row {row}",
  },
  "missing-value": {
    severity: "error",
    zh: "必填字段“{field}”为空",
    en: "The required field “{field}” is blank",
  },
  "invalid-date": {
    severity: "warning",
    zh: "“{text}”不是有效日期",
    en: "“{text}” is not a valid date",
  },
  // periods, staffing and follow-up (issue 10)
  "pacing-needs-contract": {
    severity: "info",
    zh: "只找到评估周期 {window}，未找到年度服务协议时间（合同期），未检查时间进度；请在工作簿中写明“年度服务协议时间：…至…”，或在设置中填写合同期（命令行 --contract 开始..结束）",
    en: "Only the evaluation window {window} was found, not the contract year, so pacing was not checked; state “年度服务协议时间：… 至 …” in the workbook, or set the contract year in the settings (--contract START..END)",
  },
  "staffing-no-contract": {
    severity: "info",
    zh: "未找到合同约定的社工配备人数，只统计实到岗人次；可在设置中填写（命令行 --staff 社工数/持证社工数，如 --staff 20/10）",
    en: "No contracted headcount was found, so only the person-months on post are counted; set it in the settings (--staff ALL/CERTIFIED, e.g. --staff 20/10)",
  },
  "staffing-no-months": {
    severity: "warning",
    zh: "到岗情况表只有入职/离职日期，但不知道评估哪几个月；请写明评估周期或合同期",
    en: "The staffing table has only start and leaving dates, and the months to assess are unknown; state the evaluation window or contract year",
  },
  "staffing-under": {
    severity: "warning",
    zh: "{class}实到岗 {actual} 人次，少于应到岗 {required} 人次",
    en: "{class}: {actual} person-months on post, fewer than the {required} required",
  },
  "retention-below": {
    severity: "warning",
    zh: "稳岗率 {rate}（持续在岗 {stayed} 人 ÷ 合同配备 {base} 人）低于要求的 {threshold}",
    en: "Retention {rate} ({stayed} on post throughout ÷ {base} contracted) is below the required {threshold}",
  },
  "staffing-mix-mismatch": {
    severity: "warning",
    zh: "期末月在岗 {total} 人，按持证情况分级只合计 {sum} 人；请补全或更正持证情况",
    en: "{total} on post in the last month, but the qualification levels add up to {sum}; complete or correct 持证情况",
  },
  "staff-cert-missing": {
    severity: "warning",
    zh: "第 {row} 行社工没有填写持证情况",
    en: "The social worker in row {row} has no qualification (持证情况)",
  },
  "staff-cert-unknown": {
    severity: "warning",
    zh: "持证情况“{text}”无法识别（应为高级社工师、中级社工师、助理社工师或非持证）",
    en: "The qualification “{text}” is not recognised (高级社工师, 中级社工师, 助理社工师 or 非持证)",
  },
  "staff-mark-unknown": {
    severity: "warning",
    zh: "到岗标记“{mark}”不是认可的写法（√、✓、1、在岗、是），未计入到岗",
    en: "The on-post mark “{mark}” is not an accepted form (√, ✓, 1, 在岗, 是) and was not counted",
  },
  "nothing-found": {
    severity: "warning",
    zh: "工作簿中没有找到指标表、评分表、服务对象汇总表或社工到岗情况表",
    en: "No indicator table, score sheet, roster or staffing table was found in the workbook",
  },
  "table-not-understood": {
    severity: "info",
    zh: "工作表“{sheet}”中从 {cell} 起像是一张表格（表头下有数字），但没有识别出指标表或评分表；如需评估，请用“指定表格”标出",
    en: "The sheet “{sheet}” holds what looks like a table from {cell} (numbers under headers), but no indicator or score table was recognised; mark it with “Specify table” to score it",
  },
  "sheet-name-adjusted": {
    severity: "info",
    zh: "输出工作表名称已调整为“{name}”",
    en: "The output sheet was named “{name}”",
  },
  // found by the Excel host as it writes: a cell the plan meant to write was left as it was
  "write-skipped-spill": {
    severity: "warning",
    zh: "{cell}{more}在动态数组公式的溢出区域内，写入会让公式显示 #SPILL!，本次未写入，请手工核对",
    en: "{cell}{more} lies in a dynamic array's spill range; writing there would make the formula show #SPILL!, so it was not written: check it by hand",
  },
  "write-skipped-array": {
    severity: "warning",
    zh: "{cell}{more}属于数组公式（按 Ctrl+Shift+Enter 输入）的一部分，Excel 不允许只改其中几格，本次未写入，请手工核对",
    en: "{cell}{more} is part of an array formula (entered with Ctrl+Shift+Enter); Excel does not let part of one be changed, so it was not written: check it by hand",
  },
  "write-skipped-table": {
    severity: "warning",
    zh: "{cell}{more}紧挨着 Excel 表格“{table}”，写入会让表格自动扩大、撤销后也无法原样恢复，本次未写入",
    en: "{cell}{more} is right beside the Excel table “{table}”; writing there would grow the table for good, even after undo, so it was not written",
  },
};

/**
 * Codes a host finds while writing, not evaluate (the Excel host's spills, arrays and tables):
 * test/excel proves each is produced, test/core/finding-codes.test.ts the rest.
 */
export const HOST_FINDING_CODES: readonly FindingCode[] = ["write-skipped-spill", "write-skipped-array", "write-skipped-table"];

export type Lang = "zh" | "en";

/** The sheet a run lists its findings on (the UI leaves it out of the sheets a user picks from). */
export const FINDINGS_SHEET_NAME = { zh: "评估发现", en: "Findings" };

export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The parameters in one language: a {zh, en} pair becomes its side for `lang`. */
export function paramsIn(params: Record<string, FindingParam>, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === "object" ? v[lang] : v;
  return out;
}

/** Build a finding on the cell at (row, col), 0-based. */
export function finding(
  code: FindingCode,
  sheet: string,
  row: number,
  col: number,
  params: Record<string, FindingParam> = {},
  lang: Lang = "zh",
  severity?: Severity,
): Finding {
  const entry = FINDING_CATALOGUE[code];
  const cell = a1(row, col);
  return {
    code,
    severity: severity ?? entry.severity,
    sheet,
    cell,
    message: formatMessage(entry[lang], { cell, ...paramsIn(params, lang) }),
    params: { ...params },
  };
}

/** Masks every text parameter, as the message itself is masked before a report leaves the core. */
export function maskParams(params: Record<string, FindingParam>): Record<string, FindingParam> {
  const out: Record<string, FindingParam> = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = typeof v === "number" ? v : typeof v === "string" ? maskText(v) : { zh: maskText(v.zh), en: maskText(v.en) };
  }
  return out;
}

/**
 * A finding's message in `lang`, rebuilt from its code and parameters; a finding without them (an
 * older report) keeps the message it came with.
 */
export function findingMessage(f: Finding, lang: Lang): string {
  if (!f.params) return f.message;
  const entry = FINDING_CATALOGUE[f.code];
  if (!entry) return f.message;
  return maskText(formatMessage(entry[lang], { cell: f.cell, ...paramsIn(f.params, lang) }));
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order for reports: severity, then sheet order as met, then row, then column. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((x, y) => SEVERITY_ORDER[x.f.severity] - SEVERITY_ORDER[y.f.severity] || x.i - y.i)
    .map((x) => x.f);
}
