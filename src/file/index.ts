/**
 * .xlsx file mode: read a workbook into the core's snapshot, and write a plan back by patching.
 *
 * Design, in short:
 * - The package is read with our own zip central-directory reader (zip.ts) and fflate for
 *   DEFLATE; parts are inflated lazily and untouched entries are copied to the output as their
 *   original compressed bytes, so charts, drawings, pivot caches, comments, VBA and anything we
 *   do not understand come out byte-for-byte identical.
 * - XML is scanned by hand (xml.ts) instead of parsed into a DOM: we need byte-exact patching
 *   (a serialiser would rewrite every byte of a touched part) and low memory and time on
 *   100k-row sheets.
 * - New text cells go into the shared string table (shared-strings.ts), reusing entries already
 *   there: a restored roster repeats the source sheet's text, so the new sheet is mostly indexes
 *   and the output stays near the input's size. Entries are only appended, never renumbered, and
 *   the table is left byte-identical when a plan adds no new text. Formula text results are
 *   cached in the cell (t="str"), as Excel does.
 * - Styles: a changed cell gets a clone of its own cellXfs record with only the number format or
 *   fill (and bold font for headers) swapped, appended to styles.xml; existing records are never
 *   edited, so every other cell looks exactly as before.
 * - Nothing here imports Node: it runs in browsers and Web Workers too. DEFLATE defaults to
 *   fflate; a Node host may pass its native zlib through `openXlsx(bytes, { codec })` (about a
 *   quarter faster end to end on a 20k-row roster).
 * - Damaged input fails with an XlsxError (one plain-Chinese sentence), never a crash: sizes
 *   are checked before inflating (zip bombs), and inflating never allocates beyond what the
 *   compressed data can expand to.
 */
export { XLSX_ERROR_CODES, XlsxError, type XlsxErrorCode } from "./errors";
export { openXlsx, type OpenOptions, type XlsxPackage, type SheetInfo } from "./package";
export { fflateCodec, type DeflateCodec } from "./zip";
export { snapshotOf } from "./snapshot";
export { applyPlan, applyPlanPieces } from "./apply";
export { newWorkbook } from "./new-workbook";
