/**
 * A recording fake of the part of the Excel JavaScript API that src/excel uses.
 *
 * It behaves like Office.js where the host layer could get it wrong, and keeps the workbook as
 * plain cell data so tests can compare a workbook before and after exactly:
 * - loads are deferred: a property read before `load` + `context.sync()` THROWS
 *   (office-addin-mock returns a sentinel string instead, which hides the mistake);
 * - writes are queued and take effect at `sync`, in order; an operation that fails leaves the
 *   earlier ones of the batch applied, as Excel does;
 * - every sync is counted, and the request (JSON of queued loads, calls and writes) and the
 *   response (JSON of loaded data) are measured in UTF-8 bytes;
 * - it can refuse sizes (`RequestPayloadSizeLimitExceeded`, `ResponsePayloadSizeLimitExceeded`,
 *   `RangeExceedsLimit` or a null `values`), fail in cell-edit mode, deny writes to protected
 *   sheets (`AccessDenied`), and report features above its ExcelApi version as missing
 *   (`ApiNotFound`);
 * - text written through `values`/`formulas` is parsed as Excel parses typed text: "=…" is a
 *   formula, "001" the number 1, "TRUE" a boolean, "2024-01-02" a date serial, a leading
 *   apostrophe marks text; a text-formatted ("@") cell keeps what it is given as text.
 *
 * It does not calculate. A formula written into a cell takes the value that cell last showed
 * with the same formula (what Excel would recompute once the inputs are back), otherwise null.
 */
import type { CellRange, CellValue, WorkbookSnapshot } from "../../src/core/types";
import { r1c1ToA1 } from "../../src/core/runs";

// ---------------------------------------------------------------------------------------------
// the stored workbook

export interface FakeCell {
  v?: string | number | boolean;
  f?: string;
  nf?: string;
  fill?: string;
  /** RangeFill.tintAndShade (ExcelApi 1.9): -1 darkest … 1 lightest, as a theme colour's lighter/darker variants are */
  tint?: number;
  /** RangeFill.pattern (ExcelApi 1.9) other than Solid: "Gray50", "LinearGradient" … */
  pattern?: string;
  bold?: boolean;
  /** only part of the cell's text is bold (rich text): RangeFont.bold reads null ("mixed") */
  partBold?: boolean;
}

export interface FakeConditionalFormat {
  range: CellRange;
  type: string;
  fill?: string;
  font?: string;
  rule?: unknown;
}

export interface FakeSheet {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  tabColor: string;
  cells: Map<string, FakeCell>;
  merges: CellRange[];
  conditionalFormats: FakeConditionalFormat[];
  validations: { range: CellRange; rule: unknown }[];
  widths: Map<number, number>;
  freeze: { rows: number; cols: number } | null;
  /** Excel tables (ListObjects) on the sheet, header row included */
  tables?: { name: string; range: CellRange }[];
  /** dynamic array formulas and the range each spills into (anchor = top-left) */
  spills?: CellRange[];
  /**
   * Legacy array formulas (Ctrl+Shift+Enter) and the range each covers. Each cell of one holds the
   * same A1 formula text, as Office.js reads it back (github.com/OfficeDev/office-js/issues/6176);
   * a write that changes part of one fails, as Excel's "You can't change part of an array" does
   * (support.microsoft.com/office/rules-and-examples-for-array-formulas-7d94a64e-3ff3-4686-9372-ecfd5caa57c7).
   */
  arrays?: CellRange[];
}

export interface FakeRequestLog {
  requestBytes: number;
  responseBytes: number;
  ok: boolean;
  error?: string;
}

