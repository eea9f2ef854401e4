import { runCells, type SheetLookup } from "../core/runs";
import type { CellRange, Finding, Plan, PlanCell, PlanOp } from "../core/types";
import { HostError } from "../taskpane/host";
import { parseAreas, stripSheet } from "./address";
import { type ReadRequest, type WriteUnit, onceUnit, readBlocks, smallUnit, syncOnce, writeUnits } from "./blocks";
import { type TargetCell, cellWriteUnits } from "./cellWrites";
import { type RunEnv, clearSheet, columnRange, freeze, priorCell, rangeProxy } from "./sheetOps";
import { protectedSheetError, protectedWorkbookError } from "./errors";
import type { Features } from "./features";
import { type SheetInfo, findSheet } from "./readWorkbook";
import { SheetProxies } from "./sheetProxies";
import { StructureProbe } from "./structures";
import { BOLD_ROLES, FILL_COLORS, RULE_COLORS, RULE_OPERATORS, charsToPoints } from "./style";
import { type PriorBlock, type PriorCell, type UndoRecord, addedSheets, cellMark, emptyRecord, layers as layersOf } from "./undoRecord";
import { rangeA1 } from "../core/a1";
import { DATE1904_OFFSET, isDateFormat, zhDateFormat } from "../core/dates";
import { type RunOp, type RunWriteSession, isBulkRun, paneSession, runWriteUnits } from "./runWrites";
import { deleteUnits, newRunId, pickRecord, queueList, readParts, recordUnits } from "./undoStore";

type CellsOp = Extract<PlanOp, { kind: "cells" }>;
type Progress = (fraction: number) => void;

/** ranges this small have their fill read cell by cell, so mixed fills come back exactly */
const PER_CELL_FILL_LIMIT = 64;

function opWidth(op: CellsOp): number {
  return op.cells.reduce((w, line) => Math.max(w, line.length), 0);
}

/**
 * Apply a plan in one Excel.run. Phases: (1) one sync reads the sheet list with protection and
 * everything the plan will overwrite on existing sheets; (2) nothing is written if any touched
 * sheet is protected; (3) writes go out in as few syncs as the request budget allows, the
 * undo record first so that a run cut short can still be undone.
 */
