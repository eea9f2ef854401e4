import { HostError } from "../taskpane/host";
import { isPayloadError, officeErrorCode } from "./errors";
import { type Budget, MAX_CELLS_PER_READ, OP_OVERHEAD_BYTES, jsonBytes } from "./limits";

/** smallest carve worth adding to a batch: below this a piece waits for the next one */
const MIN_CARVE = 64 * 1024;

export type CellProp = "values" | "formulas" | "numberFormat";
export type Grid = unknown[][];
export type BlockData = Partial<Record<CellProp, Grid>>;

/** One rectangle to read. The reader may cut it into row pieces; `sink` gets each piece. */
export interface ReadRequest {
  sheet: () => Excel.Worksheet;
  row: number;
  col: number;
  rows: number;
  cols: number;
  props: CellProp[];
  /** estimate of the JSON size of one cell of this request (all props together) */
  bytesPerCell?: number;
  sink(row: number, data: BlockData): void;
}

interface Piece {
  req: ReadRequest;
  row: number;
  rows: number;
}

/**
 * Loads queued alongside the first sync of a phase; `collect` runs once that sync succeeded.
 * A rider with `failed` is optional: when that sync fails and `failed(error)` owns up to it, the
 * sync goes again without the rider (merged areas: see mergedAreas.ts).
 */
export type Rider = (() => () => void) & { failed?: (e: unknown) => boolean };

export interface SyncCounter {
  syncs: number;
  /** a sync that has not answered after this long ends the run (HostError "timeout"); 0 = never */
  timeoutMs?: number;
  /** called once per sync that has waited SLOW_SYNC_MS (Excel holds a batch while a cell is edited) */
  onSlow?: () => void;
  /** called when a slow sync finally answers */
  onResumed?: () => void;
}

/** after this long a waiting batch is most likely held by cell-edit mode (delayForCellEdit) */
export const SLOW_SYNC_MS = 2_000;

/** the mutable part of a budget: halved for the rest of the run when Excel rejects a size */
export class LiveBudget {
  requestBytes: number;
  responseBytes: number;
  blockBytes: number;
  /** first guess of a cell's JSON size (values + formulas + numberFormat) for a sheet not yet seen */
  bytesPerReadCell: number;
  constructor(b: Budget) {
    this.requestBytes = b.requestBytes;
    this.responseBytes = b.responseBytes;
    this.blockBytes = b.blockBytes;
    this.bytesPerReadCell = b.bytesPerReadCell;
  }
  halve(): void {
    this.requestBytes = Math.max(1, Math.floor(this.requestBytes / 2));
    this.responseBytes = Math.max(1, Math.floor(this.responseBytes / 2));
    this.blockBytes = Math.max(1, Math.floor(this.blockBytes / 2));
  }
}

/**
 * Reading a rectangle not yet seen starts with a probe: a piece of at most PROBE_BYTES at the
 * first guess, counted at UNSEEN_WEIGHT times that in its sync, because a sheet of long texts
 * or formulas can weigh three times the guess. Its response then gives that rectangle's real size
 * per cell (+5 %), and the rest of it is packed full.
 */
const PROBE_BYTES = 1_000_000;
export const UNSEEN_WEIGHT = 2.5;

interface Estimate {
  perCell: number;
  seen: boolean;
}

function halves(p: Piece): Piece[] {
  const a = Math.ceil(p.rows / 2);
  return [
    { req: p.req, row: p.row, rows: a },
    { req: p.req, row: p.row + a, rows: p.rows - a },
  ];
}

/**
 * Read rectangles in row blocks, as many blocks per `context.sync` as the response estimate
 * allows, so the number of syncs follows the bytes moved rather than the number of sheets or
 * rows. When Excel refuses a size, the same blocks are asked again in smaller pieces (a probe
 * that was refused means the guess was low; anything else halves the budget); a `null` values
 * result (Excel's other way of refusing) splits that block.
 */