export interface FakeOptions {
  /** highest ExcelApi version this "Excel" supports, e.g. "1.7"; default "1.20" */
  apiVersion?: string;
  /** refuse requests above this many bytes */
  maxRequestBytes?: number;
  /** refuse responses above this many bytes */
  maxResponseBytes?: number;
  /** refuse range reads above this many cells */
  maxReadCells?: number;
  /** ...by returning null values (Excel's newer behaviour) instead of throwing RangeExceedsLimit */
  nullValuesAboveLimit?: boolean;
  /** document url, for the source name */
  url?: string;
  /**
   * A sync whose request is above this many bytes fails with GeneralException part-way through,
   * the operations before the failing point applied: large batches on the web have failed as
   * "internal error" (github.com/OfficeDev/office-js/issues/1314,
   * github.com/OfficeDev/office-js-docs-reference/issues/354).
   */
  generalExceptionAboveBytes?: number;
  /** which Excel: some APIs clear the user's undo stack only on Windows and Mac; default "windows" */
  platform?: "windows" | "mac" | "web";
  /**
   * An Excel that takes only what the typings promise: a scalar assigned to `values`, `formulas`,
   * `formulasR1C1` or `numberFormat` of a multi-cell range fails with InvalidArgument. Real Excel
   * applies the scalar to every cell, undocumented (see write2d); a host must survive either.
   */
  rejectScalarRangeWrites?: boolean;
  /** Range.autoFill fails with InvalidArgument, as an Excel that does not extend a series might */
  rejectAutoFill?: boolean;
  /**
   * The workbook counts dates from 1904 (older Mac Excel): its serials are 1,462 days below the
   * 1900 system's (learn.microsoft.com/office/troubleshoot/excel/1900-and-1904-date-system). The
   * fake stores serials as given; this only says which system they are in.
   */
  date1904?: boolean;
  /**
   * The Office.js library in use has the preview-only `Workbook.use1904DateSystem`
   * (learn.microsoft.com/javascript/api/excel/excel.workbook, "ExcelApi BETA (PREVIEW ONLY)").
   * Without it the proxy has no such property at all, as the production library's has not.
   */
  preview1904Api?: boolean;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const DEFAULT_WIDTH = 48;

export class FakeOfficeError extends Error {
  /** OfficeExtension.Error.debugInfo (learn.microsoft.com/javascript/api/office/officeextension.debuginfo) */
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

function key(r: number, c: number): string {
  return `${r},${c}`;
}

/**
 * The cells of a sheet by "r,c" key, as tests write them, with a row index beside it so that
 * reading a big range does not hash a fresh string per cell (the fake's own speed, nothing Excel does).
 */
class CellMap extends Map<string, FakeCell> {
  /** built on the first read after a change; a write only drops it, so long runs of writes stay cheap */
  private rows: Map<number, Map<number, FakeCell>> | undefined;
  override set(k: string, cell: FakeCell): this {
    this.rows = undefined;
    return super.set(k, cell);
  }
  override delete(k: string): boolean {
    this.rows = undefined;
    return super.delete(k);
  }
  override clear(): void {
    this.rows = undefined;
    super.clear();
  }
  at(r: number, c: number): FakeCell | undefined {
    if (!this.rows) {
      this.rows = new Map();
      for (const [k, cell] of this) {
        const comma = k.indexOf(",");
        const row = +k.slice(0, comma);
        let line = this.rows.get(row);
        if (!line) this.rows.set(row, (line = new Map()));
        line.set(+k.slice(comma + 1), cell);
      }
    }
    return this.rows.get(r)?.get(c);
  }
}

function unkey(k: string): [number, number] {
  const [r, c] = k.split(",").map(Number);
  return [r, c];
}

function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "A1", "A1:B2", "C:D", "2:3" (with optional $ and sheet prefix) → rectangle */
export function parseAddress(address: string): CellRange {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const clean = a.replace(/\$/g, "").toUpperCase();
  const [p, q = p] = clean.split(":");
  const part = (s: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(s);
    if (!m || (!m[1] && !m[2])) throw new FakeOfficeError("InvalidArgument", `bad address ${address}`);
    return { col: m[1] ? colIndex(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const x = part(p);
  const y = part(q);
  const r1 = x.row ?? 0;
  const r2 = y.row ?? (x.row === null ? MAX_ROWS - 1 : r1);
  const c1 = x.col ?? 0;
  const c2 = y.col ?? (x.col === null ? MAX_COLS - 1 : c1);
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

export function formatAddress(r: CellRange): string {
  const full = (x: CellRange) => x.r1 === 0 && x.r2 === MAX_ROWS - 1;
  if (full(r)) return `${colLetters(r.c1)}:${colLetters(r.c2)}`;
  if (r.c1 === 0 && r.c2 === MAX_COLS - 1) return `${r.r1 + 1}:${r.r2 + 1}`;
  const a = `${colLetters(r.c1)}${r.r1 + 1}`;
  const b = `${colLetters(r.c2)}${r.r2 + 1}`;
  return a === b ? a : `${a}:${b}`;
}

function sheetPrefix(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) && !/^\d/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function intersects(a: CellRange, b: CellRange): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/** the cells of `a` outside `b`, as up to four rectangles (above, below, left, right) */
function subtract(a: CellRange, b: CellRange): CellRange[] {
  if (!intersects(a, b)) return [a];
  const out: CellRange[] = [];
  if (a.r1 < b.r1) out.push({ r1: a.r1, c1: a.c1, r2: b.r1 - 1, c2: a.c2 });
  if (a.r2 > b.r2) out.push({ r1: b.r2 + 1, c1: a.c1, r2: a.r2, c2: a.c2 });
  const r1 = Math.max(a.r1, b.r1);
  const r2 = Math.min(a.r2, b.r2);
  if (a.c1 < b.c1) out.push({ r1, c1: a.c1, r2, c2: b.c1 - 1 });
  if (a.c2 > b.c2) out.push({ r1, c1: b.c2 + 1, r2, c2: a.c2 });
  return out;
}

function inside(r: number, c: number, x: CellRange): boolean {
  return r >= x.r1 && r <= x.r2 && c >= x.c1 && c <= x.c2;
}

function utf8(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function versionAtLeast(have: string, want: string): boolean {
  const [a1, a2] = have.split(".").map(Number);
  const [b1, b2] = want.split(".").map(Number);
  return a1 > b1 || (a1 === b1 && (a2 ?? 0) >= (b2 ?? 0));
}

/** days since 1899-12-30, as Excel stores dates */
function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// the fake "Excel"

interface QueuedOp {
  json: unknown;
  run(): void;
}

type Delivery = { bytes: unknown; deliver(): void };

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly options: Required<
    Omit<
      FakeOptions,
      | "maxRequestBytes"
      | "maxResponseBytes"
      | "maxReadCells"
      | "generalExceptionAboveBytes"
      | "platform"
      | "rejectScalarRangeWrites"
      | "rejectAutoFill"
      | "date1904"
      | "preview1904Api"
    >
  > &
    FakeOptions;
  syncs = 0;
  readonly requests: FakeRequestLog[] = [];
  readonly runOptions: unknown[] = [];
  calcSuspensions = 0;
  /** throw this error code at the next sync (then clear it); "InvalidOperationInCellEditMode" etc. */
  failNextSync: string | null = null;
  /** called at the start of every sync with its number (1-based): lets a test change the world mid-run */
  onSync: ((n: number) => void) | null = null;
  /** settings as saved to the document (after saveAsync) */
  readonly savedSettings = new Map<string, unknown>();
  private readonly pendingSettings = new Map<string, unknown>();
  active: { sheet: string; selection: string } | null = null;
  /** 审阅 → 保护工作簿: no sheets can be added, deleted, moved or hidden */
  structureProtected = false;
  /**
   * The user is editing a cell. A batch of a run with delayForCellEdit waits until endCellEdit();
   * without it (or below ExcelApi 1.11) the batch fails with InvalidOperationInCellEditMode
   * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
   */
  cellEditing = false;
  private cellEditWaiters: (() => void)[] = [];
  /** the next sync never answers (github.com/OfficeDev/office-js/issues/6678) */
  hangNextSync = false;
  /** fail sync number `at` (1-based, counted by `syncs`) part-way: `afterOps` operations run first */
  failAt: { at: number; code: string; afterOps?: number } | null = null;
  /** Workbook.customXmlParts (ExcelApi 1.5): parts kept in the file, outside every sheet */
  readonly customXmlParts: { id: string; ns: string; xml: string }[] = [];
  private nextPartId = 1;
  /**
   * APIs called that clear the user's Ctrl+Z history from that point: "If you call an unsupported
   * API in your add-in, the user's undo stack is cleared starting from that API call"
   * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities: Worksheet.delete
   * everywhere; Worksheet.visibility and Worksheet.position on Windows and Mac).
   */
  readonly undoStackCleared: string[] = [];
  /**
   * Application.calculationMode (ExcelApi 1.1; "a runtime property … not persisted in the
   * workbook"); in "Manual" the formula results an add-in reads may be stale.
   */
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual" = "Automatic";
  /**
   * Application.calculate(type) calls, in order. After suspendApiCalculationUntilNextSync "it is
   * the developer's responsibility to re-calc" (learn.microsoft.com/javascript/api/excel/excel.application).
   */
  readonly calculations: string[] = [];
  /** every range write and autoFill that ran: which property, where, and whether it was one scalar */
  readonly rangeWrites: { prop: string; sheet: string; address: string; scalar: boolean }[] = [];
  /** formula → value a cell last showed with it, so a restored formula shows its old value */
  private readonly calcMemo = new Map<string, string | number | boolean | undefined>();

  constructor(options: FakeOptions = {}) {
    this.options = { apiVersion: "1.20", nullValuesAboveLimit: false, url: "C:\\评估\\合成社工站评估表.xlsx", ...options };
  }

  // -- building and inspecting ----------------------------------------------------------------

  addSheet(name: string, init: Partial<Pick<FakeSheet, "visibility" | "protected">> = {}): FakeSheet {
    const s: FakeSheet = {
      name,
      visibility: init.visibility ?? "Visible",
      protected: init.protected ?? false,
      tabColor: "",
      cells: new CellMap(),
      merges: [],
      conditionalFormats: [],
      validations: [],
      widths: new Map(),
      freeze: null,
    };
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** put a value (or formula with its shown value, and format) into a cell */
  setCell(sheet: string, address: string, cell: FakeCell): void {
    const r = parseAddress(address);
    const s = this.sheet(sheet);
    s.cells.set(key(r.r1, r.c1), { ...cell });
    if (cell.f !== undefined) this.calcMemo.set(`${s.name}!${key(r.r1, r.c1)}!${cell.f}`, cell.v);
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const r = parseAddress(address);
    return this.sheet(sheet).cells.get(key(r.r1, r.c1));
  }

  /** load a core snapshot into the fake: values, formulas (with their values), formats, merges */
  static fromSnapshot(snap: WorkbookSnapshot, options: FakeOptions = {}): FakeExcel {
    const fx = new FakeExcel(options);
    for (const sh of snap.sheets) {
      const s = fx.addSheet(sh.name, { visibility: sh.hidden ? "Hidden" : "Visible" });
      const rows = Math.max(sh.values.length, sh.formulas?.length ?? 0, sh.numberFormats?.length ?? 0);
      for (let r = 0; r < rows; r++) {
        const width = Math.max(sh.values[r]?.length ?? 0, sh.formulas?.[r]?.length ?? 0, sh.numberFormats?.[r]?.length ?? 0);
        for (let c = 0; c < width; c++) {
          const v = sh.values[r]?.[c];
          const f = sh.formulas?.[r]?.[c];
          const nf = sh.numberFormats?.[r]?.[c];
          const cell: FakeCell = {};
          if (v !== null && v !== undefined && v !== "") cell.v = v;
          if (f) cell.f = f;
          if (nf && nf !== "General") cell.nf = nf;
          if (Object.keys(cell).length > 0) {
            s.cells.set(key(r, c), cell);
            if (f) fx.calcMemo.set(`${s.name}!${key(r, c)}!${f}`, cell.v);
          }
        }
      }
      s.merges = (sh.merges ?? []).map((m) => ({ ...m }));
    }
    return fx;
  }

  /** the whole workbook as plain, ordered data: compare two dumps with toEqual */
  dump(): unknown {
    return this.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      protected: s.protected,
      tabColor: s.tabColor,
      cells: Object.fromEntries(
        [...s.cells.entries()]
          .filter(([, c]) => Object.keys(c).length > 0)
          .sort(([a], [b]) => {
            const [ar, ac] = unkey(a);
            const [br, bc] = unkey(b);
            return ar - br || ac - bc;
          })
          .map(([k, c]) => {
            const [r, col] = unkey(k);
            return [`${colLetters(col)}${r + 1}`, { ...c }];
          }),
      ),
      merges: s.merges.map(formatAddress).sort(),
      conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, range: formatAddress(cf.range) })),
      validations: s.validations.map((v) => ({ ...v, range: formatAddress(v.range) })),
      widths: Object.fromEntries([...s.widths.entries()].sort(([a], [b]) => a - b)),
      freeze: s.freeze,
      ...(s.tables?.length ? { tables: s.tables.map((t) => ({ name: t.name, range: formatAddress(t.range) })) } : {}),
    }));
  }

  get maxRequestBytes(): number {
    return this.requests.reduce((m, r) => Math.max(m, r.requestBytes), 0);
  }

  get maxResponseBytes(): number {
    return this.requests.reduce((m, r) => Math.max(m, r.responseBytes), 0);
  }

  _clearsUndo(api: string, everywhere: boolean): void {
    if (everywhere || (this.options.platform ?? "windows") !== "web") this.undoStackCleared.push(api);
  }