export async function applyPlanInExcel(
  env: RunEnv,
  planIn: Plan,
  at: string,
  progress?: Progress,
  notice?: (text: string) => void,
  sourceSheets: SheetLookup = () => undefined,
  session: RunWriteSession = paneSession,
  /** a cell the plan meant to write and the host left alone (write-skipped-*): a finding on it */
  found?: (f: Finding) => void,
  /** the workbook counts dates from 1904: a date the core counted from 1900 goes back 1,462 days lower */
  date1904 = false,
): Promise<void> {
  const { ctx, features, budget, counter } = env;
  const addKeys = new Set(planIn.filter((op) => op.kind === "addSheet").map((op) => op.sheet.toLowerCase()));
  // A formula or serial run on a sheet this run (re)creates goes out as one assignment
  // (runWrites.ts); anything else (value runs, runs on the user's sheets, whose cells need a prior
  // copy for undo) as cells.
  const bulkRuns: RunOp[] = [];
  const plan = planIn.flatMap((op): PlanOp[] => {
    if (op.kind !== "columnRun") return [op];
    if (addKeys.has(op.sheet.toLowerCase()) && isBulkRun(op, features.autoFill)) {
      bulkRuns.push(op);
      return [];
    }
    return [runAsCellsOp(op, sourceSheets)];
  });
  const sheets = new SheetProxies(ctx);
  const addOps = plan.filter((op): op is Extract<PlanOp, { kind: "addSheet" }> => op.kind === "addSheet");
  const addedKeys = new Set(addOps.map((op) => op.sheet.toLowerCase()));
  const onExisting = (op: PlanOp) => !addedKeys.has(op.sheet.toLowerCase());
  const record = emptyRecord(at);

  // (1) read: sheet list + prior state of what will be overwritten
  const cellOps = plan.filter((op): op is CellsOp => op.kind === "cells");
  const priorGrids = new Map<CellsOp, PriorCell[][]>();
  const requests: ReadRequest[] = cellOps.filter(onExisting).map((op) => {
    const grid: PriorCell[][] = [];
    priorGrids.set(op, grid);
    return {
      sheet: sheets.getter(op.sheet),
      row: op.row,
      col: op.col,
      rows: op.cells.length,
      cols: opWidth(op),
      props: ["values", "formulas", "numberFormat"],
      sink: (row, data) => {
        data.values?.forEach((line, r) => {
          grid[row - op.row + r] = line.map((v, c) => priorCell(v, data.formulas?.[r]?.[c], data.numberFormat?.[r]?.[c]));
        });
      },
    };
  });
  let list: SheetInfo[] = [];
  let structureLocked = false;
  const cfCounts = new Map<PlanOp, number>();
  const mixedFills: { op: PlanOp; r: CellRange; entry: UndoRecord["fills"][number] }[] = [];
  /** plan decorations left undone on the user's sheets, so that undo can give them back exactly */
  const untouched = new Set<object>();
  const structures = new StructureProbe(features);
  let partIds: { id: string; ns: string }[] = [];
  const rider = () => {
    structures.reset();
    const parts = queueList(ctx);
    const wsc = ctx.workbook.worksheets;
    wsc.load("items/name,items/visibility,items/protection/protected");
    const structure = ctx.workbook.protection;
    structure.load("protected");
    const collectors: (() => void)[] = [() => (structureLocked = structure.protected)];
    for (const op of plan) {
      if (!onExisting(op)) continue;
      const ws = sheets.get(op.sheet);
      if (op.kind === "cells") structures.queue(op, sheets.getter(op.sheet));
      if (op.kind === "conditionalFormat" && features.conditionalFormats) {
        const count = rangeProxy(ws, op.range).conditionalFormats.getCount();
        collectors.push(() => cfCounts.set(op, count.value));
      }
      if (op.kind === "fill") {
        for (const r of op.ranges) {
          const n = (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
          const parts: CellRange[] = [];
          if (n <= PER_CELL_FILL_LIMIT) {
            for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) parts.push({ r1: row, c1: col, r2: row, c2: col });
          } else parts.push(r);
          for (const part of parts) {
            const range = rangeProxy(ws, part);
            // tint and pattern (ExcelApi 1.9): a theme colour's lighter or darker variant is a
            // colour plus a tint, and a patterned fill is more than a colour
            range.format.fill.load(features.fillDetail ? ["color", "tintAndShade", "pattern"] : ["color"]);
            range.format.font.load("bold");
            collectors.push(() => {
              const fill = range.format.fill;
              // null = the cells differ (RangeFill); a value not there at all counts as plain
              const tint = features.fillDetail && fill.tintAndShade !== undefined ? fill.tintAndShade : 0;
              const pattern = features.fillDetail ? fill.pattern : undefined;
              const entry: UndoRecord["fills"][number] = { sheet: op.sheet, range: part, color: fill.color ?? null, bold: range.format.font.bold ?? null };
              if (tint) entry.tint = tint;
              record.fills.push(entry);
              // mixed fills, a tint that differs between cells, a patterned fill, or text bold in
              // part (of a range, or inside one cell) could not come back as they were: leave the
              // range alone rather than flatten it
              const flat = pattern === undefined || pattern === "Solid" || pattern === "None";
              if ((part === r && entry.color === null) || tint === null || !flat || (entry.bold === null && BOLD_ROLES.has(op.role)))
                mixedFills.push({ op, r, entry });
            });
          }
        }
      } else if (op.kind === "merge") {
        if (features.mergedAreas) {
          const areas = rangeProxy(ws, op.range).getMergedAreasOrNullObject();
          areas.load("address");
          collectors.push(() => record.merges.push({ sheet: op.sheet, range: op.range, before: areas.isNullObject ? [] : parseAreas(areas.address) }));
        } else record.merges.push({ sheet: op.sheet, range: op.range, before: null });
      } else if (op.kind === "columnWidths") {
        for (const w of op.widths) {
          const fmt = columnRange(ws, w.col).format;
          fmt.load("columnWidth");
          collectors.push(() => record.widths.push({ sheet: op.sheet, col: w.col, width: fmt.columnWidth }));
        }
      } else if (op.kind === "freeze") {
        const loc = ws.freezePanes.getLocationOrNullObject();
        loc.load("address");
        collectors.push(() => record.freezes.push({ sheet: op.sheet, before: loc.isNullObject ? null : stripSheet(loc.address) }));
      }
    }
    return () => {
      partIds = parts();
      list = wsc.items.map((ws, position) => ({ name: ws.name, visibility: String(ws.visibility), protected: ws.protection.protected, position }));
      for (const c of collectors) c();
    };
  };
  await readBlocks(ctx, requests, budget, counter, rider, (f) => progress?.(f * 0.2));

  // (2) refuse before writing anything
  for (const op of plan) {
    const info = findSheet(list, op.sheet);
    if (!info && onExisting(op)) throw new HostError("unknown", `找不到工作表“${op.sheet}”：读取之后工作簿被修改了，请重新点一键评分`);
    if (info?.protected) throw protectedSheetError(info.name);
  }
  await structures.resolve(ctx, counter);
  for (const f of structures.findings()) found?.(f);
  // a protected workbook structure refuses new sheets
  if (structureLocked && addOps.some((op) => !findSheet(list, op.sheet))) throw protectedWorkbookError();
  // an earlier run not undone: stack on its record; the sheets it created need no copy
  const previous = partIds.length > 0 ? (pickRecord(await readParts(ctx, counter, partIds))?.record ?? null) : null;
  if (previous) record.previous = previous;
  const createdBefore = new Set(addedSheets(previous).map((n) => n.toLowerCase()));
  const reused = addOps.map((op) => findSheet(list, op.sheet)).filter((s): s is SheetInfo => s !== undefined && !createdBefore.has(s.name.toLowerCase()));
  if (reused.length > 0) await readReused(env, sheets, reused, record, plan);
  for (const op of addOps) if (!findSheet(list, op.sheet)) record.added.push(op.sheet);
  for (const op of cellOps) {
    const grid = priorGrids.get(op);
    if (!grid) continue;
    const cells = op.cells.map((line, r) => line.map((pc, c) => (pc && !structures.skipped(op, r, c) ? (grid[r]?.[c] ?? ([null] as PriorCell)) : null)));
    const wrote = op.cells.map((line, r) =>
      line.map((pc, c) => (pc && !structures.skipped(op, r, c) ? cellMark(writtenValue(pc, grid[r]?.[c], date1904), pc.formula) : null)),
    );
    record.cells.push({ sheet: op.sheet, row: op.row, col: op.col, cells, wrote });
  }
  for (const m of mixedFills) {
    if (untouched.has(m.r)) continue;
    untouched.add(m.r);
    // none of the range is coloured, so none of it needs restoring
    const within = (e: UndoRecord["fills"][number]) =>
      e.sheet === m.op.sheet && e.range.r1 >= m.r.r1 && e.range.r2 <= m.r.r2 && e.range.c1 >= m.r.c1 && e.range.c2 <= m.r.c2;
    for (let i = record.fills.length - 1; i >= 0; i--) if (within(record.fills[i])) record.fills.splice(i, 1);
    notice?.(`工作表“${m.op.sheet}”的 ${rangeA1(m.r)} 填充色、图案或加粗不一致（或只有部分文字加粗），本次不给它们标色，以免撤销时无法原样恢复`);
  }
  // Clearing conditional formats deletes the user's own rules, which undo could not give back
  // (excel-add-ins-conditional-formatting). A range that has rules the run did not put there
  // gets none of ours; a re-run replaces its own.
  const ownRules = (op: PlanOp) =>
    previous !== null &&
    layersOf(previous).some((l) =>
      l.conditionalFormats.some((c) => c.sheet.toLowerCase() === op.sheet.toLowerCase() && sameRange(c.range, (op as { range: CellRange }).range)),
    );
  for (const [op, count] of cfCounts) {
    if (count > 0 && !ownRules(op)) {
      untouched.add(op);
      notice?.(`工作表“${op.sheet}”的 ${rangeA1((op as { range: CellRange }).range)} 已有条件格式，本次不添加完成率颜色，以免清除您的规则`);
    }
  }
  for (const op of plan) {
    if (!onExisting(op) || untouched.has(op)) continue;
    if (op.kind === "conditionalFormat" && features.conditionalFormats) record.conditionalFormats.push({ sheet: op.sheet, range: op.range });
    if (op.kind === "listValidation" && features.dataValidation) record.validations.push({ sheet: op.sheet, range: op.range });
  }

  // (3) write
  // the undo record goes before anything it describes
  const units: WriteUnit[] = [...recordUnits(() => ctx, newRunId(at), record)];
  for (const op of addOps) {
    const existing = findSheet(list, op.sheet);
    if (existing) units.push(smallUnit(() => clearSheet(sheets.get(existing.name), features)));
    else {
      // New sheets go to the end: setting Worksheet.position to put one after `op.after` would
      // clear the user's Ctrl+Z history on Windows and Mac (excel-add-ins-undo-capabilities).
      units.push(
        onceUnit(() => {
          const ws = sheets.add(op.sheet);
          if (op.tabColor) ws.tabColor = op.tabColor;
        }),
      );
    }
    if (existing && op.tabColor) units.push(smallUnit(() => (sheets.get(op.sheet).tabColor = op.tabColor ?? "")));
  }
  const content: WriteUnit[] = bulkRuns.flatMap((op) => runWriteUnits(sheets.getter(op.sheet), op, session, features.autoFill));
  const after: WriteUnit[] = [];
  for (const op of cellOps) {
    const prior = priorGrids.get(op);
    // a sheet the run (re)creates is blank (or cleared) first: a blank cell there needs no write
    const fresh = !onExisting(op);
    const targets = op.cells.map((line, r) =>
      line.map((pc, c) => (pc && !structures.skipped(op, r, c) && !(fresh && isBlankWrite(pc)) ? planTarget(pc, prior?.[r]?.[c], date1904) : null)),
    );
    const w = cellWriteUnits(sheets.getter(op.sheet), op.row, op.col, targets);
    content.push(...w.before, ...w.content);
    after.push(...w.after);
  }
  // the earlier record (now stacked inside this one) and any leftovers go last
  units.push(...content, ...after, ...decorationUnits(sheets, plan, features, untouched), ...deleteUnits(() => ctx, partIds));
  // every batch suspends calculation, which leaves recalculating to the add-in
  // (learn.microsoft.com/javascript/api/excel/excel.application): once, with the last write
  units.push(smallUnit(() => ctx.application.calculate("Recalculate")));
  await writeUnits(
    ctx,
    units,
    budget,
    counter,
    () => ctx.application.suspendApiCalculationUntilNextSync(),
    (f) => progress?.(0.2 + f * 0.8),
  );
}

