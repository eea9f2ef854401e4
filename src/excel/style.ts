import type { ConditionalRule } from "../core/types";

export { BOLD_ROLES, FILL_COLORS, RULE_COLORS } from "../core/palette";

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
