import type { ConditionalRule, FillRole } from "../core/types";

/** fills per role: Excel's own light "bad / neutral / good" tones so they read as familiar */
export const FILL_COLORS: Record<FillRole, string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
  "header-missing": "#FCE4D6",
  header: "#D9E1F2",
  output: "#E2EFDA",
};

export const BOLD_ROLES: ReadonlySet<FillRole> = new Set<FillRole>(["header", "header-missing"]);

export const RULE_COLORS: Record<ConditionalRule["role"], { fill: string; font: string }> = {
  good: { fill: "#C6EFCE", font: "#006100" },
  warn: { fill: "#FFEB9C", font: "#9C5700" },
  bad: { fill: "#FFC7CE", font: "#9C0006" },
};

export const RULE_OPERATORS: Record<ConditionalRule["operator"], "GreaterThanOrEqual" | "LessThan" | "Between"> = {
  greaterThanOrEqual: "GreaterThanOrEqual",
  lessThan: "LessThan",
  between: "Between",
};

/** Excel reports "no fill" as white; restoring white would hide the gridlines */
export const NO_FILL = "#FFFFFF";

/**
 * Plan widths are in characters of the default font, as in xlsx files; Office.js wants points.
 * Excel's own rule: pixels = chars × 7 + 5 at 96 dpi, points = pixels × 0.75.
 */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