function isBlankWrite(pc: PlanCell): boolean {
  return (pc.value === null || pc.value === "") && !pc.formula && pc.numberFormat === undefined;
}

/** A run as a one-column block: Excel computes formula results itself, so only value runs read the snapshot. */
function runAsCellsOp(op: Extract<PlanOp, { kind: "columnRun" }>, sourceSheets: SheetLookup): CellsOp {
  const cells = runCells(op.formulaR1C1 === undefined ? op : { ...op, values: { kind: "list", values: [] } }, sourceSheets);
  return { kind: "cells", sheet: op.sheet, row: op.r1, col: op.col, cells: cells.map((c) => [c]), purpose: op.purpose };
}

function sameRange(a: CellRange, b: CellRange): boolean {
  return a.r1 === b.r1 && a.c1 === b.c1 && a.r2 === b.r2 && a.c2 === b.c2;
}

/**
 * A format the plan copies from a cell read through Office.js may be a built-in date in its en-US
 * form (OfficeDev/office-js#229): it is written as the zh-CN date format instead, or the copy
 * would show 11/30/2023 where the source shows 2023/11/30.
 */
function planTarget(pc: PlanCell, prior: PriorCell | undefined, date1904: boolean): TargetCell {
  const numberFormat = pc.numberFormat === undefined ? undefined : zhDateFormat(pc.numberFormat);
  return { value: writtenValue(pc, prior, date1904), formula: pc.formula, numberFormat, priorFormat: prior ? (prior[2] ?? null) : null };
}

