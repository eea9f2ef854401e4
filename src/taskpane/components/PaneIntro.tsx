import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useT } from "../i18n";

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
});

/**
 * What the run button does, where it looks and that nothing leaves the machine: the add-in's first
 * view is otherwise two buttons, and many who open it have not used it before. The page says the
 * same beside its file picker, so it shows no intro of its own.
 */
export function PaneIntro() {
  const t = useT();
  const s = useStyles();
  return (
    <Text as="p" className={s.intro} data-testid="pane-intro">
      {t("app.intro")}
    </Text>
  );
}
