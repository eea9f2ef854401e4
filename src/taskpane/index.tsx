import { createRoot } from "react-dom/client";
import { evaluate } from "../core/evaluate";
import { BUILTIN_TEMPLATE, captureTemplate, validateTemplate } from "../core/roster";
import { createExcelHost } from "../excel";
import { waitForOffice, type OfficeLike } from "./boot";
import { App } from "./components/App";
import { NotInOffice } from "./components/NotInOffice";
import { detectLanguage } from "./i18n";
import { officeTheme } from "./theme";

const container = document.getElementById("container");

async function start(): Promise<void> {
  if (!container) return;
  const root = createRoot(container);
  const office = typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike);
  const outcome = await waitForOffice(office);
  const lang = detectLanguage();
  if (outcome !== "excel") {
    root.render(<NotInOffice lang={lang} />);
    return;
  }
  root.render(
    <App
      host={createExcelHost()}
      evaluate={evaluate}
      templates={{ builtin: BUILTIN_TEMPLATE, capture: captureTemplate, validate: validateTemplate }}
      initialLanguage={lang}
      theme={officeTheme()}
    />,
  );
}

void start();
