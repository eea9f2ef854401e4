import { createContext, useContext } from "react";
import type { FindingCode } from "../core/types";

export type Lang = "zh" | "en";

/**
 * Every string the pane and the page show, zh-CN first and English second, so a translator edits
 * one file. Parameters are written in braces: {name}.
 */
const MESSAGES = {
  "app.title": ["双百社工站评估助手", "Shuangbai station evaluation"],
  "app.notInOffice": [
    "请在 Excel 中打开此加载项；没有 Excel 时请使用独立网页 index.html",
    "Open this add-in in Excel; without Excel, use the standalone page index.html",
  ],

  "run.button": ["一键评分", "Score workbook"],
  "run.phase.read": ["读取", "Reading"],
  "run.phase.analyse": ["分析", "Analysing"],
  "run.phase.write": ["写回", "Writing"],
  "run.progress": ["正在{phase}…", "{phase}…"],
  "run.steps": ["读取 → 分析 → 写回", "Read → analyse → write"],
  "run.done": ["评分完成，结果已写回工作簿。", "Scoring finished; the results were written to the workbook."],
  "run.doneFile": ["评分完成，可以下载评估结果。", "Scoring finished; the scored workbook is ready to download."],
  "run.nothingToScore": [
    "没有找到可评估的内容（指标表、评分表或服务对象汇总表），工作簿未做任何改动。",
    "Nothing to evaluate (no indicator table, score sheet or roster); the workbook was not changed.",
  ],
  "run.needFile": ["请先选择一个 .xlsx 工作簿。", "Choose an .xlsx workbook first."],

  "undo.button": ["撤销上次运行", "Undo last run"],
  "undo.done": ["已撤销上次运行。", "The last run was undone."],
  "download.button": ["下载评估结果", "Download scored workbook"],

  "summary.title": ["评估结果", "Results"],
  "summary.total": ["总分", "Total"],
  "summary.grade": ["等级", "Grade"],
  "summary.noScore": ["未找到四方评分表，未计算总分。", "No four-party score sheet was found, so there is no total."],
  "summary.noGrade": ["无等级", "No grade"],
  "summary.party": ["{name}：{score} 分 × {weight} = {points}", "{name}: {score} × {weight} = {points}"],
  "summary.indicators": ["指标完成情况（{count}）", "Indicators ({count})"],
  "summary.noIndicators": ["未找到指标表。", "No indicator table was found."],
  "summary.ratio": ["{completed} / {target}{unit}", "{completed} / {target}{unit}"],
  "summary.restorations": ["套表还原", "Template restoration"],
  "summary.restoration": ["{source} → {output}（{rows} 行）", "{source} → {output} ({rows} rows)"],
  "summary.missingColumns": ["缺少列：{columns}", "Missing columns: {columns}"],
  "summary.noMissingColumns": ["列齐全", "All columns present"],

  "findings.title": ["发现的问题（{count}）", "Findings ({count})"],
  "findings.none": ["未发现问题。", "No findings."],
  "findings.count": ["{label}（{count}）", "{label} ({count})"],
  "findings.select": ["在工作簿中选中 {ref}", "Select {ref} in the workbook"],
  "findings.preview": ["{ref} 附近的行", "Rows around {ref}"],
  "findings.noPreview": ["没有可预览的内容。", "Nothing to preview."],
  "findings.row": ["行", "Row"],
  "findings.more": ["还有 {count} 条，显示全部", "{count} more: show all"],
  "severity.error": ["错误", "Errors"],
  "severity.warning": ["警告", "Warnings"],
  "severity.info": ["提示", "Notes"],

  "mapping.title": ["列对应核对：{source}", "Column mapping: {source}"],
  "mapping.field": ["套表字段", "Template field"],
  "mapping.header": ["对应表头", "Source header"],
  "mapping.method": ["方式", "Method"],
  "mapping.confidence": ["可信度", "Confidence"],
  "mapping.none": ["不对应", "Not mapped"],
  "mapping.weak": ["需确认", "Check"],
  "mapping.weakCount": ["{count} 个字段需确认", "{count} fields to check"],
  "mapping.allStrong": ["全部对应可信", "all matches are confident"],
  "mapping.apply": ["应用", "Apply"],
  "mapping.changeFor": ["“{field}”对应的表头", "Source header for “{field}”"],
  "mapping.saved": ["已按新的列对应重新评分，并记住了这组对应。", "Scored again with the new mapping, and remembered it."],
  "method.exact": ["完全一致", "exact"],
  "method.synonym": ["同义词", "synonym"],
  "method.similar": ["相似", "similar"],
  "method.saved": ["已保存", "saved"],
  "method.manual": ["手动", "manual"],
  "method.none": ["—", "—"],

  "settings.title": ["设置", "Settings"],
  "settings.template": ["套表模板", "Template"],
  "settings.templateCurrent": ["当前模板：{name}", "Current template: {name}"],
  "settings.templateBuiltin": ["使用内置模板", "Use the built-in template"],
  "settings.templateSheet": ["从工作表捕获", "Capture from a sheet"],
  "settings.templateCapture": ["捕获", "Capture"],
  "settings.templateCaptured": ["已从“{sheet}”捕获模板。", "Captured a template from “{sheet}”."],
  "settings.templateImport": ["导入模板 JSON", "Import template JSON"],
  "settings.templateImported": ["已导入模板“{name}”。", "Imported the template “{name}”."],
  "settings.templateExport": ["导出模板 JSON", "Export template JSON"],
  "settings.templateBadJson": ["模板文件不是有效的 JSON。", "The template file is not valid JSON."],
  "settings.weights": ["四方权重（%）", "Party weights (%)"],
  "settings.weightsSum": ["合计 {sum}%", "Total {sum}%"],
  "settings.weightsNot100": ["权重合计应为 100%，当前为 {sum}%。", "Weights should add up to 100%; they add up to {sum}%."],
  "settings.bands": ["等级分数线", "Grade bands"],
  "settings.bandMin": ["“{grade}”最低分", "Minimum for “{grade}”"],
  "settings.period": ["合同期与评估日期", "Contract period and as-of date"],
  "settings.periodStart": ["合同开始日期", "Contract start"],
  "settings.periodEnd": ["合同结束日期", "Contract end"],
  "settings.asOf": ["评估日期", "As-of date"],
  "settings.options": ["选项", "Options"],
  "settings.language": ["语言", "Language"],
  "settings.save": ["保存设置", "Save settings"],
  "settings.saved": ["设置已保存（不含任何单元格内容）。", "Settings saved (no cell contents)."],
  "option.liveFormulas": ["写入公式（不勾选则写入计算结果）", "Write live formulas (otherwise values)"],
  "option.normaliseUnits": ["规范带单位的数量（如“200个”）", "Normalise quantities typed with units (“200个”)"],
  "option.restore": ["还原省套表", "Restore the provincial template view"],
  "option.addMissingColumns": ["补上套表缺少的列", "Add missing template columns"],
  "option.conditionalFormats": ["完成百分比条件格式", "Conditional formatting on percentages"],
  "option.markCells": ["标记有问题的单元格", "Mark cells with findings"],
  "option.findingsSheet": ["生成“评估发现”工作表", "Add a findings sheet"],
  "lang.zh": ["中文", "中文"],
  "lang.en": ["English", "English"],

  "party.buyer": ["购买方", "Buyer"],
  "party.supervisor": ["监督方", "Supervisor"],
  "party.supervision-centre": ["督导中心", "Supervision centre"],
  "party.third-party": ["第三方", "Third party"],

  "error.title": ["无法完成", "Could not finish"],
  "error.unknown": [
    "出现意外错误：{message}。请重试；如仍失败，请使用命令行 shuangbai score。",
    "Something went wrong: {message}. Try again; if it keeps failing, use the command line shuangbai score.",
  ],
  "hostError.not-in-office": ["请在 Excel 中打开此加载项。", "Open this add-in in Excel."],
  "hostError.cell-edit-mode": ["有单元格正在编辑，请按 Enter 或 Esc 结束编辑后再试。", "A cell is being edited; press Enter or Esc, then try again."],
  "hostError.sheet-protected": [
    "工作表“{detail}”受保护，请先撤销保护后再试，工作簿未作任何修改。",
    "The sheet “{detail}” is protected; unprotect it and try again. Nothing was changed.",
  ],
  "hostError.api-unsupported": [
    "当前 Excel 版本不支持所需功能，请更新 Excel，或使用独立网页。",
    "This version of Excel lacks a needed feature; update Excel or use the standalone page.",
  ],
  "hostError.payload-too-large": [
    "工作簿太大，无法一次写回，请使用命令行 shuangbai score。",
    "The workbook is too large to write back; use the command line shuangbai score.",
  ],
  "hostError.file-unreadable": ["无法读取这个文件。", "This file cannot be read."],
  "hostError.too-large-for-page": ["文件较大，请使用命令行 shuangbai score", "The file is large; use the command line shuangbai score"],
  "hostError.nothing-to-undo": ["没有可以撤销的运行。", "There is no run to undo."],
  "hostError.unknown": ["出现意外错误，请重试。", "Something went wrong; try again."],
  "features.missing": ["当前 Excel 不支持以下功能，运行时将跳过：{features}", "This Excel lacks these features, which will be skipped: {features}"],

  "web.title": ["双百社工站评估助手（独立网页）", "Shuangbai station evaluation (standalone page)"],
  "web.choose": ["选择 .xlsx 工作簿", "Choose an .xlsx workbook"],
  "web.drop": ["或把文件拖到这里", "or drop it here"],
  "web.file": ["当前文件：{name}（{size}）", "File: {name} ({size})"],
  "web.notXlsx": ["请选择 .xlsx 格式的工作簿（.xls 请先在 Excel/WPS 中另存为 .xlsx）。", "Choose an .xlsx workbook (save .xls files as .xlsx first)."],
  "web.privacy": ["文件只在本机浏览器中处理，不会上传到任何地方。", "The file is processed in this browser only and is never uploaded."],

  "finding.full-width-digits": ["全角数字", "Full-width digits"],
  "finding.not-a-number": ["不是数量", "Not a quantity"],
  "finding.cell-error": ["单元格错误值", "Cell error"],
  "finding.missing-label": ["缺少指标名称", "Missing indicator name"],
  "finding.target-zero": ["指标要求为 0", "Target is zero"],
  "finding.target-missing": ["缺少指标要求", "Missing target"],
  "finding.completed-missing": ["缺少完成情况", "Missing completed figure"],
  "finding.percent-mismatch": ["完成百分比不符", "Percentage differs"],
  "finding.percent-typed": ["手工填写的百分比", "Typed percentage"],
  "finding.unit-mismatch": ["单位不符", "Unexpected unit"],
  "finding.unit-inconsistent": ["单位前后不一致", "Inconsistent units"],
  "finding.unknown-indicator": ["未收录的指标", "Unknown indicator"],
  "finding.sum-mismatch": ["分项之和不符", "Areas do not add up"],
  "finding.behind-pace": ["进度落后", "Behind pace"],
  "finding.score-mode-assumed": ["评分方式按推断处理", "Score mode assumed"],
  "finding.weights-not-100": ["权重合计不是 100%", "Weights do not add up to 100%"],
  "finding.score-out-of-range": ["分数超出范围", "Score out of range"],
  "finding.score-missing": ["缺少分数", "Missing score"],
  "finding.party-missing": ["缺少评价方", "Missing party"],
  "finding.blank-row": ["空行", "Blank row"],
  "finding.low-confidence-mapping": ["列对应需确认", "Mapping needs checking"],
  "finding.missing-template-column": ["缺少套表列", "Missing template column"],
  "finding.missing-template-field": ["缺少套表字段", "Missing template field"],
  "finding.unmapped-column": ["未对应的列", "Unmapped column"],
  "finding.stale-saved-mapping": ["已保存的对应已过时", "Stale saved mapping"],
  "finding.invalid-id-number": ["身份证号无效", "Invalid ID number"],
  "finding.id-precision-lost": ["身份证号精度丢失", "ID number lost precision"],
  "finding.legacy-id-number": ["旧版 15 位身份证号", "Legacy 15-digit ID"],
  "finding.id-gender-mismatch": ["性别与身份证号不符", "Gender differs from ID"],
  "finding.id-age-mismatch": ["年龄与身份证号不符", "Age differs from ID"],
  "finding.invalid-phone": ["电话号码无效", "Invalid phone"],
  "finding.unknown-category": ["未知的服务对象类别", "Unknown category"],
  "finding.category-age-mismatch": ["类别与年龄不符", "Category differs from age"],
  "finding.category-gender-mismatch": ["类别与性别不符", "Category differs from gender"],
  "finding.duplicate-person": ["重复登记", "Duplicate person"],
  "finding.missing-value": ["缺少必填内容", "Missing value"],
  "finding.invalid-date": ["日期无效", "Invalid date"],
  "finding.nothing-found": ["未找到可评估的内容", "Nothing to evaluate"],
  "finding.sheet-name-adjusted": ["工作表名称已调整", "Sheet name adjusted"],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;
export type Params = Record<string, string | number | null | undefined>;

let currentLang: Lang = "zh";

export function setLanguage(lang: Lang): void {
  currentLang = lang;
}

export function getLanguage(): Lang {
  return currentLang;
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text: string = MESSAGES[key][lang === "en" ? 1 : 0];
  if (!params) return text;
  return text.replace(/\{(\w[\w-]*)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? "" : String(v);
  });
}

/** Translate in the current language (set by the pane when the user switches). */
export function t(key: MessageKey, params?: Params, lang: Lang = currentLang): string {
  return translate(lang, key, params);
}

export function findingTitle(lang: Lang, code: FindingCode): string {
  const key = `finding.${code}` as MessageKey;
  return key in MESSAGES ? translate(lang, key) : code;
}

/** "zh-CN", "zh-Hant-TW" → zh; "en-US" → en; anything else stays Chinese, the tool's home language. */
export function languageOf(tag: string | null | undefined): Lang {
  const lower = (tag ?? "").toLowerCase();
  if (lower.startsWith("en")) return "en";
  return "zh";
}

/** Office's display language inside Office, the browser's language outside it. */
export function detectLanguage(): Lang {
  try {
    if (typeof Office !== "undefined" && Office.context && Office.context.displayLanguage) {
      return languageOf(Office.context.displayLanguage);
    }
  } catch {
    // Office.context throws in some hosts before onReady; fall back to the browser.
  }
  if (typeof navigator !== "undefined") return languageOf(navigator.language);
  return "zh";
}

export const LangContext = createContext<Lang>("zh");

/** The translate function for the language the pane is showing. */
export function useT(): (key: MessageKey, params?: Params) => string {
  const lang = useContext(LangContext);
  return (key, params) => translate(lang, key, params);
}

export function useLang(): Lang {
  return useContext(LangContext);
}

export const MESSAGE_KEYS = Object.keys(MESSAGES) as MessageKey[];
