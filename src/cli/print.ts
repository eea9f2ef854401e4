import { formatPercent } from "../core/quantity";
import { indicatorName } from "../core/indicators/naming";
import type { Finding, IndicatorReport, Report, Severity } from "../core/types";

/** Display width on a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

const T = {
  zh: {
    scored: "评估",
    indicators: "指标完成情况",
    scores: "四方评分",
    total: "总分",
    grade: "等级",
    restored: "套表还原",
    missing: "缺少",
    rows: "行",
    findings: "发现",
    sev: { error: "错误", warning: "警告", info: "提示" } as Record<Severity, string>,
    more: (n: number) => `… 另有 ${n} 条，见报告或“评估发现”工作表`,
    none: "未找到指标表、评分表、服务对象汇总表或社工到岗情况表",
    contract: "合同期（年度服务协议时间）",
    window: "评估周期",
    noContract: "未知（未检查时间进度）",
    expected: (p: string) => `按时间进度应完成 ${p}`,
    staffing: "社工到岗",
    classes: { certified: "持证社工", all: "社工（持证+非持证）" } as Record<string, string>,
    staffLine: (req: string, act: string, sur: string) => `应到岗 ${req} 人次，实到岗 ${act} 人次，超配 ${sur} 人次`,
    retention: (rate: string, stayed: number, base: string) => `稳岗率 ${rate}（持续在岗 ${stayed} 人 ÷ ${base} 人）`,
    atEnd: "期末月",
  },
  en: {
    scored: "Scored",
    indicators: "Indicators",
    scores: "Four-party score",
    total: "total",
    grade: "grade",
    restored: "Template view",
    missing: "missing",
    rows: "rows",
    findings: "Findings",
    sev: { error: "error", warning: "warning", info: "info" } as Record<Severity, string>,
    more: (n: number) => `… ${n} more in the report and the Findings sheet`,
    none: "No indicator table, score sheet, roster or staffing table found",
    contract: "Contract year",
    window: "evaluation window",
    noContract: "unknown (pacing not checked)",
    expected: (p: string) => `expected by now ${p}`,
    staffing: "Staffing",
    classes: { certified: "certified", all: "all social workers" } as Record<string, string>,
    staffLine: (req: string, act: string, sur: string) => `required ${req}, on post ${act}, surplus ${sur} person-months`,
    retention: (rate: string, stayed: number, base: string) => `retention ${rate} (${stayed} on post throughout ÷ ${base})`,
    atEnd: "last month",
  },
};

function num(n: number | null): string {
  if (n === null) return "—";
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

/** The readable summary the command prints. The report is already masked. */
export function summaryText(report: Report, lang: "zh" | "en", maxFindings = 20): string {
  const t = T[lang];
  const lines: string[] = [];
  // Chinese text takes full-width punctuation, English half-width
  const colon = lang === "en" ? ": " : "：";
  const paren = (s: string) => (lang === "en" ? ` (${s})` : `（${s}）`);
  const semi = lang === "en" ? "; " : "；";
  lines.push(`${t.scored}${colon}${report.source}${report.station ? paren(report.station) : ""}`);
  const span = (p: { start: string; end: string }) => `${p.start} – ${p.end}`;
  if (report.indicators.length || report.period || report.window) {
    const windowText = report.window ? `${semi}${t.window} ${span(report.window)}` : "";
    const expected = report.indicators.find((i) => i.expectedPercent != null)?.expectedPercent;
    const pace = expected != null ? `${semi}${t.expected(formatPercent(expected))}` : "";
    lines.push(`${t.contract}${colon}${report.period ? span(report.period) : t.noContract}${windowText}${pace}`);
  }
  if (report.indicators.length) {
    lines.push(`${t.indicators}${paren(String(report.indicators.length))}`);
    const nameOf = (i: IndicatorReport) => indicatorName(i, lang) + (i.area ? ` · ${i.area}` : "");
    const labelW = Math.min(24, Math.max(...report.indicators.map((i) => displayWidth(nameOf(i)))));
    for (const i of report.indicators) {
      const label = nameOf(i);
      const unit = i.unit ?? "";
      const figures = `${num(i.target)}${unit} → ${num(i.completed)}${unit}`;
      lines.push(`  ${pad(label, labelW)}  ${pad(figures, 22)}  ${i.percent === null ? "—" : formatPercent(i.percent)}`);
    }
  }
  for (const s of report.scores) {
    const parts = s.parties.map((p) => `${p.name.replace(/（.*$/, "")} ${num(p.score)}`).join(" · ");
    lines.push(`${t.scores}${paren(s.sheet)}${colon}${parts}`);
    lines.push(`  ${t.total} ${s.total === null ? "—" : s.total.toFixed(2)}   ${t.grade} ${s.grade ?? "—"}`);
  }
  for (const r of report.restorations) {
    const missing = r.missingFields.length ? `${semi}${t.missing}${colon}${r.missingFields.join(lang === "en" ? ", " : "、")}` : "";
    lines.push(`${t.restored}${colon}${r.sourceSheet} → ${r.outputSheet}${paren(`${r.rows} ${t.rows}${missing}`)}`);
  }
  for (const st of report.staffing ?? []) {
    lines.push(
      `${t.staffing}${paren(`${st.sheet}${lang === "en" ? ", " : "，"}${st.months.length ? `${st.months[0]} – ${st.months[st.months.length - 1]}` : "—"}`)}`,
    );
    for (const c of st.classes) {
      lines.push(`  ${pad(t.classes[c.class], 20)}  ${t.staffLine(num(c.required), num(c.actual), num(c.surplus))}`);
    }
    const r = st.retention;
    lines.push(`  ${t.retention(r.rate === null ? "—" : formatPercent(r.rate), r.stayed, num(r.base))}`);
    const mix = Object.entries(st.atEnd)
      .map(([k, n]) => `${k} ${n}`)
      .join(" · ");
    lines.push(`  ${t.atEnd}${colon}${mix}`);
  }
  if (!report.indicators.length && !report.scores.length && !report.restorations.length && !(report.staffing ?? []).length) lines.push(t.none);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  lines.push(`${t.findings}${colon}${t.sev.error} ${counts.error} · ${t.sev.warning} ${counts.warning} · ${t.sev.info} ${counts.info}`);
  const shown: Finding[] = report.findings.filter((f) => f.severity !== "info").slice(0, maxFindings);
  for (const f of shown) lines.push(`  [${t.sev[f.severity]}] ${f.sheet}!${f.cell}  ${f.message}`);
  const hidden = report.findings.filter((f) => f.severity !== "info").length - shown.length;
  if (hidden > 0) lines.push(`  ${t.more(hidden)}`);
  return lines.join("\n");
}
