import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  CounterBadge,
  makeStyles,
  Text,
  tokens,
  type AccordionToggleEventHandler,
} from "@fluentui/react-components";
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Finding, Severity } from "../../../core/types";
import { cellRef, groupFindings, SEVERITY_ORDER } from "../../format";
import type { ScoringHost } from "../../host";
import { findingTitle, useLang, useT } from "../../i18n";
import { VisuallyHidden } from "../VisuallyHidden";
import { FindingRow } from "./FindingRow";
import { PreviewTable, type Preview } from "./PreviewTable";
import { SeverityFilter } from "./SeverityFilter";
import { SeverityIcon } from "./SeverityIcon";

/** Long lists are cut so a roster with thousands of findings does not freeze the pane. */
const FIRST_ROWS = 50;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  header: { minWidth: 0 },
  headerText: { display: "flex", alignItems: "center", gap: "6px", minWidth: 0, overflowWrap: "anywhere" },
  panel: { margin: 0, paddingBottom: "6px" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
});

interface Section {
  code: Finding["code"];
  severity: Severity;
  findings: Finding[];
}

type Opened = { key: string; preview: Preview | null };

export function FindingsList({ findings, host, onError }: { findings: Finding[]; host: ScoringHost; onError: (e: unknown) => void }) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  // a big roster brings tens of thousands of findings; group them once per report, not per render
  const sections = useMemo<Section[]>(
    () => groupFindings(findings).flatMap((g) => g.codes.map((c) => ({ code: c.code, severity: g.severity, findings: c.findings }))),
    [findings],
  );
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) c[f.severity]++;
    return c;
  }, [findings]);
  const [shown, setShown] = useState<Set<Severity>>(() => new Set(SEVERITY_ORDER));
  const [openItems, setOpenItems] = useState<string[]>(() => sections.map((x) => x.code));
  const [all, setAll] = useState<Set<string>>(() => new Set());
  const [current, setCurrent] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const visible = sections.filter((x) => shown.has(x.severity));
  const rowsOf = (x: Section) => (all.has(x.code) ? x.findings : x.findings.slice(0, FIRST_ROWS));
  const keyOf = (x: Section, i: number) => `${x.code}#${i}`;
  // One Tab stop for the whole list (roving tabindex): the row last focused, else the first shown.
  const keys = visible.filter((x) => openItems.includes(x.code)).flatMap((x) => rowsOf(x).map((_, i) => keyOf(x, i)));
  const tabStop = active && keys.includes(active) ? active : keys[0];

  const onToggle: AccordionToggleEventHandler<string> = (_, data) => setOpenItems(data.openItems);

  const open = async (f: Finding, key: string) => {
    setCurrent(key);
    setActive(key);
    try {
      if (host.selectCell) {
        await host.selectCell(f.sheet, f.cell);
      } else if (host.previewRows) {
        if (opened?.key === key) setOpened(null);
        else setOpened({ key, preview: await host.previewRows(f.sheet, f.cell) });
      }
    } catch (e) {
      onError(e);
    }
  };

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLElement>("[data-finding-row]") ?? []);
    const at = rows.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      setOpened((o) => {
        if (o) e.preventDefault();
        return null;
      });
      if (at < 0) {
        // Esc inside a preview: back to its row
        const row = listRef.current?.querySelector<HTMLElement>('[data-finding-row][aria-expanded="true"]');
        row?.focus();
      }
      return;
    }
    if (at < 0) return;
    const next =
      e.key === "ArrowDown"
        ? Math.min(rows.length - 1, at + 1)
        : e.key === "ArrowUp"
          ? Math.max(0, at - 1)
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? rows.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    rows[next].focus();
    setActive(rows[next].dataset.findingRow ?? null);
  }, []);

  const toggleSeverity = (sev: Severity) =>
    setShown((cur) => {
      const next = new Set(cur);
      if (next.has(sev)) next.delete(sev);
      else next.add(sev);
      return next;
    });

  return (
    <section className={s.section} aria-labelledby="findings-heading">
      <Text as="h2" id="findings-heading" weight="semibold" size={500}>
        {t("findings.title", { count: findings.length })}
      </Text>
      {sections.length === 0 && <Text>{t("findings.none")}</Text>}
      {sections.length > 0 && (
        <>
          <SeverityFilter counts={counts} shown={shown} onToggle={toggleSeverity} />
          <Text className={s.hint} id="findings-hint">
            {t("findings.listHint")}
          </Text>
        </>
      )}
      {sections.length > 0 && visible.length === 0 && <Text>{t("findings.noneShown")}</Text>}
      <div ref={listRef} onKeyDown={onKeyDown}>
        <Accordion multiple collapsible openItems={openItems} onToggle={onToggle}>
          {visible.map((x) => {
            const rows = rowsOf(x);
            const title = findingTitle(lang, x.code);
            return (
              <AccordionItem key={x.code} value={x.code}>
                <AccordionHeader as="h3" className={s.header} icon={<SeverityIcon severity={x.severity} />}>
                  <span className={s.headerText}>
                    <span>{title}</span>
                    <CounterBadge count={x.findings.length} overflowCount={99999} appearance="filled" color="informative" size="small" aria-hidden />
                    <VisuallyHidden>{t("findings.sectionCount", { severity: t(`severity.one.${x.severity}`), count: x.findings.length })}</VisuallyHidden>
                  </span>
                </AccordionHeader>
                <AccordionPanel className={s.panel}>
                  <ul className={s.list} aria-label={title} aria-describedby="findings-hint">
                    {rows.map((f, i) => {
                      const key = keyOf(x, i);
                      const ref = cellRef(f.sheet, f.cell);
                      const isOpen = opened?.key === key;
                      const previewId = `preview-${x.code}-${i}`;
                      return (
                        <li key={key}>
                          <FindingRow
                            finding={f}
                            rowKey={key}
                            tabbable={key === tabStop}
                            current={key === current}
                            expanded={host.selectCell ? undefined : isOpen}
                            previewId={previewId}
                            title={host.selectCell ? t("findings.select", { ref }) : t("findings.preview", { ref })}
                            onOpen={() => void open(f, key)}
                            onFocus={() => setActive(key)}
                          />
                          {isOpen && <PreviewTable preview={opened.preview} finding={f} id={previewId} />}
                        </li>
                      );
                    })}
                  </ul>
                  {rows.length < x.findings.length && (
                    <Button appearance="transparent" size="small" onClick={() => setAll((cur) => new Set(cur).add(x.code))}>
                      {t("findings.more", { count: x.findings.length - rows.length })}
                    </Button>
                  )}
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      </div>
    </section>
  );
}
