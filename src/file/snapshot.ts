import { DATE1904_OFFSET, shiftDateSerials } from "../core/dates";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../core/types";
import { findEntry, noteRowsInOrder, readText, type XlsxPackage } from "./package";
import { readWorksheet } from "./sheet-read";

/** `<workbookPr date1904="1"/>` (or "true"): the file counts date serials from 1904-01-01 */
export function usesDate1904(workbookXml: string): boolean {
  return /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
}

/**
 * The core counts dates in Excel's 1900 system. In a 1904 workbook every date-formatted number is
 * moved up by DATE1904_OFFSET on reading (and back down on writing, src/file/apply.ts), so ages and
 * dates are checked on the dates the user sees.
 */
function shiftDates(values: CellValue[][], formats: (string | null | undefined)[][] | undefined): void {
  shiftDateSerials(values, formats, DATE1904_OFFSET);
}

/**
 * Read every sheet of the package into the core's host-neutral snapshot, in workbook order. With
 * `keepBytes` the worksheets' inflated bytes stay for applyPlan on the same package (package.ts).
 */
export function snapshotOf(pkg: XlsxPackage, source: string, keepBytes = false): WorkbookSnapshot {
  const date1904 = usesDate1904(pkg.workbookXml);
  const sheets: SheetSnapshot[] = pkg.sheets.map((info) => {
    const entry = info.kind === "worksheet" && info.path ? findEntry(pkg, info.path) : undefined;
    if (!entry) return info.hidden ? { name: info.name, hidden: true, values: [] } : { name: info.name, values: [] };
    const cells = readWorksheet(readText(pkg, entry, keepBytes), pkg.sharedStrings, pkg.cellFormats);
    if (keepBytes && cells.rowsInOrder) noteRowsInOrder(entry);
    if (date1904) shiftDates(cells.values, cells.numberFormats);
    const { values, formulas, numberFormats, merges } = cells;
    // Object literals, one shape per kind of sheet: objects made by spreading another came out
    // with a hidden class of their own each, and every function of the core that reads sheets
    // then saw a new one per sheet (polymorphic, megamorphic past four) and was compiled again.
    return info.hidden
      ? { name: info.name, hidden: true, values, formulas, numberFormats, merges }
      : { name: info.name, values, formulas, numberFormats, merges };
  });
  return { source, sheets };
}
