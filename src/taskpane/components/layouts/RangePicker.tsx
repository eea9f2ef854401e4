import { Button, Field, Input, makeStyles, Select } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { parseRange, rangeA1 } from "../../../core/a1";
import { useT, type MessageKey } from "../../i18n";

const useStyles = makeStyles({
  row: { display: "flex", gap: "8px", alignItems: "flex-start", flexWrap: "wrap" },
  field: { flex: "1 1 140px", minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", flexBasis: "100%" },
});

/** "a2:f14", "$A$2:$F$14" → "A2:F14", or why it is no range of two lines by two or more. */
export function checkRange(text: string): { range: string } | { problem: MessageKey } {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(text.toUpperCase().replace(/：/g, ":").replace(/\s+/g, ""));
  if (!m || !Number(m[2]) || !Number(m[4])) return { problem: "layout.rangeBad" };
  const r = parseRange(`${m[1]}${m[2]}:${m[3]}${m[4]}`);
  // Excel's grid: 1,048,576 rows by 16,384 columns (XFD)
  if (r.r2 >= 1048576 || r.c2 >= 16384) return { problem: "layout.rangeBad" };
  if (r.r1 === r.r2 || r.c1 === r.c2) return { problem: "layout.rangeSmall" };
  return { range: rangeA1(r) };
}

export interface RangePickerProps {
  sheets: string[];
  /** where the fields start (a new one remounts the picker: the panel keys it) */
  initial: { sheet: string; range: string } | null;
  busy: boolean;
  /** Excel: fill the fields from the range selected in the workbook */
  onUseSelection?: () => Promise<{ sheet: string; range: string } | null>;
  onPick(sheet: string, range: string): void;
  /** a problem found after the pick (the range is empty): shown on the range field */
  problem?: string | null;
}

/**
 * Which table to teach: a sheet and an A1 range. The page has no grid to select in, so this is
 * how it is told; in Excel the selection fills the fields.
 */
export function RangePicker(p: RangePickerProps) {
  const t = useT();
  const s = useStyles();
  const [sheet, setSheet] = useState(p.initial?.sheet ?? p.sheets[0] ?? "");
  const [range, setRange] = useState(p.initial?.range ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!sheet && p.sheets.length) setSheet(p.sheets[0]);
  }, [p.sheets]);

  const shown = problem ?? p.problem ?? null;
  const submit = () => {
    const checked = checkRange(range);
    if ("problem" in checked) {
      setProblem(t(checked.problem));
      return;
    }
    setProblem(null);
    setRange(checked.range);
    p.onPick(sheet, checked.range);
  };

  const useSelection = async () => {
    if (!p.onUseSelection) return;
    const picked = await p.onUseSelection();
    if (!picked) {
      setProblem(t("layout.noSelection"));
      return;
    }
    const checked = checkRange(picked.range);
    setSheet(picked.sheet);
    setRange(picked.range);
    if ("problem" in checked) {
      // one cell, a whole column or several areas: no table is selected
      setProblem(t("layout.noSelection"));
      return;
    }
    setProblem(null);
    p.onPick(picked.sheet, checked.range);
  };

  return (
    <form
      className={s.row}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field className={s.field} label={t("layout.sheet")}>
        <Select className={s.select} value={sheet} onChange={(_, d) => setSheet(d.value)} disabled={!p.sheets.length}>
          {p.sheets.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        className={s.field}
        label={t("layout.range")}
        hint={shown ? undefined : t("layout.rangeHint")}
        validationState={shown ? "error" : "none"}
        validationMessage={shown ?? undefined}
      >
        <Input value={range} onChange={(_, d) => setRange(d.value)} placeholder="A2:F14" autoComplete="off" spellCheck={false} />
      </Field>
      <div className={s.actions}>
        <Button type="submit" appearance="primary" disabled={p.busy || !sheet || !range.trim()}>
          {t("layout.read")}
        </Button>
        {p.onUseSelection && (
          <Button type="button" disabled={p.busy} onClick={() => void useSelection()}>
            {t("layout.useSelection")}
          </Button>
        )}
      </div>
    </form>
  );
}