  _addPart(xml: string): { id: string; ns: string; xml: string } {
    const ns = /xmlns\s*=\s*"([^"]*)"/.exec(xml)?.[1] ?? "";
    const part = { id: `{${String(this.nextPartId++).padStart(8, "0")}-0000-0000-0000-000000000000}`, ns, xml };
    this.customXmlParts.push(part);
    return part;
  }

  endCellEdit(): void {
    this.cellEditing = false;
    const w = this.cellEditWaiters;
    this.cellEditWaiters = [];
    for (const f of w) f();
  }

  /** resolves when the user leaves cell-edit mode */
  _waitForCellEdit(): Promise<void> {
    return new Promise((resolve) => this.cellEditWaiters.push(resolve));
  }

  resetCounters(): void {
    this.rangeWrites.length = 0;
    this.syncs = 0;
    this.requests.length = 0;
    this.runOptions.length = 0;
    this.calcSuspensions = 0;
  }

  supports(version: string): boolean {
    return versionAtLeast(this.options.apiVersion, version);
  }

  requireApi(version: string, what: string): void {
    if (!this.supports(version)) throw new FakeOfficeError("ApiNotFound", `${what} needs ExcelApi ${version}`);
  }

  // -- Office globals -------------------------------------------------------------------------

  /** Excel.run(options, batch): each call gets a fresh request context */
  readonly run = async <T>(optionsOrBatch: unknown, maybeBatch?: (ctx: never) => Promise<T>): Promise<T> => {
    const batch = (typeof optionsOrBatch === "function" ? optionsOrBatch : maybeBatch) as (ctx: FakeContext) => Promise<T>;
    this.runOptions.push(typeof optionsOrBatch === "function" ? {} : optionsOrBatch);
    const o = (typeof optionsOrBatch === "function" ? {} : optionsOrBatch) as { mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | null;
    const ctx = new FakeContext(this, Boolean(o?.mergeUndoGroup), Boolean(o?.delayForCellEdit) && this.supports("1.11"));
    const out = await batch(ctx);
    if (ctx.pendingCount > 0) await ctx.sync();
    return out;
  };

  readonly isSetSupported = (name: string, version: string): boolean => name === "ExcelApi" && this.supports(version);

  readonly settings = {
    get: (k: string): unknown => (this.pendingSettings.has(k) ? this.pendingSettings.get(k) : (this.savedSettings.get(k) ?? null)),
    set: (k: string, v: unknown): void => void this.pendingSettings.set(k, v),
    remove: (k: string): void => void this.pendingSettings.delete(k),
    saveAsync: (cb?: (r: { status: string; error?: { message: string } }) => void): void => {
      for (const [k, v] of this.pendingSettings) this.savedSettings.set(k, v);
      cb?.({ status: "succeeded" });
    },
  };

  /** install as globalThis.Excel / globalThis.Office; returns a function that removes them */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const before = { Excel: g.Excel, Office: g.Office };
    g.Excel = { run: this.run };
    g.Office = {
      context: {
        requirements: { isSetSupported: this.isSetSupported },
        document: { settings: this.settings, url: this.options.url },
      },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    };
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }

  // -- cell semantics -------------------------------------------------------------------------

  /** what typing `x` into a cell does */
  writeInput(sheet: FakeSheet, r: number, c: number, x: unknown): void {
    if (x === null || x === undefined) return;
    const k = key(r, c);
    const cell: FakeCell = { ...(sheet.cells.get(k) ?? {}) };
    delete cell.v;
    delete cell.f;
    if (x === "") {
      sheet.cells.set(k, cell);
      return;
    }
    if (typeof x === "number" || typeof x === "boolean") cell.v = x;
    else if (typeof x === "string") {
      if (x.startsWith("'")) cell.v = x.slice(1);
      else if (cell.nf === "@") cell.v = x;
      else if (x.startsWith("=")) {
        cell.f = x;
        const memo = this.calcMemo.get(`${sheet.name}!${k}!${x}`);
        if (memo !== undefined) cell.v = memo;
      } else if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(x.trim())) cell.v = Number(x);
      else if (/^(true|false)$/i.test(x.trim())) cell.v = x.trim().toLowerCase() === "true";
      else {
        const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(x.trim());
        cell.v = d ? dateSerial(Number(d[1]), Number(d[2]), Number(d[3])) : x;
      }
    } else throw new FakeOfficeError("InvalidArgument", `cannot write ${typeof x}`);
    if (cell.v === "") delete cell.v;
    sheet.cells.set(k, cell);
    this.afterEntry(sheet, r, c, cell);
  }

  /**
   * What entering content does around the cell. Table AutoCorrect applies to API writes too
   * (github.com/OfficeDev/office-js/issues/6745): an entry right of a table's last column or right
   * below its last row grows the table. An entry inside a spill range blocks the dynamic array,
   * whose anchor then shows #SPILL! (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-hasspill-member).
   */
  afterEntry(sheet: FakeSheet, r: number, c: number, cell: FakeCell): void {
    if (cell.v === undefined && cell.f === undefined) return;
    for (const t of sheet.tables ?? []) {
      if (c === t.range.c2 + 1 && r >= t.range.r1 && r <= t.range.r2) t.range = { ...t.range, c2: c };
      else if (r === t.range.r2 + 1 && c >= t.range.c1 && c <= t.range.c2) t.range = { ...t.range, r2: r };
    }
    for (const sp of sheet.spills ?? []) {
      if (!inside(r, c, sp)) continue;
      if (r === sp.r1 && c === sp.c1) sheet.spills = (sheet.spills ?? []).filter((x) => x !== sp);
      else {
        const k = key(sp.r1, sp.c1);
        sheet.cells.set(k, { ...(sheet.cells.get(k) ?? {}), v: "#SPILL!" });
      }
    }
  }

  readCell(sheet: FakeSheet, r: number, c: number): FakeCell {
    const cells = sheet.cells;
    return (cells instanceof CellMap ? cells.at(r, c) : cells.get(key(r, c))) ?? {};
  }
}

// ---------------------------------------------------------------------------------------------
// request context and proxies

class FakeContext {
  readonly workbook: FakeWorkbookProxy;
  readonly application: FakeApplication;
  private pending: QueuedOp[] = [];
  private deliveries: Delivery[] = [];
  private nextId = 1;

  constructor(
    readonly fx: FakeExcel,
    /** Excel.run({ mergeUndoGroup: true }): APIs without undo support throw UndoNotSupported */
    readonly undoGrouped = false,
    /** Excel.run({ delayForCellEdit: true }) on a host that has it */
    readonly delayForCellEdit = false,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = new FakeApplication(this);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  id(): number {
    return this.nextId++;
  }

  queue(json: unknown, run: () => void): void {
    this.pending.push({ json, run });
  }

  deliver(d: Delivery): void {
    this.deliveries.push(d);
  }

  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    this.deliveries = [];
    const fx = this.fx;
    fx.syncs++;
    fx.onSync?.(fx.syncs);
    const log: FakeRequestLog = { requestBytes: utf8(JSON.stringify(ops.map((o) => o.json))), responseBytes: 0, ok: false };
    fx.requests.push(log);
    await Promise.resolve();
    const fail = (code: string) => {
      log.error = code;
      throw new FakeOfficeError(code, code);
    };
    if (fx.hangNextSync) {
      fx.hangNextSync = false;
      await new Promise<never>(() => undefined);
    }
    if (fx.cellEditing) {
      if (!this.delayForCellEdit) fail("InvalidOperationInCellEditMode");
      await fx._waitForCellEdit();
    }
    if (fx.failNextSync) {
      const code = fx.failNextSync;
      fx.failNextSync = null;
      fail(code);
    }
    if (fx.options.maxRequestBytes !== undefined && log.requestBytes > fx.options.maxRequestBytes) fail("RequestPayloadSizeLimitExceeded");
    // where this batch breaks part-way: an injected failure, or a batch too large for the web
    let breakAt = Infinity;
    let breakCode = "";
    if (fx.failAt && fx.failAt.at === fx.syncs) {
      breakAt = fx.failAt.afterOps ?? Math.floor(ops.length / 2);
      breakCode = fx.failAt.code;
    } else if (fx.options.generalExceptionAboveBytes !== undefined && log.requestBytes > fx.options.generalExceptionAboveBytes) {
      let bytes = 0;
      breakAt = ops.findIndex((o) => (bytes += utf8(JSON.stringify(o.json))) > (fx.options.generalExceptionAboveBytes as number));
      breakCode = "GeneralException";
    }
    try {
      ops.forEach((op, i) => {
        if (i === breakAt) throw new FakeOfficeError(breakCode, "There was an internal error while processing the request.");
        op.run();
      });
    } catch (e) {
      log.error = e instanceof FakeOfficeError ? e.code : String(e);
      throw e;
    }
    const deliveries = this.deliveries;
    this.deliveries = [];
    log.responseBytes = utf8(JSON.stringify(deliveries.map((d) => d.bytes)));
    if (fx.options.maxResponseBytes !== undefined && log.responseBytes > fx.options.maxResponseBytes) fail("ResponsePayloadSizeLimitExceeded");
    for (const d of deliveries) d.deliver();
    log.ok = true;
  }
}

class FakeApplication {
  private loaded: string | undefined;
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue({ call: "suspendApiCalculationUntilNextSync" }, () => void this.ctx.fx.calcSuspensions++);
  }
  calculate(type: string): void {
    this.ctx.queue({ call: "application/calculate", args: [type] }, () => {
      if (!["Recalculate", "Full", "FullRebuild"].includes(type)) throw new FakeOfficeError("InvalidArgument", `calculate(${type})`);
      this.ctx.fx.calculations.push(type);
    });
  }
  load(props: string): this {
    if (props !== "calculationMode") throw new Error(`fake: application.load(${props}) not modelled`);
    this.ctx.queue({ load: "application/calculationMode" }, () => {
      const mode = this.ctx.fx.calculationMode;
      this.ctx.deliver({ bytes: mode, deliver: () => void (this.loaded = mode) });
    });
    return this;
  }
  get calculationMode(): string {
    if (this.loaded === undefined) throw new Error("PropertyNotLoaded: calculationMode");
    return this.loaded;
  }
}

/** base of all proxies: a target resolved when its creating operation runs, and loaded values */
abstract class FakeProxy<T> {
  readonly _id: number;
  protected _target: T | null | undefined = undefined;
  protected readonly _loaded = new Map<string, unknown>();
  private _synced = false;