export async function readBlocks(
  ctx: Excel.RequestContext,
  requests: ReadRequest[],
  budget: LiveBudget,
  counter: SyncCounter,
  rider?: Rider,
  progress?: (fraction: number) => void,
): Promise<void> {
  const live = requests.filter((r) => r.rows > 0 && r.cols > 0);
  const estimates = new Map<ReadRequest, Estimate>(
    live.map((r) => [
      r,
      r.bytesPerCell !== undefined ? { perCell: r.bytesPerCell, seen: true } : { perCell: (budget.bytesPerReadCell * r.props.length) / 3, seen: false },
    ]),
  );
  const est = (p: Piece) => estimates.get(p.req) as Estimate;
  const bytesOf = (p: Piece, rows = p.rows) => rows * p.req.cols * est(p).perCell + OP_OVERHEAD_BYTES;
  const weightOf = (p: Piece, rows = p.rows) => bytesOf(p, rows) * (est(p).seen ? 1 : UNSEEN_WEIGHT);
  const maxRowsFor = (p: Piece, bytes: number) =>
    Math.min(p.rows, Math.floor((bytes - OP_OVERHEAD_BYTES) / Math.max(1, p.req.cols * est(p).perCell)), Math.floor(MAX_CELLS_PER_READ / p.req.cols));

  let queue: Piece[] = live.map((req) => ({ req, row: req.row, rows: req.rows }));
  const total = queue.reduce((n, p) => n + p.rows * p.req.cols, 0) || 1;
  let done = 0;
  let pendingRider = rider;
  if (queue.length === 0 && pendingRider) {
    const collect = pendingRider();
    try {
      await syncOnce(ctx, counter);
    } catch (e) {
      if (pendingRider.failed?.(e)) return;
      throw e;
    }
    collect();
    return;
  }
  while (queue.length > 0) {
    const group: Piece[] = [];
    let weight = 0;
    // pieces are carved as the group fills, so each sync goes out full; no piece is larger
    // than a block (or a probe), so a refusal costs little
    const probed = new Set<ReadRequest>();
    let i = 0;
    while (i < queue.length) {
      const p = queue[i];
      const seen = est(p).seen;
      // an unseen rectangle is probed once per sync; the rest of it waits for its real size
      if (!seen && probed.has(p.req)) {
        i++;
        continue;
      }
      const room = budget.responseBytes - weight;
      const cap = seen ? Math.min(room, budget.blockBytes) : Math.min(room / UNSEEN_WEIGHT, PROBE_BYTES, budget.blockBytes);
      const rows = Math.max(1, maxRowsFor(p, cap));
      if (group.length > 0 && (cap < MIN_CARVE || weightOf(p, rows) > room)) {
        if (seen) break;
        i++;
        continue;
      }
      const head = rows >= p.rows ? p : { req: p.req, row: p.row, rows };
      group.push(head);
      weight += weightOf(head);
      if (head === p) queue.splice(i, 1);
      else {
        queue[i] = { req: p.req, row: p.row + rows, rows: p.rows - rows };
        // a seen remainder may fill the rest of this sync; an unseen one waits for its size
        if (!seen) {
          probed.add(p.req);
          i++;
        }
      }
    }
    const collect = pendingRider?.();
    const ranges = group.map((p) => {
      const range = p.req.sheet().getRangeByIndexes(p.row, p.req.col, p.rows, p.req.cols);
      range.load(p.req.props);
      return range;
    });
    try {
      await syncOnce(ctx, counter);
    } catch (e) {
      if (collect && pendingRider?.failed?.(e)) {
        // the optional rider took the blame: the same pieces go again without it
        pendingRider = undefined;
        queue = [...group, ...queue];
        continue;
      }
      if (!isPayloadError(e)) throw e;
      if (group.length === 1 && group[0].rows === 1) throw e;
      const unseen = group.filter((p) => !est(p).seen);
      if (unseen.length > 0) for (const p of unseen) est(p).perCell *= 3;
      else budget.halve();
      queue = [...group.flatMap((p) => (p.rows > 1 ? halves(p) : [p])), ...queue];
      continue;
    }
    if (collect) collect();
    pendingRider = undefined;
    const measured = new Map<ReadRequest, { bytes: number; cells: number }>();
    const retry: Piece[] = [];
    group.forEach((p, i) => {
      const range = ranges[i];
      const data: BlockData = {};
      for (const prop of p.req.props) data[prop] = range[prop] as Grid | null as Grid;
      if (p.req.props.some((prop) => data[prop] == null)) {
        if (p.rows === 1) throw new HostError("payload-too-large", "Excel 拒绝读取这一行（单元格太多），无法处理");
        retry.push(...halves(p));
        return;
      }
      if (p.req.bytesPerCell === undefined) {
        const m = sampledBytes(data, p.rows);
        const acc = measured.get(p.req) ?? { bytes: 0, cells: 0 };
        acc.bytes += m.bytes;
        acc.cells += m.rows * p.req.cols;
        measured.set(p.req, acc);
      }
      p.req.sink(p.row, data);
      done += p.rows * p.req.cols;
    });
    // each rectangle's real size per cell, so later groups are neither too timid nor too bold
    for (const [req, m] of measured) {
      if (m.cells > 0) estimates.set(req, { perCell: Math.max(4, (m.bytes / m.cells) * 1.05), seen: true });
    }
    queue = [...retry, ...queue];
    progress?.(Math.min(1, done / total));
  }
}

