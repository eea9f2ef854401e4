import type { EvaluateOptions } from "../../../core/types";
import type { PaneSettings } from "../../host";

/** What every section of the settings view edits: the draft, applied and saved only together. */
export interface SectionProps {
  draft: PaneSettings;
  onChange: (next: PaneSettings) => void;
}

export function withOptions(draft: PaneSettings, patch: Partial<EvaluateOptions>): PaneSettings {
  return { ...draft, options: { ...draft.options, ...patch } };
}
