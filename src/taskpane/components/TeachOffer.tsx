import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { Finding } from "../../core/types";
import { useT } from "../i18n";

/**
 * A table the run did not understand (`table-not-understood`) gets its own way in to 指定表格,
 * starting from the cell the finding names.
 */
export function TeachOffer(p: { findings: Finding[]; busy: boolean; onTeach(sheet: string, cell: string): void }) {
  const t = useT();
  const offers = p.findings.filter((f) => f.code === "table-not-understood").slice(0, 3);
  return (
    <>
      {offers.map((f) => (
        <MessageBar key={`${f.sheet}!${f.cell}`} intent="info" data-testid="teach-offer">
          <MessageBarBody>{t("layout.offer", { sheet: f.sheet, cell: f.cell })}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabled={p.busy} onClick={() => p.onTeach(f.sheet, f.cell)}>
              {t("layout.teachThis")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </>
  );
}
