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
  // worker.js is its own webpack entry: the file mode and the core load only there.
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

// Start the worker once the page has painted, so its script (the file mode and the core) is
// loaded and compiled while the user finds the file, not after it is chosen.
const warm = () => host.warm();
if (typeof requestIdleCallback === "function") requestIdleCallback(warm, { timeout: 500 });
else setTimeout(warm, 0);
