/** The Office.js host: the pane builds it with createExcelHost() once Office.onReady fired. */
export { createExcelHost } from "./excelHost";
export type { ExcelHost, ExcelHostOptions, ExcelRun } from "./excelHost";
export { DEFAULT_BUDGET } from "./limits";
export type { Budget } from "./limits";
export { SETTINGS_KEY } from "./settingsStore";
export { UNDO_SHEET } from "./undoRecord";
