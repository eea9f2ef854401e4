import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../core/types";
import { type BlockData, type LiveBudget, type ReadRequest, type Rider, type SyncCounter, UNSEEN_WEIGHT, bytesPerCellOf, readBlocks, syncOnce } from "./blocks";
import { isPayloadError } from "./errors";
import { HostError } from "../taskpane/host";
import { DATE1904_OFFSET, looksLike1904, shiftDateSerials } from "../core/dates";
import { findPeriods } from "../core/periods";
import { isFormula, valueFromExcel } from "./cellText";
import type { Features } from "./features";
import { type MergeTarget, MergeReader } from "./mergedAreas";
import { UNDO_SHEET } from "./undoRecord";

export interface SheetInfo {
  name: string;
  visibility: string;
  protected?: boolean;
  position: number;
}

export const MSG_MANUAL_CALC = "这个工作簿设为手动计算，读到的公式结果可能不是最新的：建议先重新计算再评分";

/**
 * Where Excel cannot say which date system the workbook uses (Workbook.use1904DateSystem is
 * preview-only), its dates reading about four years early against the contract year written as
 * text is the tell-tale of the 1904 system (core/dates.ts looksLike1904).
 */
export const MSG_1904 =
  "工作簿中的日期比协议期早了约四年，这个工作簿可能使用了“1904 日期系统”（文件 → 选项 → 高级）：年龄、建档和跟进日期会按早四年计算，请先核对或在 Excel 中取消该选项后再评分";

/** the workbook's sheets (without the undo sheet unless asked), one sync */
export async function listSheets(ctx: Excel.RequestContext, counter: SyncCounter, withProtection: boolean): Promise<SheetInfo[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load(withProtection ? "items/name,items/visibility,items/protection/protected" : "items/name,items/visibility");
  await syncOnce(ctx, counter);
  return sheets.items.map((ws, position) => ({
    name: ws.name,
    visibility: String(ws.visibility),
    protected: withProtection ? ws.protection.protected : undefined,
    position,
  }));
}

export function findSheet(list: SheetInfo[], name: string): SheetInfo | undefined {
  const key = name.toLowerCase();
  return list.find((s) => s.name.toLowerCase() === key);
}

/**
 * Read every sheet as the core sees it. Syncs: one for the sheet list, one for the used ranges
 * with each sheet's first rows, then as few as the bytes need for the rest of the values,
 * formulas and number formats (merged areas ride along with the first of them).
 */
