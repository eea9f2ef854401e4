import type { SheetSnapshot, WorkbookSnapshot } from "../core/types";
import { findEntry, readText, type XlsxPackage } from "./package";
import { readWorksheet } from "./sheet-read";

/** Read every sheet of the package into the core's host-neutral snapshot, in workbook order. */
export function snapshotOf(pkg: XlsxPackage, source: string): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = pkg.sheets.map((info) => {
    const entry = info.kind === "worksheet" && info.path ? findEntry(pkg, info.path) : undefined;
    const base: SheetSnapshot = { name: info.name, values: [] };
    if (info.hidden) base.hidden = true;
    if (!entry) return base;
    const cells = readWorksheet(readText(pkg, entry), pkg.sharedStrings, pkg.cellFormats);
    return { ...base, values: cells.values, formulas: cells.formulas, numberFormats: cells.numberFormats, merges: cells.merges };
  });
  return { source, sheets };
}
