import type { CellRange } from "../core/types";
import { HostError } from "../taskpane/host";
import { type RunEnv, clearSheet, columnRange, freeze, rangeProxy, restoreTarget } from "./sheetOps";
import { type ReadRequest, type WriteUnit, readBlocks, smallUnit, syncOnce, writeUnits } from "./blocks";
import { cellWriteUnits } from "./cellWrites";
import { protectedSheetError, protectedWorkbookError } from "./errors";
import { type SheetInfo, findSheet, listSheets } from "./readWorkbook";
import { SheetProxies } from "./sheetProxies";
import { NO_FILL } from "./style";
import type { Features } from "./features";
import { UNDO_SHEET, type UndoHeader, type UndoRecord, addedSheets, fromChunks, layers, parseHeader } from "./undoRecord";

export const MSG_NOTHING_TO_UNDO = "没有可以撤销的运行（还没有运行过一键评分，或已经撤销过了）";

/** two syncs: the sheet list, then the undo sheet's header cell */
export async function readUndoHeader(
  env: RunEnv,
  withProtection: boolean,
): Promise<{ list: SheetInfo[]; header: UndoHeader | null; structureLocked: boolean }> {
  const list = await listSheets(env.ctx, env.counter, withProtection);
  if (!findSheet(list, UNDO_SHEET)) return { list, header: null, structureLocked: false };
  let structureLocked = false;
  const header = await readHeaderCell(env, () => {
    if (!withProtection) return () => undefined;
    const structure = env.ctx.workbook.protection;
    structure.load("protected");
    return () => (structureLocked = structure.protected);
  });
  return { list, header, structureLocked };
}

/** one sync (with whatever `along` loads); the undo sheet must exist */
export async function readHeaderCell(env: RunEnv, along?: () => () => void): Promise<UndoHeader | null> {
  const a1 = env.ctx.workbook.worksheets.getItem(UNDO_SHEET).getRange("A1");
  a1.load("values");
  const collect = along?.();
  await syncOnce(env.ctx, env.counter);
  collect?.();
  return parseHeader(a1.values[0]?.[0]);
}

export async function readRecord(env: RunEnv, header: UndoHeader): Promise<UndoRecord | null> {
  const chunks: unknown[] = new Array<unknown>(header.chunks);
  const req: ReadRequest = {
    sheet: () => env.ctx.workbook.worksheets.getItem(UNDO_SHEET),
    row: 1,
    col: 0,
    rows: header.chunks,
    cols: 1,
    props: ["values"],
    // record JSON is mostly ASCII with some CJK: two bytes a character is a fair upper guess
    bytesPerCell: Math.ceil((header.chars / Math.max(1, header.chunks)) * 2) + 4,
    sink: (row, data) => data.values?.forEach((line, r) => (chunks[row - 1 + r] = line[0])),
  };
  await readBlocks(env.ctx, [req], env.budget, env.counter);
  return fromChunks(header, chunks);
}

/** every sheet a restore writes to (sheets it only deletes excluded) */
function sheetsWritten(rec: UndoRecord): string[] {
  return layers(rec).flatMap((l) => layerSheets(l));
}

function layerSheets(rec: UndoRecord): string[] {
  return [
    ...rec.reused.map((r) => r.sheet),
    ...rec.cells.map((c) => c.sheet),
    ...rec.fills.map((c) => c.sheet),
    ...rec.merges.map((c) => c.sheet),
    ...rec.widths.map((c) => c.sheet),
    ...rec.freezes.map((c) => c.sheet),
    ...rec.conditionalFormats.map((c) => c.sheet),
    ...rec.validations.map((c) => c.sheet),
  ];
}

/**
 * Put back what the last run overwrote, delete the sheets it added, then remove the undo sheet.
 * Like a run, it checks protection first and writes nothing if a sheet it must write is locked.
 */