/** a rectangle's JSON size per cell, learnt from a block read of it (+5 %, as readBlocks does) */
export function bytesPerCellOf(data: BlockData, rows: number, cols: number): number {
  const m = sampledBytes(data, rows);
  return Math.max(4, (m.bytes / Math.max(1, m.rows * cols)) * 1.05);
}

/** JSON size of up to ~200 evenly spread rows of a block: enough to learn the size per cell */
function sampledBytes(data: BlockData, rows: number): { bytes: number; rows: number } {
  const step = Math.max(1, Math.floor(rows / 200));
  let bytes = 0;
  let n = 0;
  for (let r = 0; r < rows; r += step) {
    for (const grid of Object.values(data)) if (grid) bytes += jsonBytes(grid[r]) + 1;
    n++;
  }
  return { bytes, rows: n };
}

/**
 * One context.sync, counted. context.sync() has no timeout of its own and has been seen to hang
 * (github.com/OfficeDev/office-js/issues/6678): after `timeoutMs` the run ends with a plain
 * message instead of a spinner forever. A sync still waiting after SLOW_SYNC_MS is reported, so
 * the pane can say it waits for the user to leave cell-edit mode.
 */
export async function syncOnce(ctx: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs++;
  const { timeoutMs, onSlow, onResumed } = counter;
  if (!timeoutMs && !onSlow) {
    await ctx.sync();
    return;
  }
  let slow: ReturnType<typeof setTimeout> | undefined;
  let limit: ReturnType<typeof setTimeout> | undefined;
  let wasSlow = false;
  try {
    await Promise.race([
      ctx.sync(),
      new Promise<never>((_, reject) => {
        if (onSlow)
          slow = setTimeout(() => {
            wasSlow = true;
            onSlow();
          }, SLOW_SYNC_MS);
        if (timeoutMs) limit = setTimeout(() => reject(new HostError("timeout", timeoutMessage(timeoutMs))), timeoutMs);
      }),
    ]);
  } finally {
    if (slow !== undefined) clearTimeout(slow);
    if (limit !== undefined) clearTimeout(limit);
    if (wasSlow) onResumed?.();
  }
}

export function timeoutMessage(ms: number): string {
  return `Excel 在 ${Math.round(ms / 1000)} 秒内没有响应，本次运行已停止。如已写入部分结果，可点“撤销上次运行”恢复`;
}

/** One replayable piece of a write: carved to fit a batch, or split if Excel refuses the size. */
export interface WriteUnit {
  bytes: number;
  /** not idempotent (adding, deleting, hiding a sheet): a batch holding it is never sent twice */
  once?: boolean;
  queue(): void;
  /** leading part of at most `bytes` and the rest, or null when nothing smaller is possible */
  take?(bytes: number): [WriteUnit, WriteUnit] | null;
  /**
   * A write Excel may refuse although it is well-formed (a scalar assigned to a range, autoFill:
   * runWrites.ts). If a batch holding it fails, the batch goes again with `units()` in its place,
   * and `rejected()` tells the session. Cleared once a batch holding it has succeeded.
   */
  fallback?: { units(): WriteUnit[]; rejected(): void; api: RegExp };
}

/** OfficeExtension.Error.debugInfo.errorLocation: "the object type and property or method name … if available" */
function errorLocation(e: unknown): string | undefined {
  const info = e && typeof e === "object" ? (e as { debugInfo?: { errorLocation?: unknown } }).debugInfo : undefined;
  return typeof info?.errorLocation === "string" && info.errorLocation !== "" ? info.errorLocation : undefined;
}

/** errors that are not a refused write's fault: the batch would fail without it too */
function notWriteFault(e: unknown): boolean {
  if (e instanceof HostError || isPayloadError(e)) return true;
  const code = officeErrorCode(e);
  return code === "InvalidOperationInCellEditMode" || code === "AccessDenied" || code === "ItemNotFound" || code === "ItemAlreadyExists";
}

/**
 * Send writes in as few syncs as the request budget allows: units are packed in order and a
 * large one is carved by rows to fill what is left of a batch, so a batch goes out only when
 * it is full. `beforeBatch` runs at the start of every batch (calculation suspension lasts
 * only until the next sync).
 */
