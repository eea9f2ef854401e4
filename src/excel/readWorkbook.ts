import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../core/types";
import { type BlockData, type LiveBudget, type ReadRequest, type Rider, type SyncCounter, readBlocks, syncOnce } from "./blocks";
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
 * Read every sheet as the core sees it. Syncs: one for the sheet list, one for the used ranges,
 * then as few as the bytes need for values, formulas and number formats (merged areas ride
 * along with the first of them).
 */
export async function readWorkbook(
  ctx: Excel.RequestContext,
  source: string,
  features: Features,
  budget: LiveBudget,
  counter: SyncCounter,
  progress?: (fraction: number) => void,
  notice?: (text: string, offer?: "calculate") => void,
): Promise<WorkbookSnapshot> {
  // calculation mode rides along with the sheet list: in manual mode the formula results read
  // for scoring may be stale (Application.calculationMode, ExcelApi 1.1)
  const app = ctx.application;
  app.load("calculationMode");
  const list = (await listSheets(ctx, counter, false)).filter((s) => s.name !== UNDO_SHEET);
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
  const used = list.map((s) => {
    const r = sheetProxy(s.name).getUsedRangeOrNullObject(true);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    return r;
  });
  await syncOnce(ctx, counter);

  const snapshots: SheetSnapshot[] = list.map((s) => ({ name: s.name, ...(s.visibility !== "Visible" ? { hidden: true } : {}), values: [] }));
  const requests: ReadRequest[] = [];
  const mergeTargets: MergeTarget[] = [];
  list.forEach((s, i) => {
    const u = used[i];
    if (u.isNullObject) return;
    const snap = snapshots[i];
    const { rowIndex, columnIndex, rowCount, columnCount } = u;
    requests.push({
      sheet: () => sheetProxy(s.name),
      row: rowIndex,
      col: columnIndex,
      rows: rowCount,
      cols: columnCount,
      props: ["values", "formulas", "numberFormat"],
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
  return { source, sheets: snapshots };
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
