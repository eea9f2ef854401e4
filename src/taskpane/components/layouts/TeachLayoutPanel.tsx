import { Button, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { mergeLayouts, validateLayout, type SavedLayout } from "../../../core/layouts/savedLayout";
import { parseA1, parseRange } from "../../../core/a1";
import { regionFrom } from "../../../core/layouts/propose";
import type { SheetSnapshot } from "../../../core/types";
import type { SaveFileFn } from "../../appTypes";
import type { PaneSettings, ScoringHost } from "../../host";
import { useT } from "../../i18n";
import { LayoutReview } from "./LayoutReview";
import { checkRange, RangePicker } from "./RangePicker";
import { SavedLayouts } from "./SavedLayouts";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "12px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  top: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px", flexWrap: "wrap" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

export interface TeachLayoutPanelProps {
  /** open on a table the run did not understand: the table starting at this header cell */
  start?: { sheet: string; cell: string } | null;
  host: ScoringHost;
  settings: PaneSettings;
  saveFile: SaveFileFn;
  busy: boolean;
  /** keep the new list of layouts in the settings; `notice` says what changed */
  onSaveLayouts(layouts: SavedLayout[], notice: string): Promise<void>;
  onError(e: unknown): void;
  onClose(): void;
}

function holdsAnything(sheet: SheetSnapshot, range: string): boolean {
  const r = parseRange(range);
  for (let row = r.r1; row <= r.r2 && row < sheet.values.length; row++) {
    const cells = sheet.values[row] ?? [];
    for (let col = r.c1; col <= r.c2 && col < cells.length; col++) {
      const v = cells[col];
      if (v !== null && v !== undefined && String(v).trim() !== "") return true;
    }
  }
  return false;
}

/**
 * 「指定表格」: pick a range (Excel's selection, or a sheet and an A1 range on the page), review
 * its layout, save it into the settings; the layouts kept so far, with export and import.
 */
export function TeachLayoutPanel(p: TeachLayoutPanelProps) {
  const t = useT();
  const s = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [initial, setInitial] = useState<{ sheet: string; range: string } | null>(null);
  const [target, setTarget] = useState<{ sheet: SheetSnapshot; range: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const layouts = p.settings.layouts ?? [];

  const pick = async (sheetName: string, range: string) => {
    setProblem(null);
    setReading(true);
    try {
      const snapshot = await p.host.readSnapshot();
      const sheet = snapshot.sheets.find((x) => x.name === sheetName);
      if (!sheet || !holdsAnything(sheet, range)) {
        setTarget(null);
        setProblem(t("layout.rangeEmpty", { sheet: sheetName, range }));
        return;
      }
      setTarget({ sheet, range });
    } catch (e) {
      p.onError(e);
    } finally {
      setReading(false);
    }
  };

  const selection =
    p.host.kind === "excel" && p.host.selectedRange ? () => (p.host.selectedRange as NonNullable<ScoringHost["selectedRange"]>)().catch(() => null) : undefined;

  useEffect(() => {
    heading.current?.focus();
    let live = true;
    void (async () => {
      const names = await p.host.sheetNames().catch(() => [] as string[]);
      if (!live) return;
      setSheets(names);
      // from a finding: the table that starts at its cell; in Excel the table is usually selected
      // already. Either way it is reviewed at once.
      const selected = p.start ? await regionOf(p.start) : selection ? await selection() : null;
      if (!live || !selected) return;
      setInitial(selected);
      const checked = checkRange(selected.range);
      if ("range" in checked) await pick(selected.sheet, checked.range);
    })();
    return () => {
      live = false;
    };
  }, [p.host]);

  const regionOf = async (start: { sheet: string; cell: string }) => {
    const sheet = (await p.host.readSnapshot().catch(() => null))?.sheets.find((x) => x.name === start.sheet);
    if (!sheet) return null;
    try {
      const at = parseA1(start.cell);
      return { sheet: start.sheet, range: regionFrom(sheet, at.row, at.col) };
    } catch {
      return { sheet: start.sheet, range: "" };
    }
  };

  const save = async (draft: SavedLayout) => {
    const layout = validateLayout(draft);
    try {
      await p.onSaveLayouts(mergeLayouts(layouts, [layout]), t("layout.saved", { name: layout.name }));
      setTarget(null);
    } catch (e) {
      p.onError(e);
    }
  };

  const keep = (next: SavedLayout[], notice: string) => void p.onSaveLayouts(next, notice).catch(p.onError);

  return (
    <section className={s.root} aria-labelledby="teach-layout-heading" data-testid="teach-layout">
      <div className={s.top}>
        <h2 id="teach-layout-heading" ref={heading} tabIndex={-1} className={s.heading}>
          {t("layout.title")}
        </h2>
        <Button onClick={p.onClose}>{t("layout.close")}</Button>
      </div>
      <Text>{t("layout.intro")}</Text>
      <RangePicker
        key={initial ? `picker:${initial.sheet}!${initial.range}` : "picker"}
        sheets={sheets}
        initial={initial}
        busy={p.busy || reading}
        onUseSelection={selection}
        onPick={(sheet, range) => void pick(sheet, range)}
        problem={problem}
      />
      {reading && <Spinner size="tiny" />}
      {target && (
        <LayoutReview
          key={`review:${target.sheet.name}!${target.range}`}
          sheet={target.sheet}
          range={target.range}
          options={p.settings.options}
          busy={p.busy}
          onSave={save}
          onCancel={() => setTarget(null)}
        />
      )}
      <SavedLayouts
        layouts={layouts}
        busy={p.busy}
        saveFile={p.saveFile}
        onDelete={(l) =>
          keep(
            layouts.filter((x) => x !== l),
            t("layout.deleted", { name: l.name }),
          )
        }
        onImport={(incoming) => keep(mergeLayouts(layouts, incoming), t("layout.imported", { count: incoming.length }))}
        onError={p.onError}
      />
    </section>
  );
}