export async function readWorkbook(
  ctx: Excel.RequestContext,
  source: string,
  features: Features,
  budget: LiveBudget,
  counter: SyncCounter,
  progress?: (fraction: number) => void,
  notice?: (text: string, offer?: "calculate") => void,
  /** told whether the workbook counts dates from 1904 (false when that cannot be asked) */
  dateSystem?: (is1904: boolean) => void,
): Promise<WorkbookSnapshot> {
  // calculation mode rides along with the sheet list: in manual mode the formula results read
  // for scoring may be stale (Application.calculationMode, ExcelApi 1.1)
  const app = ctx.application;
  app.load("calculationMode");
  // the date system, where the Office.js library has Workbook.use1904DateSystem (preview only);
  // a host that refuses it costs one sync again without it
  const wb = ctx.workbook as unknown as { use1904DateSystem?: boolean; load(p: string): void };
  let ask1904 = "use1904DateSystem" in wb;
  if (ask1904) wb.load("use1904DateSystem");
  let all: SheetInfo[];
  try {
    all = await listSheets(ctx, counter, false);
  } catch (e) {
    if (!ask1904 || e instanceof HostError) throw e;
    ask1904 = false;
    app.load("calculationMode");
    all = await listSheets(ctx, counter, false);
  }
  const list = all.filter((s) => s.name !== UNDO_SHEET);
  const date1904 = ask1904 ? wb.use1904DateSystem === true : null;
  dateSystem?.(date1904 === true);
  if (String(app.calculationMode) === "Manual") notice?.(MSG_MANUAL_CALC, "calculate");
  const proxies = new Map<string, Excel.Worksheet>();
  const sheetProxy = (name: string) => {
    let ws = proxies.get(name);
    if (!ws) {
      ws = ctx.workbook.worksheets.getItem(name);
      proxies.set(name, ws);
    }
    return ws;
  };
  const { used, probes } = await readUsedRanges(ctx, list, sheetProxy, budget, counter);

  const snapshots: SheetSnapshot[] = list.map((s) => ({ name: s.name, ...(s.visibility !== "Visible" ? { hidden: true } : {}), values: [] }));
  const requests: ReadRequest[] = [];
  const mergeTargets: MergeTarget[] = [];
  list.forEach((s, i) => {
    const u = used[i];
    if (u === null) return;
    const snap = snapshots[i];
    const { rowIndex, columnIndex, rowCount, columnCount } = u;
    // the rows the used-range sync already brought back
    const head = probes[i];
    let done = 0;
    let bytesPerCell: number | undefined;
    if (head && head.rows > 0) {
      placeBlock(snap, rowIndex, columnIndex, head.data);
      done = head.rows;
      bytesPerCell = head.bytesPerCell;
    }
    if (done < rowCount)
      requests.push({
        sheet: () => sheetProxy(s.name),
        row: rowIndex + done,
        col: columnIndex,
        rows: rowCount - done,
        cols: columnCount,
        props: ["values", "formulas", "numberFormat"],
        ...(bytesPerCell !== undefined ? { bytesPerCell } : {}),
        sink: (row, data) => placeBlock(snap, row, columnIndex, data),
      });
    if (features.mergedAreas)
      mergeTargets.push({
        sheet: s.name,
        ws: () => sheetProxy(s.name),
        range: { r1: rowIndex, c1: columnIndex, r2: rowIndex + rowCount - 1, c2: columnIndex + columnCount - 1 },
      });
  });
  // merged areas ride along with the first data sync, in bands; if they sink it, the data goes
  // again without them and the bands are asked on their own
  const merges = new MergeReader(mergeTargets);
  const rider: Rider = Object.assign(() => merges.queue(), { failed: (e: unknown) => merges.failed(e) });
  await readBlocks(ctx, requests, budget, counter, merges.empty ? undefined : rider, progress);
  await merges.finish(ctx, counter);
  snapshots.forEach((snap) => {
    const found = merges.found.get(snap.name);
    if (found && found.length > 0) snap.merges = found;
  });
  for (const n of merges.notices()) notice?.(n);
  const snapshot = { source, sheets: snapshots };
  // the core counts dates from 1900 (src/file/snapshot.ts does the same for a file)
  if (date1904 === true) for (const sh of snapshots) shiftDateSerials(sh.values, sh.numberFormats, DATE1904_OFFSET);
  else if (date1904 === null && looksLike1904(() => findPeriods(snapshot).map((f) => f.period), snapshots)) notice?.(MSG_1904);
  return snapshot;
}