  constructor(
    protected readonly ctx: FakeContext,
    create: { json: unknown; resolve: () => T | null } | { target: T | null },
  ) {
    this._id = ctx.id();
    if ("target" in create) this._target = create.target;
    else ctx.queue({ ...(create.json as object), id: this._id }, () => void (this._target = create.resolve()));
  }

  protected get fx(): FakeExcel {
    return this.ctx.fx;
  }

  /** APIs without undo support (Excel on Windows and Mac) fail inside a merged undo group */
  protected noUndo(api: string): void {
    if (this.ctx.undoGrouped) throw new FakeOfficeError("UndoNotSupported", `${api} cannot be part of an undo group`);
  }

  /** the resolved target; only valid while an operation runs */
  protected t(): T {
    if (this._target === undefined) throw new Error("fake: proxy used before its creating operation ran");
    if (this._target === null) throw new FakeOfficeError("ItemNotFound", "the object is a null object");
    return this._target;
  }

  get isNullObject(): boolean {
    if (!this._synced) throw new Error("PropertyNotLoaded: isNullObject is not available before load() and context.sync()");
    return this._target === null;
  }

  protected get<V>(prop: string): V {
    if (!this._loaded.has(prop)) {
      throw new Error(`PropertyNotLoaded: the property '${prop}' is not available. Call load("${prop}") and context.sync() before reading it.`);
    }
    return this._loaded.get(prop) as V;
  }

  protected set(prop: string, value: unknown, apply: (t: T) => void): void {
    this.ctx.queue({ id: this._id, set: prop, value }, () => apply(this.t()));
  }

  protected call(method: string, args: unknown[], apply: (t: T) => void): void {
    this.ctx.queue({ id: this._id, call: method, args }, () => apply(this.t()));
  }

  /** read a loadable scalar property from the target at execution time */
  protected abstract readProp(t: T, prop: string): unknown;

  /** navigation properties that paths like "format/fill/color" walk through */
  protected child(name: string): FakeProxy<unknown> | null {
    throw new Error(`fake: no navigation property ${name} here`);
  }

  load(spec?: string | string[]): this {
    const paths = (Array.isArray(spec) ? spec : (spec ?? "").split(",")).map((s) => s.trim()).filter(Boolean);
    if (paths.length === 0) throw new Error("fake: load() without properties loads everything; name what you need");
    this.ctx.queue({ id: this._id, load: paths }, () => {
      this._markLoaded(paths);
    });
    return this;
  }

  /** run inside sync: compute loaded values now, hand them over when the response arrives */
  _markLoaded(paths: string[]): void {
    const groups = new Map<string, string[]>();
    const own: string[] = [];
    for (const p of paths) {
      const i = p.indexOf("/");
      if (i < 0) own.push(p);
      else groups.set(p.slice(0, i), [...(groups.get(p.slice(0, i)) ?? []), p.slice(i + 1)]);
    }
    const target = this._target;
    const values = new Map<string, unknown>();
    if (target !== null && target !== undefined) for (const p of own) values.set(p, this.readProp(target, p));
    else for (const p of own) values.set(p, null);
    this.ctx.deliver({
      bytes: Object.fromEntries(values),
      deliver: () => {
        this._synced = true;
        for (const [k, v] of values) this._loaded.set(k, v);
      },
    });
    for (const [name, sub] of groups) {
      const c = this.child(name);
      if (!c) throw new Error(`fake: cannot load path ${name}/${sub.join(",")}`);
      c._markLoaded(sub);
    }
  }

  toJSON(): unknown {
    return Object.fromEntries(this._loaded);
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  private readonly parts: FakeCustomXmlParts;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
    this.parts = new FakeCustomXmlParts(ctx);
    if (ctx.fx.options.preview1904Api) {
      let loaded: boolean | undefined;
      Object.defineProperty(this, "use1904DateSystem", {
        get: () => {
          if (loaded === undefined) throw new Error("PropertyNotLoaded: use1904DateSystem");
          return loaded;
        },
      });
      Object.defineProperty(this, "load", {
        value: (props: string) => {
          if (props !== "use1904DateSystem") throw new Error(`fake: workbook.load(${props}) not modelled`);
          ctx.queue({ load: "workbook/use1904DateSystem" }, () => {
            const v = Boolean(ctx.fx.options.date1904);
            ctx.deliver({ bytes: v, deliver: () => void (loaded = v) });
          });
        },
      });
    }
  }
  get customXmlParts(): FakeCustomXmlParts {
    this.ctx.fx.requireApi("1.5", "customXmlParts");
    return this.parts;
  }

  /**
   * The user's current selection (ExcelApi 1.1): "Gets the currently selected single range from
   * the workbook. If there are multiple ranges selected, this method will throw an error."
   * learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedrange-member(1)
   * Its address carries the sheet, quoted when the name needs it ('My Sheet'!A2:F14). The fake
   * selects A1 of the first sheet until something is selected or activated, as a new workbook does.
   */
  getSelectedRange(): FakeRange {
    const fx = this.ctx.fx;
    return new FakeRange(this.ctx, {
      json: { call: "getSelectedRange" },
      resolve: () => {
        const active = fx.active ?? (fx.sheets[0] ? { sheet: fx.sheets[0].name, selection: "A1" } : null);
        const sheet = active ? fx.findSheet(active.sheet) : undefined;
        if (!active || !sheet) return null;
        if (active.selection.includes(",")) throw new FakeOfficeError("InvalidSelection", "The current selection is invalid for this operation.");
        return { sheet, rect: parseAddress(active.selection) };
      },
    });
  }
}

// -- custom XML parts (ExcelApi 1.5; learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection)

type FakePart = { id: string; ns: string; xml: string };

class FakeCustomXmlPart extends FakeProxy<FakePart> {
  protected readProp(t: FakePart, prop: string): unknown {
    if (prop === "id") return t.id;
    if (prop === "namespaceUri") return t.ns;
    throw new Error(`fake: CustomXmlPart.${prop} not modelled`);
  }
  get id(): string {
    return this.get("id");
  }
  getXml(): { value: string } {
    let value: string | undefined;
    let ready = false;
    this.ctx.queue({ id: this._id, call: "getXml" }, () => {
      const xml = this.t().xml;
      this.ctx.deliver({ bytes: xml, deliver: () => ((value = xml), (ready = true)) });
    });
    return {
      get value(): string {
        if (!ready) throw new Error("PropertyNotLoaded: ClientResult.value is not available before context.sync()");
        return value as string;
      },
    };
  }
  setXml(xml: string): void {
    this.call("setXml", [xml], (t) => void (t.xml = xml));
  }
  delete(): void {
    this.call("delete", [], (t) => {
      const list = this.fx.customXmlParts;
      const i = list.indexOf(t);
      if (i < 0) throw new FakeOfficeError("ItemNotFound", "the custom XML part was deleted");
      list.splice(i, 1);
    });
  }
}

class FakeCustomXmlParts {
  constructor(private readonly ctx: FakeContext) {}
  add(xml: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.ctx, { json: { call: "customXmlParts/add", args: [xml] }, resolve: () => this.ctx.fx._addPart(xml) });
  }
  getItem(id: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.ctx, {
      json: { call: "customXmlParts/getItem", args: [id] },
      resolve: () => {
        const p = this.ctx.fx.customXmlParts.find((x) => x.id === id);
        if (!p) throw new FakeOfficeError("ItemNotFound", `no custom XML part ${id}`);
        return p;
      },
    });
  }
  getByNamespace(ns: string): FakeScopedParts {
    return new FakeScopedParts(this.ctx, ns);
  }
}

class FakeScopedParts extends FakeProxy<FakePart[]> {
  constructor(
    ctx: FakeContext,
    private readonly ns: string,
  ) {
    super(ctx, { target: null });
  }
  protected readProp(): unknown {
    throw new Error("fake: load items/… on a custom XML part collection");
  }
  get items(): FakeCustomXmlPart[] {
    return this.get<FakeCustomXmlPart[]>("items");
  }
  override _markLoaded(paths: string[]): void {
    const sub = paths.map((p) => {
      if (!p.startsWith("items/")) throw new Error(`fake: unsupported collection load ${p}`);
      return p.slice("items/".length);
    });
    const items = this.fx.customXmlParts.filter((p) => p.ns === this.ns).map((p) => new FakeCustomXmlPart(this.ctx, { target: p }));
    for (const it of items) it._markLoaded(sub);
    this.ctx.deliver({ bytes: null, deliver: () => void this._loaded.set("items", items) });
  }
}

