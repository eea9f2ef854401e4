import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useId, type ReactNode } from "react";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: "8px", paddingBottom: "12px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

/** One titled group of the settings view; sections added later use it too. */
export function SettingsGroup({ title, children }: { title: string; children: ReactNode }) {
  const s = useStyles();
  const id = useId();
  return (
    <section className={s.group} aria-labelledby={id}>
      <Text as="h3" id={id} weight="semibold" size={400}>
        {title}
      </Text>
      {children}
    </section>
  );
}
