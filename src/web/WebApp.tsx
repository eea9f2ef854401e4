import { useState } from "react";
import type { SaveFileFn, TemplateTools } from "../taskpane/appTypes";
import { App } from "../taskpane/components/App";
import type { Lang } from "../taskpane/i18n";
import type { FileHost } from "./fileHost";
import { FilePicker } from "./FilePicker";

/** The standalone page: the pane's App fed by a file host, with a file picker above it. */
export function WebApp(props: { host: FileHost; templates: TemplateTools; initialLanguage: Lang; saveFile?: SaveFileFn }) {
  const [file, setFile] = useState<File | null>(null);
  return (
    <App
      host={props.host}
      evaluate={props.host.evaluate}
      templates={props.templates}
      initialLanguage={props.initialLanguage}
      saveFile={props.saveFile}
      canRun={file !== null}
      resetKey={file}
      toolbar={
        <FilePicker
          file={file}
          onFile={(f) => {
            props.host.setFile(f);
            setFile(f);
          }}
        />
      }
    />
  );
}
