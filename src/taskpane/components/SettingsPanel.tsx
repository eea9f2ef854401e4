import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { EvaluateOptions, PartyId } from "../../core/types";
import type { SaveFileFn, TemplateTools } from "../appTypes";
import type { PaneSettings, ScoringHost } from "../host";
import { useLang, useT, type Lang } from "../i18n";
import { DEFAULT_FOLLOW_UP_INTERVALS, ELDERLY_FOLLOW_UP } from "../../core/roster/followup";
import { DEFAULT_RETENTION_THRESHOLD } from "../../core/staffing";
import { bandsOf, formatIntervals, OPTION_SWITCHES, parseIntervals, PARTIES, weightsOf } from "../settings";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: "8px", paddingBottom: "8px" },
  row: { display: "flex", gap: "8px", alignItems: "flex-end", flexWrap: "wrap" },
  narrow: { width: "7em" },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  warn: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

/** Blob.text() is missing in some older webviews Office still uses; FileReader is everywhere. */
function readText(file: File): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, "utf-8");
  });
}

export interface SettingsPanelProps {
  settings: PaneSettings;
  host: ScoringHost;
  templates: TemplateTools;
  busy: boolean;
  saveFile: SaveFileFn;
  onChange: (next: PaneSettings) => void;
  onSave: () => void;
  onLanguage: (lang: Lang) => void;
  onNotice: (text: string) => void;
  onError: (err: unknown) => void;
  /** bumps after each run so the sheet list is read again */
  runCount: number;
}