class FakeWorkbookProtection extends FakeProxy<FakeExcel> {
  constructor(ctx: FakeContext) {
    super(ctx, { target: ctx.fx });
  }
  protected readProp(t: FakeExcel, prop: string): unknown {
    if (prop !== "protected") throw new Error(`fake: workbook protection.${prop} not modelled`);
    return t.structureProtected;
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

/** adding, deleting, moving or hiding sheets needs an unprotected workbook structure */
function guardStructure(fx: FakeExcel): void {
  if (fx.structureProtected) throw new FakeOfficeError("AccessDenied", "The workbook structure is protected");
}

class FakeWorksheetCollection extends FakeProxy<FakeSheet[]> {
  constructor(ctx: FakeContext) {
    super(ctx, { target: ctx.fx.sheets });
  }

  protected readProp(): unknown {
    throw new Error("fake: load items/… on the worksheet collection");
  }

  get items(): FakeWorksheet[] {
    return this.get<FakeWorksheet[]>("items");
  }

  override _markLoaded(paths: string[]): void {
    const sub = paths.map((p) => {
      if (!p.startsWith("items/")) throw new Error(`fake: unsupported collection load ${p}`);
      return p.slice("items/".length);
    });
    const items = this.fx.sheets.map((s) => new FakeWorksheet(this.ctx, { target: s }));
    for (const it of items) it._markLoaded(sub);
    this.ctx.deliver({ bytes: null, deliver: () => void this._loaded.set("items", items) });
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, {
      json: { call: "getItem", args: [name] },
      resolve: () => {
        const s = this.fx.findSheet(name);
        if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
        return s;
      },
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { json: { call: "getItemOrNullObject", args: [name] }, resolve: () => this.fx.findSheet(name) ?? null });
  }

  add(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, {
      json: { call: "add", args: [name] },
      resolve: () => {
        guardStructure(this.fx);
        if (this.fx.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists`);
        return this.fx.addSheet(name);
      },
    });
  }
}

/** the smallest rectangle holding every used cell, or null on a blank sheet */
function usedRect(s: FakeSheet, valuesOnly: boolean): CellRange | null {
  let r1 = Infinity;
  let c1 = Infinity;
  let r2 = -1;
  let c2 = -1;
  for (const [k, cell] of s.cells) {
    const used = valuesOnly ? cell.v !== undefined || cell.f !== undefined : Object.keys(cell).length > 0;
    if (!used) continue;
    const comma = k.indexOf(",");
    const r = +k.slice(0, comma);
    const c = +k.slice(comma + 1);
    if (r < r1) r1 = r;
    if (c < c1) c1 = c;
    if (r > r2) r2 = r;
    if (c > c2) c2 = c;
  }
  return r2 < 0 ? null : { r1, c1, r2, c2 };
}

/** a write that covers part of a legacy array formula, but not all of it, is refused whole */
function guardArrays(t: RangeTarget): void {
  for (const a of t.sheet.arrays ?? []) {
    if (intersects(a, t.rect) && !(inside(a.r1, a.c1, t.rect) && inside(a.r2, a.c2, t.rect))) {
      throw new FakeOfficeError("InvalidOperation", "You can't change part of an array.", "Range.values");
    }
  }
}

function guardWrite(sheet: FakeSheet): void {
  if (sheet.protected) throw new FakeOfficeError("AccessDenied", `The sheet ${sheet.name} is protected`);
}

class FakeWorksheet extends FakeProxy<FakeSheet> {
  readonly protection: FakeProtection;
  readonly freezePanes: FakeFreezePanes;

  constructor(ctx: FakeContext, create: ConstructorParameters<typeof FakeProxy<FakeSheet>>[1]) {
    super(ctx, create);
    this.protection = new FakeProtection(ctx, this);
    this.freezePanes = new FakeFreezePanes(ctx, this);
  }

  /** the sheet, for child proxies, at execution time */
  _sheet(): FakeSheet {
    return this.t();
  }

  _sheetOrNull(): FakeSheet | null {
    return this._target ?? null;
  }

  protected readProp(t: FakeSheet, prop: string): unknown {
    switch (prop) {
      case "name":
        return t.name;
      case "visibility":
        return t.visibility;
      case "position":
        return this.fx.sheets.indexOf(t);
      case "tabColor":
        return t.tabColor;
      default:
        throw new Error(`fake: worksheet property ${prop} not modelled`);
    }
  }

  protected override child(name: string): FakeProxy<unknown> | null {
    return name === "protection" ? (this.protection as FakeProxy<unknown>) : null;
  }

  get name(): string {
    return this.get("name");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.set("visibility", v, (s) => {
      this.noUndo("Worksheet.visibility");
      this.fx._clearsUndo("Worksheet.visibility", false);
      guardStructure(this.fx);
      if (v === "Visible" || v === "Hidden" || v === "VeryHidden") s.visibility = v;
      else throw new FakeOfficeError("InvalidArgument", `visibility ${v}`);
    });
  }
  get position(): number {
    return this.get("position");
  }
  set position(p: number) {
    this.set("position", p, (s) => {
      this.noUndo("Worksheet.position");
      this.fx._clearsUndo("Worksheet.position", false);
      guardStructure(this.fx);
      const list = this.fx.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(p, list.length), 0, s);
    });
  }
  get tabColor(): string {
    return this.get("tabColor");
  }
  set tabColor(c: string) {
    this.set("tabColor", c, (s) => void (s.tabColor = c));
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, {
      json: { id: this._id, call: "getRange", args: [address ?? null] },
      resolve: () => {
        const s = this._sheetOrNull();
        if (!s) return null;
        return { sheet: s, rect: address ? parseAddress(address) : { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: MAX_COLS - 1 } };
      },
    });
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, {
      json: { id: this._id, call: "getRangeByIndexes", args: [row, col, rows, cols] },
      resolve: () => {
        if (rows < 1 || cols < 1) throw new FakeOfficeError("InvalidArgument", "empty range");
        const s = this._sheetOrNull();
        return s ? { sheet: s, rect: { r1: row, c1: col, r2: row + rows - 1, c2: col + cols - 1 } } : null;
      },
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, {
      json: { id: this._id, call: "getUsedRangeOrNullObject", args: [valuesOnly] },
      resolve: () => {
        const s = this._sheetOrNull();
        const rect = s ? usedRect(s, valuesOnly) : null;
        return s && rect ? { sheet: s, rect } : null;
      },
    });
  }

  /**
   * Like getUsedRangeOrNullObject, but never null: "If the entire worksheet is blank, this function
   * will return the top left cell (i.e. it will *not* throw an error)"
   * (learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)).
   */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, {
      json: { id: this._id, call: "getUsedRange", args: [valuesOnly] },
      resolve: () => {
        const s = this._sheetOrNull();
        if (!s) return null;
        return { sheet: s, rect: usedRect(s, valuesOnly) ?? { r1: 0, c1: 0, r2: 0, c2: 0 } };
      },
    });
  }

  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.ctx, () => {
      const s = this._sheetOrNull();
      return s ? { sheet: s, list: s.tables ?? [] } : null;
    });
  }

  activate(): void {
    this.call("activate", [], (s) => {
      this.fx.active = { sheet: s.name, selection: this.fx.active?.sheet === s.name ? this.fx.active.selection : "A1" };
    });
  }

  delete(): void {
    this.call("delete", [], (s) => {
      this.noUndo("Worksheet.delete");
      this.fx._clearsUndo("Worksheet.delete", true);
      guardStructure(this.fx);
      if (s.visibility === "VeryHidden") throw new FakeOfficeError("InvalidOperation", "a very hidden sheet cannot be deleted");
      const visible = this.fx.sheets.filter((x) => x.visibility === "Visible" && x !== s);
      if (visible.length === 0) throw new FakeOfficeError("InvalidOperation", "a workbook must keep one visible sheet");
      this.fx.sheets.splice(this.fx.sheets.indexOf(s), 1);
    });
  }
}

// -- tables (ExcelApi 1.1; Range.getTables 1.9)

type FakeTable = { name: string; range: CellRange };

class FakeTableCollection extends FakeProxy<{ sheet: FakeSheet; list: FakeTable[] }> {
  constructor(ctx: FakeContext, resolve: () => { sheet: FakeSheet; list: FakeTable[] } | null) {
    super(ctx, { json: { call: "tables" }, resolve });
  }
  protected readProp(): unknown {
    throw new Error("fake: load items/… on a table collection");
  }
  get items(): { name: string }[] {
    return this.get<{ name: string }[]>("items");
  }
  override _markLoaded(paths: string[]): void {
    if (!paths.every((p) => p === "items/name")) throw new Error(`fake: table collection load ${paths.join(",")} not modelled`);
    const names = (this._target?.list ?? []).map((t) => ({ name: t.name }));
    this.ctx.deliver({ bytes: names, deliver: () => void this._loaded.set("items", names) });
  }
  getItem(name: string): { getRange(): FakeRange } {
    return {
      getRange: () =>
        new FakeRange(this.ctx, {
          json: { call: "tables/getItem/getRange", args: [name] },
          resolve: () => {
            const target = this.t();
            const table =
              target.list.find((x) => x.name.toLowerCase() === name.toLowerCase()) ??
              (target.sheet.tables ?? []).find((x) => x.name.toLowerCase() === name.toLowerCase());
            if (!table) throw new FakeOfficeError("ItemNotFound", `no table ${name}`);
            return { sheet: target.sheet, rect: { ...table.range } };
          },
        }),
    };
  }
}

class FakeProtection extends FakeProxy<FakeSheet> {
  constructor(
    ctx: FakeContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx, { target: null });
  }
  override _markLoaded(paths: string[]): void {
    this._target = this.ws._sheetOrNull();
    super._markLoaded(paths);
  }
  protected readProp(t: FakeSheet, prop: string): unknown {
    if (prop !== "protected") throw new Error(`fake: protection.${prop} not modelled`);
    return t.protected;
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
  ) {}
  private q(method: string, args: unknown[], apply: (s: FakeSheet) => void): void {
    this.ctx.queue({ id: this.ws._id, freezePanes: method, args }, () => {
      const s = this.ws._sheet();
      guardWrite(s);
      apply(s);
    });
  }
  freezeRows(n = 1): void {
    this.q("freezeRows", [n], (s) => void (s.freeze = n > 0 ? { rows: n, cols: 0 } : null));
  }
  freezeColumns(n = 1): void {
    this.q("freezeColumns", [n], (s) => void (s.freeze = n > 0 ? { rows: 0, cols: n } : null));
  }
  freezeAt(range: string | FakeRange): void {
    this.q("freezeAt", [typeof range === "string" ? range : "range"], (s) => {
      const rect = typeof range === "string" ? parseAddress(range) : range._rect();
      const rows = rect.c1 === 0 && rect.c2 === MAX_COLS - 1 ? rect.r2 + 1 : rect.r2 === MAX_ROWS - 1 ? 0 : rect.r2 + 1;
      const cols = rect.r1 === 0 && rect.r2 === MAX_ROWS - 1 ? rect.c2 + 1 : rect.c2 === MAX_COLS - 1 ? 0 : rect.c2 + 1;
      s.freeze = { rows, cols };
    });
  }
  unfreeze(): void {
    this.q("unfreeze", [], (s) => void (s.freeze = null));
  }
  getLocationOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, {
      json: { id: this.ws._id, freezePanes: "getLocationOrNullObject" },
      resolve: () => {
        const s = this.ws._sheet();
        if (!s.freeze) return null;
        const { rows, cols } = s.freeze;
        const rect =
          cols === 0
            ? { r1: 0, c1: 0, r2: rows - 1, c2: MAX_COLS - 1 }
            : rows === 0
              ? { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: cols - 1 }
              : { r1: 0, c1: 0, r2: rows - 1, c2: cols - 1 };
        return { sheet: s, rect };
      },
    });
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  rect: CellRange;
}

function cellsIn(t: RangeTarget): number {
  return (t.rect.r2 - t.rect.r1 + 1) * (t.rect.c2 - t.rect.c1 + 1);
}

function grid<V>(t: RangeTarget, f: (r: number, c: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = t.rect.r1; r <= t.rect.r2; r++) {
    const line: V[] = [];
    for (let c = t.rect.c1; c <= t.rect.c2; c++) line.push(f(r, c));
    out.push(line);
  }
  return out;
}

/** existing cells of the sheet inside the rectangle (for whole-sheet and whole-column ranges) */
function storedIn(t: RangeTarget): [number, number, FakeCell][] {
  const out: [number, number, FakeCell][] = [];
  for (const [k, cell] of t.sheet.cells) {
    const [r, c] = unkey(k);
    if (inside(r, c, t.rect)) out.push([r, c, cell]);
  }
  return out;
}

function shownValue(cell: FakeCell): string | number | boolean {
  return cell.v ?? "";
}

class FakeRange extends FakeProxy<RangeTarget> {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormats;

  constructor(ctx: FakeContext, create: ConstructorParameters<typeof FakeProxy<RangeTarget>>[1]) {
    super(ctx, create);
    this.format = new FakeRangeFormat(ctx, this);
    this.conditionalFormats = new FakeConditionalFormats(ctx, this);
  }

  _t(): RangeTarget {
    return this.t();
  }

  _tOrNull(): RangeTarget | null {
    return this._target ?? null;
  }

  _rect(): CellRange {
    return this.t().rect;
  }

  protected readProp(t: RangeTarget, prop: string): unknown {
    const cellGrid = <V>(f: (cell: FakeCell) => V) => {
      const limit = this.fx.options.maxReadCells;
      if (limit !== undefined && cellsIn(t) > limit) {
        if (this.fx.options.nullValuesAboveLimit) return null;
        throw new FakeOfficeError("RangeExceedsLimit", "the range is too large to read");
      }
      if (cellsIn(t) > 5_000_000) throw new FakeOfficeError("RangeExceedsLimit", "the range is too large to read");
      return grid(t, (r, c) => f(this.fx.readCell(t.sheet, r, c)));
    };
    switch (prop) {
      case "values":
        return cellGrid(shownValue);
      case "formulas":
        return cellGrid((c) => c.f ?? shownValue(c));
      case "numberFormat":
        return cellGrid((c) => c.nf ?? "General");
      case "text":
        return cellGrid((c) => (c.v === undefined ? "" : typeof c.v === "boolean" ? (c.v ? "TRUE" : "FALSE") : String(c.v)));
      case "address":
        return `${sheetPrefix(t.sheet.name)}!${formatAddress(t.rect)}`;
      case "hasSpill": {
        this.fx.requireApi("1.12", "hasSpill");
        const spills = t.sheet.spills ?? [];
        let inSpill = 0;
        for (let r = t.rect.r1; r <= t.rect.r2; r++) for (let c = t.rect.c1; c <= t.rect.c2; c++) if (spills.some((sp) => inside(r, c, sp))) inSpill++;
        return inSpill === 0 ? false : inSpill === cellsIn(t) ? true : null;
      }
      case "rowIndex":
        return t.rect.r1;
      case "columnIndex":
        return t.rect.c1;
      case "rowCount":
        return t.rect.r2 - t.rect.r1 + 1;
      case "columnCount":
        return t.rect.c2 - t.rect.c1 + 1;
      default:
        throw new Error(`fake: range property ${prop} not modelled`);
    }
  }

  protected override child(name: string): FakeProxy<unknown> | null {
    return name === "format" ? (this.format as FakeProxy<unknown>) : null;
  }

  private write2d(prop: string, value: unknown, each: (t: RangeTarget, r: number, c: number, x: unknown) => void): void {
    this.set(prop, value, (t) => {
      guardWrite(t.sheet);
      if (prop !== "numberFormat") guardArrays(t);
      const rows = t.rect.r2 - t.rect.r1 + 1;
      const cols = t.rect.c2 - t.rect.c1 + 1;
      // A scalar is applied to every cell of the range, as real Excel does although the typings
      // say any[][] (techcommunity.microsoft.com/idea/microsoft365developerplatform/
      // allow-passing-a-single-value-to-the-range-object-values-and-formulas/4211172);
      // a mis-shaped array still throws.
      if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        if (this.fx.options.rejectScalarRangeWrites && rows * cols > 1)
          throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", `Range.${prop}`);
        this.fx.rangeWrites.push({ prop, sheet: t.sheet.name, address: formatAddress(t.rect), scalar: true });
        for (let r = t.rect.r1; r <= t.rect.r2; r++) for (let c = t.rect.c1; c <= t.rect.c2; c++) each(t, r, c, value);
        return;
      }
      if (!Array.isArray(value) || value.length !== rows || value.some((line) => !Array.isArray(line) || line.length !== cols)) {
        throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size of the range (${prop})`);
      }
      this.fx.rangeWrites.push({ prop, sheet: t.sheet.name, address: formatAddress(t.rect), scalar: false });
      (value as unknown[][]).forEach((line, r) => line.forEach((x, c) => each(t, t.rect.r1 + r, t.rect.c1 + c, x)));
    });
  }

  get values(): unknown[][] {
    return this.get("values");
  }
  set values(v: unknown[][]) {
    this.write2d("values", v, (t, r, c, x) => this.fx.writeInput(t.sheet, r, c, x));
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  set formulas(v: unknown[][]) {
    this.write2d("formulas", v, (t, r, c, x) => this.fx.writeInput(t.sheet, r, c, x));
  }
  get formulasR1C1(): unknown[][] {
    return this.get("formulasR1C1");
  }
  /** R1C1 text is relative to each cell it lands in: stored as that cell's A1 formula */
  set formulasR1C1(v: unknown[][]) {
    this.write2d("formulasR1C1", v, (t, r, c, x) => this.fx.writeInput(t.sheet, r, c, typeof x === "string" && x.startsWith("=") ? r1c1ToA1(x, r, c) : x));
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.write2d("numberFormat", v, (t, r, c, x) => {
      if (x === null || x === undefined) return;
      const k = key(r, c);
      const cell = { ...(t.sheet.cells.get(k) ?? {}) };
      if (x === "" || x === "General") delete cell.nf;
      else cell.nf = String(x);
      t.sheet.cells.set(k, cell);
    });
  }
  get text(): string[][] {
    return this.get("text");
  }
  get address(): string {
    return this.get("address");
  }
  get hasSpill(): boolean | null {
    return this.get("hasSpill");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }

  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.call("clear", [applyTo], (t) => {
      guardWrite(t.sheet);
      for (const [r, c, cell] of storedIn(t)) {
        const next = { ...cell };
        if (applyTo !== "Formats") {
          delete next.v;
          delete next.f;
        }
        if (applyTo !== "Contents") {
          delete next.nf;
          delete next.fill;
          delete next.bold;
        }
        if (Object.keys(next).length === 0) t.sheet.cells.delete(key(r, c));
        else t.sheet.cells.set(key(r, c), next);
      }
    });
  }

  merge(across = false): void {
    this.call("merge", [across], (t) => {
      guardWrite(t.sheet);
      if (across) throw new Error("fake: merge(across) not modelled");
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
      t.sheet.merges.push({ ...t.rect });
      // a merged area keeps only its top-left content, as in Excel
      for (const [r, c, cell] of storedIn(t)) {
        if (r === t.rect.r1 && c === t.rect.c1) continue;
        const next = { ...cell };
        delete next.v;
        delete next.f;
        t.sheet.cells.set(key(r, c), next);
      }
    });
  }

  unmerge(): void {
    this.call("unmerge", [], (t) => {
      guardWrite(t.sheet);
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
    });
  }

  select(): void {
    this.call("select", [], (t) => void (this.fx.active = { sheet: t.sheet.name, selection: formatAddress(t.rect) }));
  }

  getEntireColumn(): FakeRange {
    return new FakeRange(this.ctx, {
      json: { id: this._id, call: "getEntireColumn" },
      resolve: () => {
        const t = this.t();
        return { sheet: t.sheet, rect: { r1: 0, c1: t.rect.c1, r2: MAX_ROWS - 1, c2: t.rect.c2 } };
      },
    });
  }

  /**
   * The rectangle both ranges cover, or a null object when they do not meet (ExcelApi 1.4):
   * learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getintersectionornullobject-member(1).
   * The other range is resolved when this operation runs, so it may come from the same batch.
   */
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    this.fx.requireApi("1.4", "getIntersectionOrNullObject");
    return new FakeRange(this.ctx, {
      json: { id: this._id, call: "getIntersectionOrNullObject", args: [typeof other === "string" ? other : { id: other._id }] },
      resolve: () => {
        const t = this.t();
        const o = typeof other === "string" ? { sheet: t.sheet, rect: parseAddress(other) } : other._t();
        if (o.sheet !== t.sheet) throw new FakeOfficeError("InvalidArgument", "the ranges are on different sheets");
        const rect = {
          r1: Math.max(t.rect.r1, o.rect.r1),
          c1: Math.max(t.rect.c1, o.rect.c1),
          r2: Math.min(t.rect.r2, o.rect.r2),
          c2: Math.min(t.rect.c2, o.rect.c2),
        };
        return rect.r1 > rect.r2 || rect.c1 > rect.c2 ? null : { sheet: t.sheet, rect };
      },
    });
  }