/** in a 1904 workbook a date the core counted from 1900 goes in as the workbook's own serial */
function writtenValue(pc: PlanCell, prior: PriorCell | undefined, date1904: boolean): PlanCell["value"] {
  const format = pc.numberFormat ?? (prior ? (prior[2] ?? null) : null);
  return date1904 && typeof pc.value === "number" && isDateFormat(format) ? pc.value - DATE1904_OFFSET : pc.value;
}

/** sheets an earlier run created and this run reuses: keep all they hold, to refill on undo */
async function readReused(env: RunEnv, sheets: SheetProxies, reused: SheetInfo[], record: UndoRecord, plan: Plan): Promise<void> {
  const collectors: (() => void)[] = [];
  const used = reused.map((s) => {
    const ws = sheets.get(s.name);
    const r = ws.getUsedRangeOrNullObject(false);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    // what clearing the sheet and the plan's decorations change besides cells
    ws.load("tabColor");
    const loc = ws.freezePanes.getLocationOrNullObject();
    loc.load("address");
    collectors.push(() => {
      record.tabColors.push({ sheet: s.name, color: ws.tabColor });
      record.freezes.push({ sheet: s.name, before: loc.isNullObject ? null : stripSheet(loc.address) });
    });
    for (const op of plan) {
      if (op.kind !== "columnWidths" || op.sheet.toLowerCase() !== s.name.toLowerCase()) continue;
      for (const w of op.widths) {
        const fmt = columnRange(ws, w.col).format;
        fmt.load("columnWidth");
        collectors.push(() => record.widths.push({ sheet: s.name, col: w.col, width: fmt.columnWidth }));
      }
    }
    return r;
  });
  await syncOnce(env.ctx, env.counter);
  for (const c of collectors) c();
  if (env.features.mergedAreas) {
    const probes = reused.flatMap((s, i) => {
      const u = used[i];
      if (u.isNullObject) return [];
      const range = { r1: u.rowIndex, c1: u.columnIndex, r2: u.rowIndex + u.rowCount - 1, c2: u.columnIndex + u.columnCount - 1 };
      const areas = sheets.get(s.name).getRangeByIndexes(u.rowIndex, u.columnIndex, u.rowCount, u.columnCount).getMergedAreasOrNullObject();
      areas.load("address");
      return [{ sheet: s.name, range, areas }];
    });
    if (probes.length > 0) {
      await syncOnce(env.ctx, env.counter);
      for (const p of probes) if (!p.areas.isNullObject) record.merges.push({ sheet: p.sheet, range: p.range, before: parseAreas(p.areas.address) });
    }
  }
  const requests: ReadRequest[] = [];
  reused.forEach((s, i) => {
    const u = used[i];
    if (u.isNullObject) {
      record.reused.push({ sheet: s.name, block: null });
      return;
    }
    const block: PriorBlock = { row: u.rowIndex, col: u.columnIndex, cells: [] };
    record.reused.push({ sheet: s.name, block });
    requests.push({
      sheet: sheets.getter(s.name),
      row: u.rowIndex,
      col: u.columnIndex,
      rows: u.rowCount,
      cols: u.columnCount,
      props: ["values", "formulas", "numberFormat"],
      sink: (row, data) =>
        data.values?.forEach((line, r) => {
          // the sheet is cleared before refilling, so blank General cells need no write
          block.cells[row - u.rowIndex + r] = line.map((v, c) => {
            const p = priorCell(v, data.formulas?.[r]?.[c], data.numberFormat?.[r]?.[c]);
            return p && p.length === 1 && p[0] === null ? null : p;
          });
        }),
    });
  });
  await readBlocks(env.ctx, requests, env.budget, env.counter);
}