export function SettingsPanel(p: SettingsPanelProps) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  const o = p.settings.options;
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    p.host.sheetNames().then(
      (names) => {
        if (!live) return;
        setSheets(names);
        setSheet((cur) => (names.includes(cur) ? cur : (names[0] ?? "")));
      },
      // Before a file is chosen the page's host has no sheets; that is not an error worth showing.
      () => live && setSheets([]),
    );
    return () => {
      live = false;
    };
  }, [p.host, p.runCount]);

  const setOptions = (patch: Partial<EvaluateOptions>) => p.onChange({ ...p.settings, options: { ...o, ...patch } });
  const template = o.template ?? p.templates.builtin;

  const capture = async () => {
    try {
      const snapshot = await p.host.readSnapshot();
      const target = snapshot.sheets.find((x) => x.name === sheet);
      if (!target) return;
      setOptions({ template: p.templates.capture(target) });
      p.onNotice(t("settings.templateCaptured", { sheet }));
    } catch (e) {
      p.onError(e);
    }
  };

  const importTemplate = async (file: File | undefined) => {
    if (!file) return;
    try {
      let json: unknown;
      try {
        json = JSON.parse(await readText(file));
      } catch {
        throw new Error(t("settings.templateBadJson"));
      }
      const def = p.templates.validate(json);
      setOptions({ template: def });
      p.onNotice(t("settings.templateImported", { name: def.name }));
    } catch (e) {
      p.onError(e);
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const exportTemplate = () => {
    const bytes = new TextEncoder().encode(JSON.stringify(template, null, 2) + "\n");
    p.saveFile(`${template.id}.template.json`, bytes, "application/json");
  };

  const weights = weightsOf(o);
  const weightSum = Math.round(PARTIES.reduce((sum, k) => sum + weights[k] * 100, 0) * 100) / 100;
  const setWeight = (party: PartyId, pct: string) => {
    const v = Number(pct);
    if (!Number.isFinite(v)) return;
    setOptions({ weights: { ...weights, [party]: Math.max(0, Math.min(100, v)) / 100 } });
  };

  const bands = bandsOf(o);
  const setBand = (i: number, min: string) => {
    const v = Number(min);
    if (!Number.isFinite(v)) return;
    setOptions({ gradeBands: bands.map((b, j) => (j === i ? { ...b, min: v } : b)) });
  };

  const setPeriod = (key: "start" | "end", value: string) => {
    const cur = o.period ?? { start: "", end: "" };
    const next = { ...cur, [key]: value };
    setOptions({ period: next.start || next.end ? next : null });
  };

  const staff = o.staff ?? { all: null, certified: null };
  const setStaff = (key: "all" | "certified", value: string) => {
    const v = value.trim() === "" ? null : Math.max(0, Math.floor(Number(value)));
    if (v !== null && !Number.isFinite(v)) return;
    const next = { ...staff, [key]: v };
    setOptions({ staff: next.all === null && next.certified === null ? null : next });
  };
  const intervals = o.followUpIntervals ?? DEFAULT_FOLLOW_UP_INTERVALS;
  const [levelText, setLevelText] = useState(() => formatIntervals(intervals, ELDERLY_FOLLOW_UP));
  const setElderlyDays = (value: string) => {
    const v = Math.floor(Number(value));
    const next = { ...intervals };
    if (value.trim() === "" || !Number.isFinite(v) || v <= 0) delete next[ELDERLY_FOLLOW_UP];
    else next[ELDERLY_FOLLOW_UP] = v;
    setOptions({ followUpIntervals: next });
  };
  const commitLevels = () => {
    const levels = parseIntervals(levelText);
    const elderly = intervals[ELDERLY_FOLLOW_UP];
    setOptions({ followUpIntervals: { ...levels, ...(elderly ? { [ELDERLY_FOLLOW_UP]: elderly } : {}) } });
    setLevelText(formatIntervals(levels, ELDERLY_FOLLOW_UP));
  };

  return (
    <section aria-label={t("settings.title")}>
      <Text as="h2" weight="semibold" size={500}>
        {t("settings.title")}
      </Text>
      <Accordion collapsible multiple>
        <AccordionItem value="template">
          <AccordionHeader>{t("settings.template")}</AccordionHeader>
          <AccordionPanel className={s.panel}>
            <Text>{t("settings.templateCurrent", { name: template.name })}</Text>
            <div className={s.row}>
              <Field label={t("settings.templateSheet")}>
                <Select value={sheet} onChange={(_, d) => setSheet(d.value)} disabled={!sheets.length}>
                  {sheets.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button onClick={capture} disabled={!sheet || p.busy}>
                {t("settings.templateCapture")}
              </Button>
            </div>
            <div className={s.row}>
              <Button onClick={() => setOptions({ template: undefined })} disabled={!o.template}>
                {t("settings.templateBuiltin")}
              </Button>
              <Button onClick={() => fileInput.current?.click()}>{t("settings.templateImport")}</Button>
              <input
                ref={fileInput}
                type="file"
                accept=".json,application/json"
                hidden
                aria-label={t("settings.templateImport")}
                onChange={(e) => importTemplate(e.target.files?.[0])}
              />
              <Button onClick={exportTemplate}>{t("settings.templateExport")}</Button>
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="weights">
          <AccordionHeader>{t("settings.weights")}</AccordionHeader>
          <AccordionPanel className={s.panel}>
            <div className={s.row}>
              {PARTIES.map((party) => (
                <Field key={party} label={t(`party.${party}`)}>
                  <Input
                    className={s.narrow}
                    type="number"
                    min={0}
                    max={100}
                    step={1}
                    value={String(Math.round(weights[party] * 10000) / 100)}
                    onChange={(_, d) => setWeight(party, d.value)}
                  />
                </Field>
              ))}
            </div>
            <Text className={weightSum === 100 ? s.muted : s.warn}>
              {weightSum === 100 ? t("settings.weightsSum", { sum: weightSum }) : t("settings.weightsNot100", { sum: weightSum })}
            </Text>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="bands">
          <AccordionHeader>{t("settings.bands")}</AccordionHeader>
          <AccordionPanel className={s.panel}>
            <div className={s.row}>
              {bands.map((b, i) => (
                <Field key={b.grade} label={t("settings.bandMin", { grade: b.grade })}>
                  <Input className={s.narrow} type="number" value={String(b.min)} onChange={(_, d) => setBand(i, d.value)} />
                </Field>
              ))}
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="period">
          <AccordionHeader>{t("settings.period")}</AccordionHeader>
          <AccordionPanel className={s.panel}>
            <div className={s.row}>
              <Field label={t("settings.periodStart")}>
                <Input type="date" value={o.period?.start ?? ""} onChange={(_, d) => setPeriod("start", d.value)} />
              </Field>
              <Field label={t("settings.periodEnd")}>
                <Input type="date" value={o.period?.end ?? ""} onChange={(_, d) => setPeriod("end", d.value)} />
              </Field>
              <Field label={t("settings.asOf")}>
                <Input type="date" value={o.asOf ?? ""} onChange={(_, d) => setOptions({ asOf: d.value || null })} />
              </Field>
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="staffing">
          <AccordionHeader>{t("settings.staffing")}</AccordionHeader>
          <AccordionPanel className={s.panel}>
            <Text className={s.muted}>{t("settings.staffingHint")}</Text>
            <div className={s.row}>
              <Field label={t("settings.staffAll")}>
                <Input
                  className={s.narrow}
                  type="number"
                  min={0}
                  value={staff.all === null ? "" : String(staff.all)}
                  onChange={(_, d) => setStaff("all", d.value)}
                />
              </Field>
              <Field label={t("settings.staffCertified")}>
                <Input
                  className={s.narrow}
                  type="number"
                  min={0}
                  value={staff.certified === null ? "" : String(staff.certified)}
                  onChange={(_, d) => setStaff("certified", d.value)}
                />
              </Field>
              <Field label={t("settings.retention")}>
                <Input
                  className={s.narrow}
                  type="number"
                  min={1}
                  max={100}
                  value={String(Math.round((o.retentionThreshold ?? DEFAULT_RETENTION_THRESHOLD) * 100))}
                  onChange={(_, d) => {
                    const v = Number(d.value);
                    if (Number.isFinite(v) && v > 0 && v <= 100) setOptions({ retentionThreshold: v / 100 });
                  }}
                />
              </Field>
            </div>
            <div className={s.row}>
              <Field label={t("settings.followUpElderly")}>
                <Input
                  className={s.narrow}
                  type="number"
                  min={1}
                  value={intervals[ELDERLY_FOLLOW_UP] ? String(intervals[ELDERLY_FOLLOW_UP]) : ""}
                  onChange={(_, d) => setElderlyDays(d.value)}
                />
              </Field>
              <Field label={t("settings.followUpLevels")} hint={t("settings.followUpLevelsHint")}>
                <Input value={levelText} onChange={(_, d) => setLevelText(d.value)} onBlur={commitLevels} />
              </Field>
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="options">
          <AccordionHeader>{t("settings.options")}</AccordionHeader>
          <AccordionPanel className={s.panel}>
            {OPTION_SWITCHES.map((k) => (
              <Checkbox key={k} label={t(`option.${k}`)} checked={o[k] !== false} onChange={(_, d) => setOptions({ [k]: d.checked === true })} />
            ))}
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="language">
          <AccordionHeader>{t("settings.language")}</AccordionHeader>
          <AccordionPanel className={s.panel}>
            <Field label={t("settings.language")}>
              <Select value={lang} onChange={(_, d) => p.onLanguage(d.value === "en" ? "en" : "zh")}>
                <option value="zh">{t("lang.zh")}</option>
                <option value="en">{t("lang.en")}</option>
              </Select>
            </Field>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Button onClick={p.onSave} disabled={p.busy}>
        {t("settings.save")}
      </Button>
    </section>
  );
}