export async function writeUnits(
  ctx: Excel.RequestContext,
  units: WriteUnit[],
  budget: LiveBudget,
  counter: SyncCounter,
  beforeBatch: () => void,
  progress?: (fraction: number) => void,
): Promise<void> {
  const queue = [...units];
  const total = queue.reduce((n, u) => n + u.bytes, 0) || 1;
  let done = 0;
  const retried = new Set<WriteUnit>();
  while (queue.length > 0) {
    const group: WriteUnit[] = [];
    let est = 0;
    while (queue.length > 0) {
      const u = queue[0];
      const room = budget.requestBytes - est;
      if (u.bytes <= room) {
        group.push(u);
        est += u.bytes;
        queue.shift();
        continue;
      }
      if (u.take && (group.length === 0 || room >= MIN_CARVE)) {
        const parts = u.take(room);
        if (parts) {
          group.push(parts[0]);
          est += parts[0].bytes;
          queue[0] = parts[1];
          break;
        }
      }
      // a unit that cannot be carved still goes out, alone
      if (group.length === 0) {
        group.push(u);
        est += u.bytes;
        queue.shift();
      }
      break;
    }
    beforeBatch();
    for (const u of group) u.queue();
    try {
      await syncOnce(ctx, counter);
    } catch (e) {
      // the units Excel may have refused: those the error names (debugInfo.errorLocation,
      // learn.microsoft.com/javascript/api/office/officeextension.debuginfo), or every one of them
      const where = errorLocation(e);
      const named = group.filter((u) => u.fallback && (where === undefined || u.fallback.api.test(where)));
      if (named.length > 0 && !notWriteFault(e)) {
        // Excel runs a batch's operations in order and stops at the failing one, so the
        // non-repeatable units before the first risky one have run and are not sent again;
        // everything else is idempotent and goes again, the refused units as their fallbacks
        const first = group.findIndex((u) => u.fallback);
        const again = group.flatMap((u, i) => (named.includes(u) && u.fallback ? u.fallback.units() : u.once && i < first ? [] : [u]));
        for (const u of named) u.fallback?.rejected();
        queue.unshift(...again);
        continue;
      }
      if (officeErrorCode(e) === "GeneralException" && !group.some((u) => u.once || retried.has(u))) {
        // Large batches on the web fail as "internal error" (OfficeDev/office-js#1314,
        // office-js-docs-reference#354), possibly after some of their writes landed. Grid writes
        // are idempotent, so the batch goes once more, in halves; a second failure ends the run.
        budget.halve();
        budget.requestBytes = Math.max(1, Math.min(budget.requestBytes, Math.floor(est / 2)));
        const parts = group.flatMap((u) => u.take?.(Math.floor(u.bytes / 2)) ?? [u]);
        for (const p of parts) retried.add(p);
        queue.unshift(...parts);
        continue;
      }
      // a refused request executed nothing, so the same units can go again in smaller batches
      if (!isPayloadError(e)) throw e;
      if (group.length === 1 && !(group[0].take && group[0].take(Math.floor(group[0].bytes / 2)))) throw e;
      budget.halve();
      queue.unshift(...group);
      continue;
    }
    for (const u of group) delete u.fallback;
    done += est;
    progress?.(Math.min(1, done / total));
  }
}

function rowSizes(grid: unknown[][]): number[] {
  return grid.map((line) => jsonBytes(line) + 1);
}

/** a 2D property write that can be carved by rows */
export function gridUnit(
  sheet: () => Excel.Worksheet,
  prop: "values" | "formulas" | "formulasR1C1" | "numberFormat",
  row: number,
  col: number,
  grid: unknown[][],
  sizes: number[] = rowSizes(grid),
): WriteUnit {
  const bytes = sizes.reduce((n, b) => n + b, 1) + OP_OVERHEAD_BYTES;
  return {
    bytes,
    queue() {
      const range = sheet().getRangeByIndexes(row, col, grid.length, grid[0].length);
      (range as unknown as Record<string, unknown>)[prop] = grid;
    },
    take(max) {
      let n = 0;
      let used = 1 + OP_OVERHEAD_BYTES;
      while (n < grid.length - 1 && used + sizes[n] <= max) used += sizes[n++];
      if (n === 0) return null;
      return [gridUnit(sheet, prop, row, col, grid.slice(0, n), sizes.slice(0, n)), gridUnit(sheet, prop, row + n, col, grid.slice(n), sizes.slice(n))];
    },
  };
}

export function smallUnit(queue: () => void, bytes = OP_OVERHEAD_BYTES): WriteUnit {
  return { bytes, queue };
}

/** a unit that must never be sent twice (sheet add, delete, visibility) */
export function onceUnit(queue: () => void, bytes = OP_OVERHEAD_BYTES): WriteUnit {
  return { bytes, queue, once: true };
}