export async function undoInExcel(env: RunEnv): Promise<void> {
  const { ctx, features } = env;
  const { list, header, structureLocked } = await readUndoHeader(env, true);
  if (!header) throw new HostError("nothing-to-undo", MSG_NOTHING_TO_UNDO);
  const rec = await readRecord(env, header);
  if (!rec) throw new HostError("nothing-to-undo", "上次运行的撤销记录不完整，无法撤销");
  // deleting sheets (the undo sheet too) needs an unprotected workbook structure
  if (structureLocked) throw protectedWorkbookError();
  for (const name of sheetsWritten(rec)) {
    const info = findSheet(list, name);
    if (info?.protected) throw protectedSheetError(info.name);
  }
  const exists = (name: string) => findSheet(list, name) !== undefined;
  const sheets = new SheetProxies(ctx);
  const units: WriteUnit[] = [];
  for (const layer of layers(rec)) units.push(...layerUnits(layer, sheets, exists, features));
  for (const name of addedSheets(rec)) if (exists(name)) units.push(smallUnit(() => sheets.get(name).delete()));
  // Excel refuses to delete a very hidden sheet: make it merely hidden first
  units.push(
    smallUnit(() => {
      const ws = sheets.get(UNDO_SHEET);
      ws.visibility = "Hidden";
      ws.delete();
    }),
  );
  await writeUnits(ctx, units, env.budget, env.counter, () => ctx.application.suspendApiCalculationUntilNextSync());
}

/** the writes that take one layer back to the state before its run */
function layerUnits(rec: UndoRecord, sheets: SheetProxies, exists: (name: string) => boolean, features: Features): WriteUnit[] {
  const units: WriteUnit[] = [];
  const after: WriteUnit[] = [];
  for (const r of rec.reused) {
    if (!exists(r.sheet)) continue;
    units.push(smallUnit(() => clearSheet(sheets.get(r.sheet), features)));
    if (r.block) {
      const w = cellWriteUnits(
        sheets.getter(r.sheet),
        r.block.row,
        r.block.col,
        r.block.cells.map((line) => (line ?? []).map(restoreTarget)),
        true,
      );
      units.push(...w.before, ...w.content);
      after.push(...w.after);
    }
  }
  for (const c of rec.cells) {
    if (!exists(c.sheet)) continue;
    const w = cellWriteUnits(
      sheets.getter(c.sheet),
      c.row,
      c.col,
      c.cells.map((line) => line.map(restoreTarget)),
      true,
    );
    units.push(...w.before, ...w.content);
    after.push(...w.after);
  }
  units.push(...after);
  const at = (sheet: string, r: CellRange) => rangeProxy(sheets.get(sheet), r);
  for (const f of rec.fills) {
    if (!exists(f.sheet)) continue;
    units.push(
      smallUnit(() => {
        const range = at(f.sheet, f.range);
        if (f.color === null || f.color.toUpperCase() === NO_FILL) range.format.fill.clear();
        else range.format.fill.color = f.color;
        if (f.bold !== null) range.format.font.bold = f.bold;
      }),
    );
  }
  for (const m of rec.merges) {
    if (!exists(m.sheet)) continue;
    units.push(
      smallUnit(() => {
        at(m.sheet, m.range).unmerge();
        for (const b of m.before ?? []) at(m.sheet, b).merge(false);
      }),
    );
  }
  for (const w of rec.widths) {
    if (exists(w.sheet)) units.push(smallUnit(() => (columnRange(sheets.get(w.sheet), w.col).format.columnWidth = w.width)));
  }
  for (const t of rec.tabColors ?? []) if (exists(t.sheet)) units.push(smallUnit(() => (sheets.get(t.sheet).tabColor = t.color)));
  for (const f of rec.freezes) {
    if (!exists(f.sheet)) continue;
    units.push(smallUnit(() => (f.before ? sheets.get(f.sheet).freezePanes.freezeAt(f.before) : freeze(sheets.get(f.sheet), 0, 0))));
  }
  for (const c of rec.conditionalFormats)
    if (exists(c.sheet) && features.conditionalFormats) units.push(smallUnit(() => at(c.sheet, c.range).conditionalFormats.clearAll()));
  for (const v of rec.validations) if (exists(v.sheet) && features.dataValidation) units.push(smallUnit(() => at(v.sheet, v.range).dataValidation.clear()));
  return units;
}
