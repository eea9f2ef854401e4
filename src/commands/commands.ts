// The ribbon button only opens the task pane (ShowTaskpane), so the function file has nothing to
// register; Office still requires it to load and call onReady.
if (typeof Office !== "undefined") {
  Office.onReady(() => undefined);
}

export {};
