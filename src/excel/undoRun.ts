import type { CellRange } from "../core/types";
import { HostError } from "../taskpane/host";
import { type RunEnv, clearSheet, columnRange, freeze, rangeProxy, restoreTarget } from "./sheetOps";
import { type ReadRequest, type WriteUnit, onceUnit, readBlocks, smallUnit, syncOnce, writeUnits } from "./blocks";
import { isFormula, valueFromExcel } from "./cellText";
import { columnLetters } from "../core/a1";
import { cellWriteUnits } from "./cellWrites";
import { protectedSheetError, protectedWorkbookError } from "./errors";
import { type SheetInfo, findSheet } from "./readWorkbook";
import { SheetProxies } from "./sheetProxies";
import { NO_FILL } from "./style";
import type { Features } from "./features";
import { type UndoRecord, addedSheets, cellMark, layers } from "./undoRecord";
import { type StoredRecord, deleteUnits, listParts, pickRecord, queueList, readParts } from "./undoStore";

export const MSG_NOTHING_TO_UNDO = "没有可以撤销的运行（还没有运行过一键评分，或已经撤销过了）";

export interface UndoState {
  list: SheetInfo[];
  structureLocked: boolean;
  /** every part in the undo namespaces, the record's and any leftovers */
  parts: { id: string; ns: string }[];
  found: StoredRecord | null;
}

/** two syncs: the sheet list with protection and the undo parts, then the parts' XML */
export async function readUndoState(env: RunEnv): Promise<UndoState> {
  const { ctx, counter } = env;
  const wsc = ctx.workbook.worksheets;
  wsc.load("items/name,items/visibility,items/protection/protected");
  const structure = ctx.workbook.protection;
  structure.load("protected");
  const parts = queueList(ctx);
  await syncOnce(ctx, counter);
  const list = wsc.items.map((ws, position) => ({ name: ws.name, visibility: String(ws.visibility), protected: ws.protection.protected, position }));
  const ids = parts();
  const found = ids.length > 0 ? pickRecord(await readParts(ctx, counter, ids)) : null;
  return { list, structureLocked: structure.protected, parts: ids, found };
}

/**
 * One sync: whether undo parts are there. A record is checked whole on undo; parts without a
 * complete record (a run cut short before its header) count too, so that 撤销上次运行 removes them.
 */
export async function hasUndoRecord(env: RunEnv): Promise<boolean> {
  return (await listParts(env.ctx, env.counter)).length > 0;
}

/** remove every undo part: the record holds copies of overwritten cells and travels with the file */
export async function clearUndoParts(env: RunEnv): Promise<void> {
  const ids = await listParts(env.ctx, env.counter);
  if (ids.length === 0) return;
  await writeUnits(
    env.ctx,
    deleteUnits(() => env.ctx, ids),
    env.budget,
    env.counter,
    () => undefined,
  );
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
export interface UndoOptions {
  /** when cells the run wrote were edited since: keep the user's edits, or restore them anyway */
  edited?: "keep" | "restore";
}

export interface EditedCell {
  sheet: string;
  row: number;
  col: number;
}

/**
 * Cells of the newest run that hold neither what it wrote nor what was there before it: the
 * user's edits since. (A cell still holding its old content was not reached by a run cut short.)
 */
async function findEdits(env: RunEnv, rec: UndoRecord, exists: (name: string) => boolean): Promise<EditedCell[]> {
  const edited: EditedCell[] = [];
  const requests: ReadRequest[] = [];
  for (const block of rec.cells) {
    const wrote = block.wrote;
    if (!wrote || !exists(block.sheet) || block.cells.length === 0) continue;
    const cols = block.cells.reduce((w, line) => Math.max(w, line.length), 0);
    if (cols === 0) continue;
    requests.push({
      sheet: () => env.ctx.workbook.worksheets.getItem(block.sheet),
      row: block.row,
      col: block.col,
      rows: block.cells.length,
      cols,
      props: ["values", "formulas"],
      sink: (row, data) =>
        data.values?.forEach((line, r) =>
          line.forEach((v, c) => {
            const at = row - block.row + r;
            const w = wrote[at]?.[c];
            const prior = block.cells[at]?.[c];
            if (w === null || w === undefined || !prior) return;
            const f = data.formulas?.[r]?.[c];
            const now = cellMark(valueFromExcel(v), isFormula(f, v) ? f : null);
            // a formula whose result is not computed yet reads back as its own text: still what the run wrote
            const asFormula = typeof f === "string" && f.startsWith("=") ? cellMark(null, f) : now;
            if (now !== w && asFormula !== w && now !== cellMark(prior[0], prior[1]))
              edited.push({ sheet: block.sheet, row: at + block.row, col: c + block.col });
          }),
        ),
    });
  }
  await readBlocks(env.ctx, requests, env.budget, env.counter);
  return edited;
}

function editedMessage(edited: EditedCell[]): string {
  const first = edited[0];
  const where = `“${first.sheet}”${columnLetters(first.col)}${first.row + 1}`;
  return `上次运行之后，您修改过 ${edited.length} 个由本工具写入的单元格（如 ${where}）。请选择：保留我的修改，或仍然恢复到运行之前`;
}

export async function undoInExcel(env: RunEnv, opts: UndoOptions = {}): Promise<void> {
  const { ctx, features } = env;
  const { list, structureLocked, parts, found } = await readUndoState(env);
  if (!found) {
    if (parts.length === 0) throw new HostError("nothing-to-undo", MSG_NOTHING_TO_UNDO);
    // leftovers of a run cut short before its record was complete: nothing of the plan was
    // written after them (the record goes first), so removing them is the whole undo
    await writeUnits(
      ctx,
      deleteUnits(() => ctx, parts),
      env.budget,
      env.counter,
      () => undefined,
    );
    return;
  }
  const rec = found.record;
  const exists = (name: string) => findSheet(list, name) !== undefined;
  // deleting sheets needs an unprotected workbook structure
  if (structureLocked && addedSheets(rec).some(exists)) throw protectedWorkbookError();
  for (const name of sheetsWritten(rec)) {
    const info = findSheet(list, name);
    if (info?.protected) throw protectedSheetError(info.name);
  }
  const edited = await findEdits(env, rec, exists);
  if (edited.length > 0 && !opts.edited) {
    const first = edited[0];
    throw new HostError("undo-edited", editedMessage(edited), `${first.sheet}!${columnLetters(first.col)}${first.row + 1}`);
  }
  if (edited.length > 0 && opts.edited === "keep") {
    // the user's edits stay: those cells are left out of every layer's restore
    const keep = new Set(edited.map((e) => `${e.sheet.toLowerCase()}!${e.row},${e.col}`));
    for (const layer of layers(rec))
      for (const block of layer.cells)
        block.cells = block.cells.map((line, r) => line.map((p, c) => (keep.has(`${block.sheet.toLowerCase()}!${block.row + r},${block.col + c}`) ? null : p)));
  }
  const sheets = new SheetProxies(ctx);
  const units: WriteUnit[] = [];
  for (const layer of layers(rec)) units.push(...layerUnits(layer, sheets, exists, features));
  for (const name of addedSheets(rec)) if (exists(name)) units.push(onceUnit(() => sheets.get(name).delete()));
  // the record goes last, so an undo cut short can be finished by undoing again
  units.push(...deleteUnits(() => ctx, parts));
  units.push(smallUnit(() => ctx.application.calculate("Recalculate")));
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
        else {
          range.format.fill.color = f.color;
          if (f.tint) range.format.fill.tintAndShade = f.tint;
        }
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
