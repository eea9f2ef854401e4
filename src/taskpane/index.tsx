import { createRoot } from "react-dom/client";

declare const __webpack_hash__: string;
import { BUILTIN_TEMPLATE, captureTemplate, validateTemplate } from "../core/roster";
import { createExcelHost } from "../excel";
import { bootOffice, type OfficeLike } from "./boot";
import { evaluateOffThread, type WorkerLike } from "./evaluateOffThread";
import { App } from "./components/App";
import { NotInOffice } from "./components/NotInOffice";
import { detectLanguage } from "./i18n";
import { officeTheme } from "./theme";

const container = document.getElementById("container");

// core-worker.js is its own webpack entry; the hash keeps a cached old worker from pairing with a new pane.
const startWorker =
  typeof Worker === "undefined" ? null : () => new Worker(new URL(`core-worker.js?v=${__webpack_hash__}`, document.baseURI)) as unknown as WorkerLike;
// The core runs in core-worker.js; the pane loads its own copy only if no worker can start, so
// the pane's first load stays small (Excel loads it on every open).
const evaluateAsync = evaluateOffThread(startWorker, (snapshot, options) => import("../core/evaluate").then((core) => core.evaluate(snapshot, options)));

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
          evaluate={evaluateAsync}
          templates={{ builtin: BUILTIN_TEMPLATE, capture: captureTemplate, validate: validateTemplate }}
          initialLanguage={detectLanguage()}
          theme={officeTheme()}
        />,
      ),
  });
}
