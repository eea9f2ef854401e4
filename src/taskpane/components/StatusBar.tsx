import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { StatusMessage } from "../hooks/useScoringRun";
import { useT } from "../i18n";

/** The one message of the moment: what went wrong (an alert), or that something finished. */
export function StatusBar({ status }: { status: StatusMessage }) {
  const t = useT();
  if (!status) return null;
  if (status.kind === "error") {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{t("error.title")}</MessageBarTitle>
          {status.text}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="success">
      <MessageBarBody>{status.text}</MessageBarBody>
    </MessageBar>
  );
}
