import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from "@fluentui/react-components";
import { translate, type Lang } from "../i18n";

/** What the pane shows when it is opened outside Excel. */
export function NotInOffice({ lang }: { lang: Lang }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <div style={{ padding: 12 }}>
        <MessageBar intent="info">
          <MessageBarBody>{translate(lang, "app.notInOffice")}</MessageBarBody>
        </MessageBar>
      </div>
    </FluentProvider>
  );
}