  /**
   * Range.autoFill(destinationRange, autoFillType), ExcelApi 1.9
   * (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-autofill-member(1)):
   * "The destination range can be null or can extend the source horizontally or vertically."
   * Modelled for what this host asks of it: a one-column source of numbers extended down as a
   * linear series ("FillSeries", or "FillDefault" on two or more numbers), each new cell taking the
   * number format of the source cell it continues, as dragging the fill handle does.
   */
  autoFill(destination: FakeRange | string, type = "FillDefault"): void {
    this.fx.requireApi("1.9", "autoFill");
    this.call("autoFill", [typeof destination === "string" ? destination : { id: destination._id }, type], (t) => {
      guardWrite(t.sheet);
      if (this.fx.options.rejectAutoFill)
        throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", "Range.autoFill");
      const d = typeof destination === "string" ? { sheet: t.sheet, rect: parseAddress(destination) } : destination._t();
      if (d.sheet !== t.sheet || d.rect.c1 !== t.rect.c1 || d.rect.c2 !== t.rect.c2 || d.rect.r1 !== t.rect.r1 || d.rect.r2 < t.rect.r2) {
        throw new FakeOfficeError("InvalidArgument", "fake: autoFill is modelled only for extending a source down its own columns");
      }
      if (t.rect.c1 !== t.rect.c2) throw new Error("fake: autoFill of several columns not modelled");
      this.fx.rangeWrites.push({ prop: `autoFill:${type}`, sheet: t.sheet.name, address: formatAddress(d.rect), scalar: false });
      const col = t.rect.c1;
      const src: number[] = [];
      for (let r = t.rect.r1; r <= t.rect.r2; r++) {
        const v = this.fx.readCell(t.sheet, r, col).v;
        if (typeof v !== "number") throw new Error("fake: autoFill of anything but numbers not modelled");
        src.push(v);
      }
      const series = type === "FillSeries" || (type === "FillDefault" && src.length > 1);
      if (!series && type !== "FillCopy" && type !== "FillDefault") throw new Error(`fake: autoFill type ${type} not modelled`);
      const step = src.length > 1 ? src[src.length - 1] - src[src.length - 2] : 1;
      const n = src.length;
      const formats = src.map((_, k) => this.fx.readCell(t.sheet, t.rect.r1 + k, col).nf);
      for (let r = t.rect.r2 + 1; r <= d.rect.r2; r++) {
        const i = r - t.rect.r1;
        const from = { nf: formats[i % n] };
        const v = series ? src[n - 1] + step * (i - n + 1) : src[i % n];
        const cell: FakeCell = { v };
        if (from.nf) cell.nf = from.nf;
        t.sheet.cells.set(key(r, col), cell);
        this.fx.afterEntry(t.sheet, r, col, cell);
      }
    });
  }

