import type { ConditionalRule, FillRole } from "./types";

/**
 * The colours a plan's fills and conditional formats mean, as "#RRGGBB". Both hosts draw from
 * this one table, so a scored workbook looks the same whether Excel or the file writer made it.
 * Excel's own light "bad / neutral / good" tones, so they read as familiar.
 */
export const FILL_COLORS: Record<FillRole, string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
  "header-missing": "#F4B084",
  header: "#D9E1F2",
  output: "#E2EFDA",
};

/** header fills also make the text bold */
export const BOLD_ROLES: ReadonlySet<FillRole> = new Set<FillRole>(["header", "header-missing"]);

export const RULE_COLORS: Record<ConditionalRule["role"], { fill: string; font: string }> = {
  good: { fill: "#C6EFCE", font: "#006100" },
  warn: { fill: "#FFEB9C", font: "#9C5700" },
  bad: { fill: "#FFC7CE", font: "#9C0006" },
};
