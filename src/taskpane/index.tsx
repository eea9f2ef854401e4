import { createRoot } from "react-dom/client";
import { evaluate } from "../core/evaluate";
import { BUILTIN_TEMPLATE, captureTemplate, validateTemplate } from "../core/roster";
import { createExcelHost } from "../excel";
import { bootOffice, type OfficeLike } from "./boot";
import { App } from "./components/App";
import { NotInOffice } from "./components/NotInOffice";
import { detectLanguage } from "./i18n";
import { officeTheme } from "./theme";

const container = document.getElementById("container");

if (container) {
  const root = createRoot(container);
  const office = typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike);
  bootOffice(office, {
    onNotInOffice: () => root.render(<NotInOffice lang={detectLanguage()} />),
    // Language and theme are read once Office is ready: Office.context exists only then.
    onExcel: () =>
      root.render(
        <App
          host={createExcelHost()}
          evaluate={evaluate}
          templates={{ builtin: BUILTIN_TEMPLATE, capture: captureTemplate, validate: validateTemplate }}
          initialLanguage={detectLanguage()}
          theme={officeTheme()}
        />,
      ),
  });
}