  /** tables intersecting the range (or inside it), ExcelApi 1.9 */
  getTables(fullyContained = false): FakeTableCollection {
    this.fx.requireApi("1.9", "getTables");
    return new FakeTableCollection(this.ctx, () => {
      const t = this.t();
      return {
        sheet: t.sheet,
        list: (t.sheet.tables ?? []).filter((x) =>
          fullyContained ? inside(x.range.r1, x.range.c1, t.rect) && inside(x.range.r2, x.range.c2, t.rect) : intersects(x.range, t.rect),
        ),
      };
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.fx.requireApi("1.13", "getMergedAreasOrNullObject");
    return new FakeRangeAreas(this.ctx, {
      json: { id: this._id, call: "getMergedAreasOrNullObject" },
      resolve: () => {
        const t = this.t();
        // like Excel: only merges whose top-left cell lies in the range are found
        // (github.com/OfficeDev/office-js/issues/1590)
        const found = t.sheet.merges.filter((m) => inside(m.r1, m.c1, t.rect));
        // "If more than 512 merged areas are in the range, the API will fail to return the result"
        // (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1));
        // the whole sync fails, as a second simulator reproduced (issue 11)
        if (found.length > 512) throw new FakeOfficeError("GeneralException", "There was an internal error while processing the request.");
        return found.length ? { sheet: t.sheet, areas: found } : null;
      },
    });
  }

  get dataValidation(): FakeDataValidation {
    this.fx.requireApi("1.8", "dataValidation");
    return new FakeDataValidation(this.ctx, this);
  }
}

class FakeRangeAreas extends FakeProxy<{ sheet: FakeSheet; areas: CellRange[] }> {
  protected readProp(t: { sheet: FakeSheet; areas: CellRange[] }, prop: string): unknown {
    if (prop === "address") return t.areas.map((a) => `${sheetPrefix(t.sheet.name)}!${formatAddress(a)}`).join(",");
    if (prop === "areaCount") return t.areas.length;
    throw new Error(`fake: RangeAreas.${prop} not modelled`);
  }
  get address(): string {
    return this.get("address");
  }
}

/** format, format/fill, format/font: read and write through the owning range */
class FakeRangeFormat extends FakeProxy<RangeTarget> {
  readonly fill: FakeFill;
  readonly font: FakeFont;
  constructor(
    ctx: FakeContext,
    readonly range: FakeRange,
  ) {
    super(ctx, { target: null });
    this.fill = new FakeFill(ctx, range);
    this.font = new FakeFont(ctx, range);
  }
  override _markLoaded(paths: string[]): void {
    this._target = this.range._tOrNull();
    super._markLoaded(paths);
  }
  protected readProp(t: RangeTarget, prop: string): unknown {
    if (prop !== "columnWidth") throw new Error(`fake: format.${prop} not modelled`);
    const widths = new Set<number>();
    for (let c = t.rect.c1; c <= Math.min(t.rect.c2, t.rect.c1 + 200); c++) widths.add(t.sheet.widths.get(c) ?? DEFAULT_WIDTH);
    return widths.size === 1 ? [...widths][0] : null;
  }
  protected override child(name: string): FakeProxy<unknown> | null {
    if (name === "fill") return this.fill as FakeProxy<unknown>;
    if (name === "font") return this.font as FakeProxy<unknown>;
    return null;
  }
  get columnWidth(): number {
    return this.get("columnWidth");
  }
  set columnWidth(w: number) {
    this.ctx.queue({ id: this.range._id, set: "format/columnWidth", value: w }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      // a column at the standard width looks the same as one never touched
      for (let c = t.rect.c1; c <= t.rect.c2; c++) {
        if (w === DEFAULT_WIDTH) t.sheet.widths.delete(c);
        else t.sheet.widths.set(c, w);
      }
    });
  }
}

function eachCell(t: RangeTarget, f: (cell: FakeCell) => FakeCell): void {
  if (cellsIn(t) > 1_000_000) throw new Error("fake: cell-by-cell format on a huge range is not modelled");
  for (let r = t.rect.r1; r <= t.rect.r2; r++) {
    for (let c = t.rect.c1; c <= t.rect.c2; c++) {
      const next = f({ ...(t.sheet.cells.get(key(r, c)) ?? {}) });
      if (Object.keys(next).length === 0) t.sheet.cells.delete(key(r, c));
      else t.sheet.cells.set(key(r, c), next);
    }
  }
}

function uniform<V>(t: RangeTarget, f: (cell: FakeCell) => V): V | null {
  const seen = new Set<V>();
  for (let r = t.rect.r1; r <= t.rect.r2; r++) for (let c = t.rect.c1; c <= t.rect.c2; c++) seen.add(f(t.sheet.cells.get(key(r, c)) ?? {}));
  return seen.size === 1 ? [...seen][0] : null;
}

class FakeFill extends FakeProxy<RangeTarget> {
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(ctx, { target: null });
  }
  override _markLoaded(paths: string[]): void {
    this._target = this.range._tOrNull();
    super._markLoaded(paths);
  }
  protected readProp(t: RangeTarget, prop: string): unknown {
    // learn.microsoft.com/javascript/api/excel/excel.rangefill: each property is null when the
    // range's cells differ in it
    if (prop === "tintAndShade") {
      this.fx.requireApi("1.9", "RangeFill.tintAndShade");
      return uniform(t, (c) => c.tint ?? 0);
    }
    if (prop === "pattern") {
      this.fx.requireApi("1.9", "RangeFill.pattern");
      return uniform(t, (c) => c.pattern ?? (c.fill ? "Solid" : "None"));
    }
    if (prop !== "color") throw new Error(`fake: fill.${prop} not modelled`);
    // Excel reports "no fill" as white
    return uniform(t, (c) => c.fill ?? "#FFFFFF");
  }
  set tintAndShade(v: number) {
    this.ctx.fx.requireApi("1.9", "RangeFill.tintAndShade");
    this.ctx.queue({ id: this.range._id, set: "format/fill/tintAndShade", value: v }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      eachCell(t, (c) => {
        if (v) c.tint = v;
        else delete c.tint;
        return c;
      });
    });
  }
  get tintAndShade(): number {
    return this.get("tintAndShade");
  }
  get pattern(): string {
    return this.get("pattern");
  }
  get color(): string {
    return this.get("color");
  }
  set color(v: string) {
    this.ctx.queue({ id: this.range._id, set: "format/fill/color", value: v }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      // a colour set is a plain solid fill: tint and pattern go
      eachCell(t, (c) => {
        const next = { ...c, fill: v.toUpperCase() };
        delete next.tint;
        delete next.pattern;
        return next;
      });
    });
  }
  clear(): void {
    this.ctx.queue({ id: this.range._id, call: "format/fill/clear" }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      eachCell(t, (c) => {
        delete c.fill;
        delete c.tint;
        delete c.pattern;
        return c;
      });
    });
  }
}

