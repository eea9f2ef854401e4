import type { GradeBand, PartyWeights } from "../types";

// Data on their own, so the pane's settings can show the defaults without bundling the score-table
// reader (the table detector and its vocabularies) into the pane's first load.

export const DEFAULT_WEIGHTS: PartyWeights = { buyer: 0.2, supervisor: 0.1, "supervision-centre": 0.15, "third-party": 0.55 };

export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { min: 90, grade: "优秀" },
  { min: 80, grade: "良好" },
  { min: 60, grade: "合格" },
  { min: Number.NEGATIVE_INFINITY, grade: "不合格" },
];