interface UsedRect {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

interface HeadRows {
  rows: number;
  data: BlockData;
  bytesPerCell: number;
}

/** the top-left box each sheet's first rows are read from, in the used-range sync */
export const HEAD_COLS = 64;
const CELL_PROPS = ["values", "formulas", "numberFormat"] as const;

/**
 * One sync: every sheet's used range and, in the same request, its first rows. The rows come
 * from a box at A1 of HEAD_COLS columns intersected with the used range
 * (Range.getIntersectionOrNullObject, ExcelApi 1.4; the argument is Worksheet.getUsedRange, which
 * is never a null object: a blank sheet's is A1). The box's rows are shared out so that the whole
 * sync is one first read as large as readBlocks would probe with. A sheet whose used range starts
 * right of the box, or is wider than it, is read as before; a small sheet usually comes back
 * whole. Learning each big sheet's real size per cell here is what lets the data syncs go out
 * full from the first one, instead of spending a sync on a probe (issue 11's sync budget). If the
 * response is refused, the used ranges are asked again alone.
 */
async function readUsedRanges(
  ctx: Excel.RequestContext,
  list: SheetInfo[],
  sheetProxy: (name: string) => Excel.Worksheet,
  budget: LiveBudget,
  counter: SyncCounter,
): Promise<{ used: (UsedRect | null)[]; probes: (HeadRows | null)[] }> {
  const cells = Math.floor(budget.responseBytes / (UNSEEN_WEIGHT * budget.bytesPerReadCell));
  const headRows = Math.max(4, Math.floor(cells / (HEAD_COLS * Math.max(1, list.length))));
  const ask = (withHeads: boolean) =>
    list.map((s) => {
      const ws = sheetProxy(s.name);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      let head: Excel.Range | null = null;
      if (withHeads) {
        head = ws.getRangeByIndexes(0, 0, headRows, HEAD_COLS).getIntersectionOrNullObject(ws.getUsedRange(true));
        head.load(["rowIndex", "columnIndex", "rowCount", "columnCount", ...CELL_PROPS]);
      }
      return { used, head };
    });
  let asked = ask(true);
  try {
    await syncOnce(ctx, counter);
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    asked = ask(false);
    await syncOnce(ctx, counter);
  }
  const used = asked.map(({ used: u }) =>
    u.isNullObject ? null : { rowIndex: u.rowIndex, columnIndex: u.columnIndex, rowCount: u.rowCount, columnCount: u.columnCount },
  );
  const probes = asked.map(({ head }, i): HeadRows | null => {
    const u = used[i];
    if (!head || !u || head.isNullObject) return null;
    // only a head that spans the used range's full width, from its first row, is data
    if (head.rowIndex !== u.rowIndex || head.columnIndex !== u.columnIndex || head.columnCount !== u.columnCount) return null;
    const data: BlockData = {};
    for (const p of CELL_PROPS) data[p] = head[p] as unknown[][];
    if (CELL_PROPS.some((p) => !Array.isArray(data[p]))) return null;
    const rows = Math.min(head.rowCount, u.rowCount);
    return { rows, data, bytesPerCell: bytesPerCellOf(data, rows, u.columnCount) };
  });
  return { used, probes };
}

/** put a block read at (row, col) into the sheet's arrays, which start at A1 */
function placeBlock(snap: SheetSnapshot, row: number, col: number, data: BlockData): void {
  const values = data.values ?? [];
  const formulas = data.formulas ?? [];
  const formats = data.numberFormat ?? [];
  for (let r = 0; r < values.length; r++) {
    const at = row + r;
    while (snap.values.length < at) snap.values.push([]);
    const out: CellValue[] = new Array<CellValue>(col).fill(null);
    const vr = values[r];
    let fRow: (string | null)[] | undefined;
    let nRow: (string | null)[] | undefined;
    for (let c = 0; c < vr.length; c++) {
      const f = formulas[r]?.[c];
      const formula = isFormula(f, vr[c]);
      const v = valueFromExcel(vr[c]);
      // a formula that returns "" still is a formula; keep its empty result as ""
      out.push(formula && vr[c] === "" ? "" : v);
      if (formula) {
        fRow ??= new Array<string | null>(col + c).fill(null);
        while (fRow.length < col + c) fRow.push(null);
        fRow.push(f);
      }
      const nf = formats[r]?.[c];
      if (typeof nf === "string" && nf !== "General" && nf !== "") {
        nRow ??= [];
        while (nRow.length < col + c) nRow.push(null);
        nRow.push(nf);
      }
    }
    snap.values[at] = out;
    if (fRow) {
      snap.formulas ??= [];
      while (snap.formulas.length < at) snap.formulas.push([]);
      snap.formulas[at] = fRow;
    }
    if (nRow) {
      snap.numberFormats ??= [];
      while (snap.numberFormats.length < at) snap.numberFormats.push([]);
      snap.numberFormats[at] = nRow;
    }
  }
}
