import type { IndicatorReport } from "../types";

/**
 * An indicator without a name is named by where its name belongs (its label cell, else its
 * target), so the list, the findings, the report and the command line all say （未命名，A28）
 * and the evaluator can go to it.
 */
export function unnamedIndicator(cell: string): { zh: string; en: string } {
  return { zh: `（未命名，${cell}）`, en: `(unnamed, ${cell})` };
}

/** An indicator's name as shown: its label, or （未命名，A28）. */
export function indicatorName(ind: Pick<IndicatorReport, "label" | "labelCell" | "targetCell">, lang: "zh" | "en"): string {
  return ind.label || unnamedIndicator(ind.labelCell ?? ind.targetCell)[lang];
}
