import { createContext, useContext } from "react";
import type { FindingCode } from "../core/types";

export type Lang = "zh" | "en";

/**
 * Every string the pane and the page show, zh-CN first and English second, so a translator edits
 * one file. Parameters are written in braces: {name}.
 */
const MESSAGES = {
  "app.title": ["双百社工站评估助手", "Shuangbai station evaluation"],
  "app.intro": [
    "在存有服务对象（家庭）信息汇总表的工作簿中点“一键评分”：按双百模板还原台账，计算各项指标完成率、四方加权总分和等级，并把每个问题标在所在单元格上。每次运行都能用“撤销上次运行”复原；所有计算都在本机完成，加载项不向任何地方发送数据。",
    "Click Score workbook in the workbook that holds the service-object roster: it restores the provincial 双百 template layout, computes each indicator's completion rate, the four parties' weighted total and the grade, and marks each problem on its cell. Undo last run reverses any run; everything is computed on this computer and the add-in sends no data anywhere.",
  ],
  "app.notInOffice": [
    "请在 Excel 中打开此加载项；没有 Excel 时请使用独立网页 index.html",
    "Open this add-in in Excel; without Excel, use the standalone page index.html",
  ],

  "run.button": ["一键评分", "Score workbook"],
  "run.phase.read": ["读取", "Reading"],
  "run.phase.analyse": ["分析", "Analysing"],
  "run.phase.write": ["写回", "Writing"],
  "run.phase.write.file": ["生成结果文件", "Creating the result file"],
  "run.progress": ["正在{phase}…", "{phase}…"],
  "run.steps": ["读取 → 分析 → 写回", "Read → analyse → write"],
  "run.steps.file": ["读取 → 分析 → 生成结果文件", "Read → analyse → create the result file"],
  "run.done": ["评分完成，结果已写回工作簿。", "Scoring finished; the results were written to the workbook."],
  "run.doneFile": ["评分完成，可以下载评估结果。", "Scoring finished; the scored workbook is ready to download."],
  "run.donePreparing": [
    "评分完成。评估结果文件正在生成，几秒后即可下载；现在点“下载评估结果”，生成后会自动开始下载。",
    "Scoring finished. The scored workbook is being created and can be downloaded in a few seconds; click Download scored workbook now and it starts when ready.",
  ],
  "run.nothingToScore": [
    "没有找到可评估的内容（指标表、评分表或服务对象汇总表），工作簿未做任何改动。",
    "Nothing to evaluate (no indicator table, score sheet or roster); the workbook was not changed.",
  ],
  "run.needFile": ["请先选择一个 .xlsx 工作簿。", "Choose an .xlsx workbook first."],

  "undo.button": ["撤销上次运行", "Undo last run"],
  "undo.done": ["已撤销上次运行。", "The last run was undone."],
  "clear.button": ["清除结果", "Clear results"],
  "clear.done": ["已清除结果，所选文件未被修改。", "Results cleared; the chosen file was not changed."],
  "download.button": ["下载评估结果", "Download scored workbook"],
  "download.preparing": ["下载评估结果（正在生成…）", "Download scored workbook (being created…)"],
  "download.ready": ["评估结果文件已生成，可以下载。", "The scored workbook is ready to download."],

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
  "summary.missingAdded": ["缺少列：{columns}（已添加）", "Missing columns: {columns} (added)"],
  "list.separator": ["、", ", "],
  "summary.noMissingColumns": ["列齐全", "All columns present"],

  "draft.title": ["报告摘要", "Report summary"],
  "draft.hint": [
    "按评估报告的写法起草的段落，与工作簿中“评估报告摘要”工作表的公式结果一致，可复制到报告中。",
    "Paragraphs drafted in the manner of the evaluation report; the same text the workbook's report summary sheet computes. Copy them into the report.",
  ],
  "draft.copy": ["复制", "Copy"],
  "draft.copyAll": ["复制全部", "Copy all"],
  "draft.copied": ["已复制到剪贴板。", "Copied to the clipboard."],
  "draft.manual": [
    "此处不允许直接写入剪贴板：下面的文字已选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。",
    "The clipboard cannot be written here: the text below is selected, press Ctrl+C (⌘C on a Mac) to copy it.",
  ],
  "draft.manualLabel": ["要复制的文字", "Text to copy"],
  "draft.downloadDoc": ["下载报告摘要（Word）", "Download report summary (Word)"],
  "draft.docFailed": ["无法生成 Word 文档，请重试。", "The Word document could not be made; try again."],

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
  "mapping.weakCountOne": ["1 个字段需确认", "1 field to check"],
  "mapping.allStrong": ["全部对应可信", "all matches are confident"],
  "mapping.apply": ["应用并重新评分", "Apply and score again"],
  "mapping.showAll": ["显示全部 {count} 项", "Show all {count}"],
  "mapping.showWeak": ["只显示需确认的字段", "Show only fields to check"],
  "mapping.added": ["已添加", "Added"],
  "mapping.missing": ["缺少", "Missing"],
  "mapping.addedHint": ["工作表缺少此列，已在末尾添加新列", "The sheet lacked this column; a new one was added at the end"],
  "mapping.changeFor": ["“{field}”对应的表头", "Source header for “{field}”"],
  "mapping.saved": ["已按新的列对应重新评分，并记住了这组对应。", "Scored again with the new mapping, and remembered it."],

  // 指定表格: teaching a table the detector missed (issue 9)
  "layout.teach": ["指定表格", "Specify a table"],
  "layout.title": ["指定表格", "Specify a table"],
  "layout.teachThis": ["指定这张表格", "Specify this table"],
  "layout.offer": [
    "工作表“{sheet}”从 {cell} 起有一张表格未能识别，可以指定它各列的用途。",
    "The sheet “{sheet}” holds a table from {cell} that was not understood; you can specify what its columns are.",
  ],
  "layout.close": ["关闭", "Close"],
  "layout.intro": [
    "选中工具没有读到的表格（含表头），为每列指定用途并核对预览，保存后每次评分都按它读取。只保存位置和表头，不保存单元格内容。",
    "Select a table the tool did not read (with its header), give each column its role and check the preview; once saved, every run reads it so. Only positions and header text are kept, never cell values.",
  ],
  "layout.sheet": ["工作表", "Sheet"],
  "layout.range": ["区域（含表头）", "Range (with the header)"],
  "layout.rangeHint": ["如 A2:F14", "such as A2:F14"],
  "layout.rangeBad": ["请输入有效的单元格区域，如 A2:F14", "Enter a valid range, such as A2:F14"],
  "layout.rangeSmall": ["区域至少要有两行两列（表头和一行数据）", "The range needs at least two rows and two columns (a header and a record)"],
  "layout.rangeEmpty": ["{sheet}!{range} 是空的，请检查工作表和区域", "{sheet}!{range} is empty; check the sheet and the range"],
  "layout.read": ["读取表格", "Read table"],
  "layout.useSelection": ["使用 Excel 中选定的区域", "Use the range selected in Excel"],
  "layout.noSelection": [
    "请先在 Excel 中选中整个表格（含表头），再点此按钮",
    "Select the whole table in Excel (with its header) first, then press this button",
  ],
  "layout.reviewTitle": ["{sheet}!{range} 的表格布局", "Layout of {sheet}!{range}"],
  "layout.name": ["布局名称", "Layout name"],
  "layout.kind": ["表格类型", "Kind of table"],
  "layout.kind.indicators": ["指标完成情况", "Indicator targets"],
  "layout.kind.scores": ["四方评分", "Four-party scores"],
  "layout.orientation": ["方向", "Direction"],
  "layout.orientation.down": ["纵向：每行一项", "Down: one item per row"],
  "layout.orientation.across": ["横向：每列一项", "Across: one item per column"],
  "layout.band": ["表头行数", "Header lines"],
  "layout.lines": ["各列用途", "Role of each line"],
  "layout.lineHeader": ["表头", "Header"],
  "layout.lineRole": ["用途", "Role"],
  "layout.lineAt.down": ["{at} 列", "column {at}"],
  "layout.lineAt.across": ["第 {at} 行", "row {at}"],
  "layout.noHeader": ["（无表头）", "(no header)"],
  "layout.roleFor": ["“{header}”（{at}）的用途", "Role of “{header}” ({at})"],
  "layout.areaFor": ["“{header}”（{at}）所属片区", "Area group of “{header}” ({at})"],
  "layout.area": ["片区", "Area group"],
  "layout.role.label": ["名称", "Name"],
  "layout.role.unit": ["单位", "Unit"],
  "layout.role.target": ["指标要求", "Target"],
  "layout.role.completed": ["完成情况", "Completed"],
  "layout.role.percent": ["完成百分比", "Completion %"],
  "layout.role.serial": ["序号", "Serial number"],
  "layout.role.category": ["类别", "Category"],
  "layout.role.party": ["评估方", "Party"],
  "layout.role.weight": ["权重", "Weight"],
  "layout.role.score": ["得分", "Score"],
  "layout.role.ignore": ["不读取", "Ignore"],
  "layout.records": ["各评估方", "Parties"],
  "layout.recordFor": ["“{label}”（{at}）是", "“{label}” ({at}) is"],
  "layout.record.total": ["总分", "Total"],
  "layout.record.grade": ["等级", "Grade"],
  "layout.preview": ["预览：评分时将写入", "Preview: what a run will write"],
  "layout.previewFigures": ["完成 / 指标", "Done / target"],
  "layout.previewPercent": ["完成率", "Done %"],
  "layout.previewEmpty": ["按现在的用途读不到任何一项", "With these roles no item is read"],
  "layout.previewCell": ["写入 {cell}", "into {cell}"],
  "layout.previewTotal": ["总分 {total}（写入 {cell}），等级 {grade}（写入 {gradeCell}）", "Total {total} (into {cell}), grade {grade} (into {gradeCell})"],
  "layout.previewNoScore": ["至少需要两个有得分的评估方", "At least two parties with a score are needed"],
  "layout.previewFindings": ["另有 {count} 处需要核对，评分后列在“发现的问题”中", "{count} more to check, listed under Findings after the run"],
  "layout.unnamed": ["（未命名）", "(unnamed)"],
  "layout.save": ["保存", "Save"],
  "layout.cancel": ["取消", "Cancel"],
  "layout.saved": ["已保存表格布局“{name}”，再点“一键评分”即按它评分。", "Saved the layout “{name}”; press Score workbook to use it."],
  "layout.savedList": ["已保存的表格布局（{count}）", "Saved layouts ({count})"],
  "layout.savedNone": ["还没有保存的表格布局。", "No saved layouts yet."],
  "layout.delete": ["删除“{name}”", "Delete “{name}”"],
  "layout.deleted": ["已删除表格布局“{name}”。", "Deleted the layout “{name}”."],
  "layout.export": ["导出布局", "Export layouts"],
  "layout.import": ["导入布局", "Import layouts"],
  "layout.imported": ["已导入 {count} 个表格布局。", "Imported {count} layouts."],
  "layout.fileName": ["表格布局.json", "layouts.json"],
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
  "settings.templatePick": ["请选择工作表…", "Choose a sheet…"],
  "settings.templateBeforeRun": ["运行一键评分后，这里会选中识别到的服务对象名册。", "After a run, the roster it found is selected here."],
  "settings.templateNoRoster": [
    "上次运行没有识别到服务对象名册，请选择表头已填好的名册工作表。",
    "The last run found no roster: choose the sheet whose headers to capture.",
  ],
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
  "settings.period": ["合同期与评估日期", "Contract year and as-of date"],
  "settings.periodStart": ["合同期（年度服务协议时间）开始", "Contract year (年度服务协议时间) start"],
  "settings.periodEnd": ["合同期结束", "Contract year end"],
  "settings.asOf": ["评估日期", "As-of date"],
  "settings.datePlaceholder": ["年-月-日", "yyyy-mm-dd"],
  "settings.dateHint": ["日期写作 2023-07-01 或 2023年7月1日。", "Write dates as 2023-07-01."],
  "settings.dateBad": ["请按“2023-07-01”或“2023年7月1日”填写一个存在的日期。", "Write a real date as 2023-07-01."],
  "settings.periodNeedsBoth": ["合同期需要同时填写开始和结束日期。", "The contract year needs both a start and an end."],
  "settings.periodEndBeforeStart": ["合同期结束日期早于开始日期。", "The contract year ends before it starts."],
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
  "hostError.timeout": [
    "Excel 长时间没有响应，本次运行已停止；如已写入部分结果，可点“撤销上次运行”恢复。",
    "Excel stopped answering, so the run was stopped; if some results were written, Undo last run restores the workbook.",
  ],

  // the Excel host in real Excel (issue 11): waiting, notices, undo record
  "run.waitingCellEdit": ["正在等待您结束单元格编辑（按 Enter 或 Esc）", "Waiting for you to finish editing a cell (press Enter or Esc)"],
  "run.notices": ["本次运行的提示", "Notes on this run"],
  "run.calculateFirst": ["重新计算后再评分", "Recalculate, then score again"],
  "undo.keptShort": ["工作簿内保存了撤销记录，可能含个人信息。", "This workbook keeps an undo record, which may hold personal data."],
  "undo.more": ["了解更多", "Details"],
  "undo.less": ["收起", "Less"],
  "undo.kept": [
    "为了能“撤销上次运行”，本工作簿内保存了一份撤销记录（含被覆盖单元格的副本，可能有个人信息），它会随文件一起发送给他人。确认结果无误后可以清除。",
    "To make Undo last run possible, this workbook keeps an undo record (copies of the cells the run overwrote, which may be personal data); it travels with the file. Clear it once you have checked the results.",
  ],
  "undo.excelUndo": [
    "Excel 自带的撤销（Ctrl+Z）：支持的版本可逐步撤回本次写入，但一步只撤回一批，也不会删除新增的工作表；“撤销上次运行”一次恢复全部，它删除新增工作表后，Excel 的撤销历史会从那里清空。",
    "Excel's own undo (Ctrl+Z) can take back this run's writes step by step where supported, one batch at a time, and never removes added sheets; Undo last run restores everything at once, and once it deletes the added sheets Excel's undo history starts afresh from there.",
  ],
  "undo.clear": ["清除撤销记录", "Clear undo record"],
  "undo.keepEdits": ["保留我的修改", "Keep my edits"],
  "undo.restoreAnyway": ["仍然恢复", "Restore anyway"],
  "hostError.undo-edited": [
    "上次运行之后，您修改过本工具写入的单元格（如 {detail}）：请选择保留您的修改，或仍然恢复。",
    "Since the last run you edited cells it wrote (such as {detail}): keep your edits, or restore anyway.",
  ],
  "undo.cleared": ["已清除工作簿内的撤销记录。", "The undo record was removed from the workbook."],
  "features.missing": ["当前 Excel 不支持以下功能，运行时将跳过：{features}", "This Excel lacks these features, which will be skipped: {features}"],

  "web.title": ["双百社工站评估助手", "Shuangbai station evaluation"],
  "web.choose": ["选择工作簿…", "Choose a workbook…"],
  "web.drop": ["或把 .xlsx 文件拖到这里", "or drop an .xlsx file here"],
  "web.change": ["更换", "Change"],
  "web.changeLabel": ["更换工作簿（当前：{name}）", "Change the workbook (now: {name})"],
  "web.limit": ["网页最多处理 {size} 的文件、{cells} 个有内容的单元格。", "The page handles files up to {size} and {cells} filled cells."],
  "web.privacy": ["文件只在本机浏览器中处理，不会上传到任何地方。", "The file is processed in this browser only and is never uploaded."],

  // the pane at a glance (#12): result card, indicator status, findings list, settings view, page checks
  "pane.announce.running": ["正在评分：{phase}", "Scoring: {phase}"],
  "pane.announce.done": ["评分完成：总分 {total}，等级 {grade}，发现 {count} 个问题。", "Scoring finished: total {total}, grade {grade}, {count} findings."],
  "pane.announce.doneNoScore": ["评分完成，发现 {count} 个问题。", "Scoring finished, {count} findings."],
  "pane.busy": ["正在评分，请稍候", "Scoring, please wait"],
  "card.title": ["总分与等级", "Total and grade"],
  "card.gradeLabel": ["等级：{grade}", "Grade: {grade}"],
  "card.outOf": ["满分 100", "out of 100"],
  "card.bar": ["四方得分构成：{parts}", "Points by party: {parts}"],
  "card.barPart": ["{name} {points}", "{name} {points}"],
  "card.remainder": ["未得分 {points}", "not scored {points}"],
  "card.points": ["{points} / {max} 分", "{points} / {max} pts"],
  "card.scale100": ["{score} × 权重 {weight} = {points} 分", "{score} × weight {weight} = {points} pts"],
  "card.noScoreParty": ["缺少分数", "no score"],
  "card.modePoints": ["按分值计：总分为四方得分之和", "Points mode: the total is the sum of the four parties' points"],
  "card.modeScale100": ["按百分制计：总分为各方得分 × 权重之和", "100-point mode: the total is Σ score × weight"],
  "indicators.summary": ["{count} 项中 {done} 项达到 100%", "{done} of {count} at 100% or more"],
  "indicators.mark": ["100% 标记", "100% mark"],
  "status.over": ["超额", "Exceeded"],
  "status.met": ["达标", "Met"],
  "status.under": ["未达标", "Below target"],
  "status.none": ["无法计算", "Cannot compute"],
  "grade.优秀": ["优秀", "Excellent"],
  "grade.良好": ["良好", "Good"],
  "grade.合格": ["合格", "Pass"],
  "grade.不合格": ["不合格", "Fail"],
  "findings.filter": ["按严重程度筛选", "Filter by severity"],
  "findings.chip": ["{label} {count}", "{label} {count}"],
  "findings.listHint": ["用上下方向键在问题之间移动，按 Enter 打开，Esc 关闭", "Arrow keys move between findings, Enter opens, Esc closes"],
  "findings.rowLabel": ["{message}，{ref}", "{message}, {ref}"],
  "findings.noneShown": ["所选严重程度下没有问题。", "No findings at the chosen severities."],
  "findings.sectionCount": ["（{severity}，{count} 条）", " ({severity}, {count})"],
  "findings.close": ["关闭预览", "Close preview"],
  "severity.one.error": ["错误", "Error"],
  "severity.one.warning": ["警告", "Warning"],
  "severity.one.info": ["提示", "Note"],
  "settings.open": ["设置", "Settings"],
  "settings.close": ["关闭设置", "Close settings"],
  "settings.apply": ["保存并应用", "Save and apply"],
  "settings.cancel": ["取消", "Cancel"],
  "settings.weightsBlock": [
    "四方权重合计须为 100%（当前为 {sum}%），请在“设置”中修改后再评分。",
    "The party weights must add up to 100% (now {sum}%); fix them in Settings before scoring.",
  ],
  "settings.weightsFix": ["修改权重", "Fix the weights"],
  // contract year and staffing in the results (issue 10)
  "period.contract": ["合同期 {start} – {end}", "Contract year {start} – {end}"],
  "period.window": ["评估周期 {start} – {end}", "Evaluation window {start} – {end}"],
  "period.expected": ["按时间进度应完成 {percent}", "Expected by now {percent}"],
  "status.onPace": ["按进度", "On pace"],
  "status.behind": ["落后进度", "Behind pace"],
  "indicators.expectedMark": ["按时间进度应完成 {percent}", "Expected by now {percent}"],
  "period.noContract": ["未知合同期，未判断时间进度（可在“设置”中填写）", "Contract year unknown: pacing not judged (set it in Settings)"],
  "staffing.title": ["社工到岗（{sheet}，{from} – {to}）", "Staffing ({sheet}, {from} – {to})"],
  "staffing.certified": ["持证社工", "Certified social workers"],
  "staffing.all": ["社工（持证+非持证）", "All social workers"],
  "staffing.line": [
    "应到岗 {required} 人次，实到岗 {actual} 人次，超配 {surplus} 人次",
    "required {required}, on post {actual}, surplus {surplus} person-months",
  ],
  "staffing.actualOnly": ["实到岗 {actual} 人次（未知合同配备人数）", "on post {actual} person-months (contracted headcount unknown)"],
  "staffing.retention": [
    "稳岗率 {rate}（持续在岗 {stayed} 人 ÷ {base} 人，要求 {threshold}）",
    "Retention {rate} ({stayed} on post throughout ÷ {base}; required {threshold})",
  ],
  "staffing.atEnd": [
    "期末月：高级社工师 {senior} · 中级社工师 {mid} · 助理社工师 {assistant} · 非持证 {none}",
    "Last month: senior {senior} · intermediate {mid} · assistant {assistant} · uncertified {none}",
  ],
  // staffing and follow-up settings (issue 10)
  "settings.staffing": ["社工配备与跟进", "Staffing and follow-up"],
  "settings.staffAll": ["合同配备社工（名）", "Contracted social workers"],
  "settings.staffCertified": ["其中持证社工（名）", "Of whom certified"],
  "settings.staffHint": ["留空则读取到岗表的“合同约定”", "Blank: the staffing sheet's contract line"],
  "settings.staffBad": ["请填写 0–9999 的整数，或留空。", "Enter a whole number from 0 to 9999, or leave it blank."],
  "settings.staffOver": ["持证社工（{certified}）不能多于社工总数（{all}）。", "Certified ({certified}) cannot exceed all social workers ({all})."],
  "settings.staffBlock": [
    "持证社工（{certified} 名）多于合同配备社工（{all} 名），请在“设置”中修改后再评分。",
    "More certified social workers ({certified}) than contracted in all ({all}); fix them in Settings before scoring.",
  ],
  "settings.staffFix": ["修改人数", "Fix the headcounts"],
  "settings.retention": ["稳岗率要求（%）", "Retention requirement (%)"],
  "settings.retentionHint": ["默认 80%", "Default 80%"],
  "settings.retentionBad": ["请填写大于 0、不超过 100 的数。", "Enter a number above 0 and at most 100."],
  "settings.elderlyDays": ["特殊困难老年人跟进间隔（天）", "Elderly follow-up interval (days)"],
  "settings.elderlyHint": ["默认 31（每月探访）；留空不检查", "Default 31 (monthly visits); blank: not checked"],
  "settings.daysBad": ["请填写 1–3650 的整数天数，或留空。", "Enter a whole number of days from 1 to 3650, or leave it blank."],
  "settings.levels": ["各跟进级别最长间隔（天）", "Longest interval per follow-up level (days)"],
  "settings.levelsHint": ["如 一级=7；二级=30。未列出的级别不检查", "e.g. 一级=7；二级=30. Levels not listed are not checked"],
  "settings.levelsBad": ["无法识别“{part}”，请写成“级别=天数”，如 一级=7。", "“{part}” does not read: write level=days, such as 一级=7."],
  "settings.noSheets": ["请先选择工作簿或运行一次评分", "Choose a workbook or score once first"],
  "file.problem.empty": ["“{name}”是空文件（0 字节），请选择填写好的工作簿。", "“{name}” is empty (0 bytes); choose a filled-in workbook."],
  "file.problem.xls": [
    "“{name}”是旧版 .xls 格式，网页只能读取 .xlsx。请在 Excel 中点“文件 → 另存为”，或在 WPS 中点“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再选择新文件。",
    "“{name}” is an old .xls file; the page reads .xlsx only. In Excel or WPS choose File → Save As, pick “Excel Workbook (*.xlsx)”, then choose the new file.",
  ],
  "file.problem.encrypted": [
    "“{name}”设置了打开密码，网页无法读取。请在 Excel 或 WPS 中打开它，取消密码（文件 → 信息 / 文档加密）后另存，再选择新文件。",
    "“{name}” has an open password, so the page cannot read it. Open it in Excel or WPS, remove the password (File → Info / Document encryption), save, and choose the saved file.",
  ],
  "file.problem.not-excel": ["“{name}”不是 Excel 工作簿，请选择扩展名为 .xlsx 的文件。", "“{name}” is not an Excel workbook; choose a file ending in .xlsx."],
  "file.problem.corrupt": [
    "“{name}”已损坏，无法读取。请在 Excel 或 WPS 中打开它并另存为 .xlsx，再选择新文件。",
    "“{name}” is damaged and cannot be read. Open it in Excel or WPS, save it as .xlsx, then choose the new file.",
  ],
  "file.problem.too-big": [
    "“{name}”有 {size}，超过网页能处理的 {limit}。通常是表里插了照片或附件：请另存一份，删除照片和不需要的工作表后再选择；或在 Excel 中用本加载项评分。",
    "“{name}” is {size}, more than the {limit} the page handles. Usually pictures or attachments make it large: save a copy without pictures and unneeded sheets and choose that, or score it with the Excel add-in.",
  ],
  "file.problem.too-big-unpacked": [
    "“{name}”里的内容太多，网页无法一次处理。通常是表里插了照片或附件：请另存一份，删除照片和不需要的工作表后再选择；或在 Excel 中用本加载项评分。",
    "“{name}” holds more than the page can handle at once. Usually pictures or attachments make it large: save a copy without pictures and unneeded sheets and choose that, or score it with the Excel add-in.",
  ],
  "file.problem.worker-died": [
    "这个工作簿太大，当前浏览器页面的内存不够，没能处理完。请关闭其他网页标签后重新打开本页再试；仍不行时，请在电脑上的 Excel 中用本加载项评分。",
    "This workbook is too big for the memory this browser tab has, so it could not be finished. Close other tabs, reopen this page and try again; if that does not help, score it with the add-in in desktop Excel.",
  ],
  "file.problem.too-many-cells": [
    "工作簿中有 {cells} 个有内容的单元格，超过网页一次能处理的 {limit} 个。请把服务对象名单按年度或片区分成几个工作簿分别评分；或在 Excel 中用本加载项评分。",
    "The workbook has {cells} filled cells, more than the {limit} the page handles at once. Split the roster by year or area into several workbooks and score each, or use the Excel add-in.",
  ],
  "file.size": ["{size}", "{size}"],

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
  "finding.percent-formula-wrong": ["完成率公式不对应本行", "Percent formula off this row"],
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
  // contract year and staffing (issue 10)
  "finding.pacing-needs-contract": ["未知合同期", "Contract year unknown"],
  "finding.staffing-no-contract": ["未知合同配备人数", "Contracted headcount unknown"],
  "finding.staffing-no-months": ["未知考核月份", "Months to assess unknown"],
  "finding.staffing-under": ["到岗不足", "Under-staffed"],
  "finding.retention-below": ["稳岗率不足", "Retention below requirement"],
  "finding.staffing-mix-mismatch": ["人员资质合计不符", "Qualification mix does not add up"],
  "finding.staff-cert-missing": ["缺少持证情况", "Qualification missing"],
  "finding.staff-cert-unknown": ["持证情况无法识别", "Qualification not recognised"],
  "finding.staff-mark-unknown": ["到岗标记无法识别", "On-post mark not recognised"],
  "finding.category-not-elderly": ["非老年人类别", "Not an elderly category"],
  "finding.stale-saved-layout": ["保存的表格布局已不符", "Saved layout no longer fits"],
  "finding.write-skipped-spill": ["溢出区域内，未写入", "In a spill range: not written"],
  "finding.write-skipped-array": ["数组公式的一部分，未写入", "Part of an array formula: not written"],
  "finding.write-skipped-table": ["紧挨 Excel 表格，未写入", "Beside an Excel table: not written"],
  "finding.follow-up-overdue": ["跟进超期", "Follow-up overdue"],
  "finding.follow-up-undated": ["跟进记录无日期", "Follow-up record undated"],
  "finding.follow-up-no-dates": ["跟进记录没有日期", "Follow-up records carry no dates"],
  "finding.nothing-found": ["未找到可评估的内容", "Nothing to evaluate"],
  "finding.table-not-understood": ["表格未能识别", "Table not understood"],
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

export function isMessageKey(key: string): key is MessageKey {
  return key in MESSAGES;
}

/** A grade in the UI's language; the workbook keeps the band's own name (what settings say). */
export function gradeLabel(lang: Lang, grade: string): string {
  const key = `grade.${grade.trim()}`;
  return lang === "en" && isMessageKey(key) ? translate(lang, key) : grade;
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