class FakeFont extends FakeProxy<RangeTarget> {
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(ctx, { target: null });
  }
  override _markLoaded(paths: string[]): void {
    this._target = this.range._tOrNull();
    super._markLoaded(paths);
  }
  protected readProp(t: RangeTarget, prop: string): unknown {
    if (prop !== "bold") throw new Error(`fake: font.${prop} not modelled`);
    // a cell bold in part reads as mixed (null), like a range of bold and plain cells
    return uniform(t, (c) => (c.partBold ? null : (c.bold ?? false)));
  }
  get bold(): boolean {
    return this.get("bold");
  }
  set bold(v: boolean) {
    this.ctx.queue({ id: this.range._id, set: "format/font/bold", value: v }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      // the whole text takes it: a part-bold cell's runs are gone
      eachCell(t, (c) => {
        delete c.partBold;
        if (v) c.bold = true;
        else delete c.bold;
        return c;
      });
    });
  }
}

class FakeConditionalFormats {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {}
  clearAll(): void {
    this.ctx.fx.requireApi("1.6", "conditionalFormats");
    this.ctx.queue({ id: this.range._id, call: "conditionalFormats/clearAll" }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      // "Clears all conditional formats active on the current specified range": a rule reaching
      // beyond the range keeps the cells outside it (learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection)
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.flatMap((cf) => subtract(cf.range, t.rect).map((range) => ({ ...cf, range })));
    });
  }
  /** rules active on any cell of the range (ExcelApi 1.6) */
  getCount(): { value: number } {
    this.ctx.fx.requireApi("1.6", "conditionalFormats");
    let value: number | undefined;
    this.ctx.queue({ id: this.range._id, call: "conditionalFormats/getCount" }, () => {
      const t = this.range._t();
      const n = t.sheet.conditionalFormats.filter((cf) => intersects(cf.range, t.rect)).length;
      this.ctx.deliver({ bytes: n, deliver: () => void (value = n) });
    });
    return {
      get value(): number {
        if (value === undefined) throw new Error("PropertyNotLoaded: ClientResult.value is not available before context.sync()");
        return value;
      },
    };
  }
  add(type: string): { cellValue: { format: { fill: { color: string }; font: { color: string } }; rule: unknown } } {
    this.ctx.fx.requireApi("1.6", "conditionalFormats");
    const entry: FakeConditionalFormat = { range: { r1: 0, c1: 0, r2: 0, c2: 0 }, type };
    this.ctx.queue({ id: this.range._id, call: "conditionalFormats/add", args: [type] }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      entry.range = { ...t.rect };
      t.sheet.conditionalFormats.push(entry);
    });
    const ctx = this.ctx;
    const setter = (path: string, apply: (v: unknown) => void) => (v: unknown) => ctx.queue({ set: `conditionalFormat/${path}`, value: v }, () => apply(v));
    const fillColor = setter("fill", (v) => void (entry.fill = String(v)));
    const fontColor = setter("font", (v) => void (entry.font = String(v)));
    const rule = setter("rule", (v) => void (entry.rule = v));
    return {
      cellValue: {
        format: {
          fill: {
            get color(): string {
              throw new Error("fake: conditional format colours are write-only here");
            },
            set color(v: string) {
              fillColor(v);
            },
          },
          font: {
            get color(): string {
              throw new Error("fake: conditional format colours are write-only here");
            },
            set color(v: string) {
              fontColor(v);
            },
          },
        },
        get rule(): unknown {
          throw new Error("fake: conditional format rule is write-only here");
        },
        set rule(v: unknown) {
          rule(v);
        },
      },
    };
  }
}

class FakeDataValidation {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {}
  clear(): void {
    this.ctx.queue({ id: this.range._id, call: "dataValidation/clear" }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      // clearing affects only the cells of this range; a rule's other cells keep it
      // (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation)
      t.sheet.validations = t.sheet.validations.flatMap((v) => subtract(v.range, t.rect).map((range) => ({ ...v, range })));
    });
  }
  get rule(): unknown {
    throw new Error("fake: dataValidation.rule is write-only here");
  }
  set rule(v: unknown) {
    this.ctx.queue({ id: this.range._id, set: "dataValidation/rule", value: v }, () => {
      const t = this.range._t();
      guardWrite(t.sheet);
      t.sheet.validations = t.sheet.validations.filter((x) => !intersects(x.range, t.rect));
      t.sheet.validations.push({ range: { ...t.rect }, rule: v });
    });
  }
}

/** what src/excel's createExcelHost takes, pointed at this fake */
export function fakeHostOptions(fx: FakeExcel) {
  return {
    run: fx.run as unknown as <T>(options: Excel.RunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>,
    isSetSupported: fx.isSetSupported,
    settings: () => fx.settings as unknown as Office.Settings,
    source: () => "合成社工站评估表.xlsx",
    now: () => new Date("2026-01-02T03:04:05Z"),
  };
}

export type { CellValue };

// ---------------------------------------------------------------------------------------------
// one-click on a synthetic workbook, for the budget test and the bench

export interface OneClickMeasure {
  rows: number;
  syncs: number;
  readSyncs: number;
  applySyncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  totalRequestBytes: number;
  /** bytes of the requests sent after the snapshot was read: writing the plan (and the undo record) */
  applyRequestBytes: number;
  /** syncs Excel refused (size limits), already counted in `syncs` */
  refused: number;
  planOps: number;
}

/**
 * Read a synthetic station workbook with `rows` roster rows through the Excel host, score it
 * with the core, apply the plan, and report what crossed the wire. The core and the generator
 * are loaded lazily so this file stays usable on its own.
 */
export async function runOneClickOnFake(rows: number, options: FakeOptions = {}): Promise<OneClickMeasure> {
  const { makeSeedSnapshot } = await import("./generate-roster");
  const { evaluate } = await import("../../src/core/evaluate");
  const { createExcelHost } = await import("../../src/excel");
  const fx = FakeExcel.fromSnapshot(makeSeedSnapshot(rows, 7), options);
  const host = createExcelHost(fakeHostOptions(fx));
  const snapshot = await host.readSnapshot();
  const readSyncs = fx.syncs;
  const { plan } = evaluate(snapshot, { asOf: "2023-11-30", conditionalFormats: true, markCells: true, findingsSheet: true });
  await host.applyPlan(plan);
  return {
    rows,
    syncs: fx.syncs,
    readSyncs,
    applySyncs: fx.syncs - readSyncs,
    maxRequestBytes: fx.maxRequestBytes,
    maxResponseBytes: fx.maxResponseBytes,
    totalRequestBytes: fx.requests.reduce((n, r) => n + r.requestBytes, 0),
    applyRequestBytes: fx.requests.slice(readSyncs).reduce((n, r) => n + r.requestBytes, 0),
    refused: fx.requests.filter((r) => !r.ok).length,
    planOps: plan.length,
  };
}
