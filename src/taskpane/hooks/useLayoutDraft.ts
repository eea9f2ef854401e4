import { useMemo, useState } from "react";
import type { Lang } from "../../core/findings";
import { previewLayout, type LayoutPreview } from "../../core/layouts/preview";
import { proposeLayout, type LayoutProposal, type ProposeOptions } from "../../core/layouts/propose";
import type { LayoutKind, SavedLayout, SavedLineRole } from "../../core/layouts/savedLayout";
import type { Orientation } from "../../core/tables/model";
import type { EvaluateOptions, PartyId, SheetSnapshot } from "../../core/types";

/** What a score record may be in the review: one of the parties, the total, the grade, or nothing. */
export type RecordChoice = PartyId | "total" | "grade" | "ignore";

export interface LayoutDraft {
  proposal: LayoutProposal;
  layout: SavedLayout;
  preview: LayoutPreview;
  setName(name: string): void;
  /** kind, direction and band re-read the range: the roles start again from the headers */
  reshape(change: ProposeOptions): void;
  setRole(offset: number, role: SavedLineRole): void;
  setArea(offset: number, area: string): void;
  setRecord(offset: number, choice: RecordChoice): void;
}

export function recordChoice(layout: SavedLayout, offset: number): RecordChoice {
  const r = layout.records?.find((x) => x.offset === offset);
  if (!r) return "ignore";
  return r.role === "party" ? r.party : r.role;
}

/**
 * The layout being taught, over one sheet: a first guess from the headers, the evaluator's
 * changes, and the preview of what a run would write, recomputed on every change.
 */
export function useLayoutDraft(sheet: SheetSnapshot, range: string, lang: Lang, options: EvaluateOptions): LayoutDraft {
  const [proposal, setProposal] = useState(() => proposeLayout(sheet, range));
  const [layout, setLayout] = useState<SavedLayout>(proposal.layout);

  const preview = useMemo(
    () => previewLayout(layout, sheet, { lang, weights: options.weights, gradeBands: options.gradeBands }),
    [layout, sheet, lang, options.weights, options.gradeBands],
  );

  const reshape = (change: ProposeOptions) => {
    const next = proposeLayout(sheet, range, {
      kind: (change.kind ?? layout.kind) as LayoutKind,
      orientation: (change.orientation ?? layout.orientation) as Orientation,
      // a new direction re-reads the band; a new band or kind keeps the direction
      band: change.orientation && change.orientation !== layout.orientation ? undefined : (change.band ?? layout.band),
    });
    setProposal(next);
    setLayout({ ...next.layout, name: layout.name });
  };

  const setLine = (offset: number, edit: (l: SavedLayout["lines"][number]) => SavedLayout["lines"][number]) =>
    setLayout((l) => ({ ...l, lines: l.lines.map((x) => (x.offset === offset ? edit(x) : x)) }));

  return {
    proposal,
    layout,
    preview,
    setName: (name) => setLayout((l) => ({ ...l, name })),
    reshape,
    setRole: (offset, role) =>
      setLine(offset, (x) => {
        const next = { ...x, role };
        // only target, completed and percent lines belong to an area group
        if (!["target", "completed", "percent"].includes(role)) delete next.area;
        return next;
      }),
    setArea: (offset, area) =>
      setLine(offset, (x) => {
        const next = { ...x };
        if (area.trim()) next.area = area;
        else delete next.area;
        return next;
      }),
    setRecord: (offset, choice) =>
      setLayout((l) => {
        const others = (l.records ?? []).filter((r) => r.offset !== offset);
        // a party named on one record leaves any other record it was on
        const freed =
          choice === "total" || choice === "grade" || choice === "ignore"
            ? others
            : others.map((r) => (r.role === "party" && r.party === choice ? { offset: r.offset, role: "ignore" as const } : r));
        const record =
          choice === "total" || choice === "grade" || choice === "ignore" ? { offset, role: choice } : { offset, role: "party" as const, party: choice };
        return { ...l, records: [...freed, record].sort((a, b) => a.offset - b.offset) };
      }),
  };
}