/** fills, merges, widths, panes, conditional formats and validation, after all cell content */
function decorationUnits(sheets: SheetProxies, plan: Plan, features: Features, untouched: Set<object>): WriteUnit[] {
  const units: WriteUnit[] = [];
  for (const op of plan) {
    if (untouched.has(op)) continue;
    const ws = sheets.getter(op.sheet);
    switch (op.kind) {
      case "fill":
        for (const r of op.ranges) {
          if (untouched.has(r)) continue;
          units.push(
            smallUnit(() => {
              const range = rangeProxy(ws(), r);
              range.format.fill.color = FILL_COLORS[op.role];
              if (BOLD_ROLES.has(op.role)) range.format.font.bold = true;
            }),
          );
        }
        break;
      case "merge":
        units.push(smallUnit(() => rangeProxy(ws(), op.range).merge(false)));
        break;
      case "columnWidths":
        for (const w of op.widths) units.push(smallUnit(() => (columnRange(ws(), w.col).format.columnWidth = charsToPoints(w.width))));
        break;
      case "freeze":
        units.push(smallUnit(() => freeze(ws(), op.rows, op.cols)));
        break;
      case "conditionalFormat":
        if (!features.conditionalFormats) break;
        units.push(
          smallUnit(() => {
            const range = rangeProxy(ws(), op.range);
            // replace, not stack: a re-run must leave the same rules as a first run
            range.conditionalFormats.clearAll();
            for (const rule of op.rules) {
              const cf = range.conditionalFormats.add("CellValue");
              cf.cellValue.format.fill.color = RULE_COLORS[rule.role].fill;
              cf.cellValue.format.font.color = RULE_COLORS[rule.role].font;
              cf.cellValue.rule = {
                formula1: rule.formula1,
                ...(rule.formula2 !== undefined ? { formula2: rule.formula2 } : {}),
                operator: RULE_OPERATORS[rule.operator],
              };
            }
          }, 400),
        );
        break;
      case "listValidation":
        if (!features.dataValidation) break;
        units.push(
          smallUnit(
            () => {
              const dv = rangeProxy(ws(), op.range).dataValidation;
              dv.clear();
              dv.rule = { list: { inCellDropDown: true, source: op.items.join(",") } };
            },
            200 + op.items.join(",").length * 3,
          ),
        );
        break;
      default:
        break;
    }
  }
  return units;
}
