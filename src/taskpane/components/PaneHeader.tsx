import { Button, makeStyles, Text } from "@fluentui/react-components";
import { forwardRef } from "react";
import { Settings24Regular } from "@fluentui/react-icons";
import { useT } from "../i18n";

const useStyles = makeStyles({
  header: { display: "flex", alignItems: "center", gap: "8px" },
  title: { flexGrow: 1, minWidth: 0, margin: 0 },
});

/** The pane's title and the way into settings, which live in their own view. */
export const PaneHeader = forwardRef<HTMLButtonElement, { title: string; onSettings: () => void; settingsOpen: boolean }>(function PaneHeader(
  { title, onSettings, settingsOpen },
  settingsButton,
) {
  const t = useT();
  const s = useStyles();
  return (
    <header className={s.header}>
      <Text as="h1" size={500} weight="semibold" className={s.title}>
        {title}
      </Text>
      {!settingsOpen && (
        <Button
          ref={settingsButton}
          appearance="subtle"
          icon={<Settings24Regular />}
          onClick={onSettings}
          aria-label={t("settings.open")}
          title={t("settings.open")}
        />
      )}
    </header>
  );
});
