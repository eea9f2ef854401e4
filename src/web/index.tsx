import { createRoot } from "react-dom/client";
import { BUILTIN_TEMPLATE, captureTemplate, validateTemplate } from "../core/roster";
import { detectLanguage } from "../taskpane/i18n";
import { createFileHost } from "./fileHost";
import type { WorkerPort } from "./protocol";
import { WebApp } from "./WebApp";

declare const __webpack_hash__: string;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const host = createFileHost({
  // worker.js is its own webpack entry: the file mode and the core load only there, on first use.
  // The build's hash in the URL, so a browser never pairs a new page with a cached old worker.
  createPort: () => new Worker(new URL(`worker.js?v=${__webpack_hash__}`, document.baseURI)) as unknown as WorkerPort,
  storage: storage(),
});

const container = document.getElementById("container");
if (container) {
  createRoot(container).render(
    <WebApp host={host} templates={{ builtin: BUILTIN_TEMPLATE, capture: captureTemplate, validate: validateTemplate }} initialLanguage={detectLanguage()} />,
  );
}
