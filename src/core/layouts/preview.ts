import { type Lang } from "../findings";
import { assessTables } from "../indicators/assess";
import { indicatorsOf } from "../indicators/detect";
import { assessScoreTable, DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS } from "../scores/scoreSheet";
import type { Finding, GradeBand, IndicatorReport, PartyWeights, ScoreReport, SheetSnapshot } from "../types";
import { layoutToModel } from "./fit";
import { LayoutError, validateLayout } from "./savedLayout";

/**
 * What a run would score with a layout being taught, on the sheet it is taught on: the same
 * model (layoutToModel) and the same indicator and score code as evaluate, so the review's
 * preview is what 一键评分 then writes. A draft that does not validate says why instead.
 */
export type LayoutPreview =
  | { ok: false; zh: string; en: string }
  | { ok: true; kind: "indicators"; indicators: IndicatorReport[]; findings: Finding[] }
  | { ok: true; kind: "scores"; score: ScoreReport | null; findings: Finding[] };

export interface PreviewOptions {
  lang: Lang;
  weights?: Partial<PartyWeights>;
  gradeBands?: GradeBand[];
}

export function previewLayout(draft: unknown, sheet: SheetSnapshot, opts: PreviewOptions): LayoutPreview {
  let layout;
  try {
    layout = validateLayout(draft);
  } catch (e) {
    if (e instanceof LayoutError) return { ok: false, zh: e.zh, en: e.en };
    throw e;
  }
  const model = layoutToModel(layout, sheet);
  if (layout.kind === "indicators") {
    const r = assessTables([indicatorsOf(model, sheet)], sheet, { lang: opts.lang, normaliseUnits: true, liveFormulas: true, expectedShare: null });
    return { ok: true, kind: "indicators", indicators: r.indicators, findings: r.findings };
  }
  const r = assessScoreTable(model, sheet, {
    lang: opts.lang,
    weights: { ...DEFAULT_WEIGHTS, ...(opts.weights ?? {}) },
    bands: opts.gradeBands?.length ? opts.gradeBands : DEFAULT_GRADE_BANDS,
    liveFormulas: true,
  });
  return { ok: true, kind: "scores", score: r?.report ?? null, findings: r?.findings ?? [] };
}
