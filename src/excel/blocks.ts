import { HostError } from "../taskpane/host";
import { isPayloadError } from "./errors";
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

/** loads queued alongside the first sync of a phase; `collect` runs once that sync succeeded */
export type Rider = () => () => void;

export interface SyncCounter {
  syncs: number;
}

/** the mutable part of a budget: halved for the rest of the run when Excel rejects a size */
export class LiveBudget {
  requestBytes: number;
  responseBytes: number;
  blockBytes: number;
  bytesPerReadCell: number;
  /** whether a response has shown the real size per cell yet */
  learnt = false;
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

function perCell(req: ReadRequest, budget: LiveBudget): number {
  return req.bytesPerCell ?? (budget.bytesPerReadCell * req.props.length) / 3;
}

/** rows of a piece that fit in `bytes` (at least 1), within Excel's cells-per-read limit */
function rowsFitting(p: Piece, bytes: number, budget: LiveBudget): number {
  const rowBytes = Math.max(1, p.req.cols * perCell(p.req, budget));
  const byBytes = Math.floor((bytes - OP_OVERHEAD_BYTES) / rowBytes);
  return Math.max(1, Math.min(p.rows, byBytes, Math.floor(MAX_CELLS_PER_READ / Math.max(1, p.req.cols))));
}

function pieceBytes(p: Piece, budget: LiveBudget): number {
  return p.rows * p.req.cols * perCell(p.req, budget) + OP_OVERHEAD_BYTES;
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
 * rows. When Excel refuses a size, the budget is halved and the same blocks are asked again in
 * smaller pieces; a `null` values result (Excel's other way of refusing) splits that block.
 */
export async function readBlocks(
  ctx: Excel.RequestContext,
  requests: ReadRequest[],
  budget: LiveBudget,
  counter: SyncCounter,
  rider?: Rider,
  progress?: (fraction: number) => void,
): Promise<void> {
  let queue: Piece[] = requests.filter((r) => r.rows > 0 && r.cols > 0).map((req) => ({ req, row: req.row, rows: req.rows }));
  const total = queue.reduce((n, p) => n + p.rows * p.req.cols, 0) || 1;
  let done = 0;
  let pendingRider = rider;
  if (queue.length === 0 && pendingRider) {
    const collect = pendingRider();
    await syncOnce(ctx, counter);
    collect();
    return;
  }
  while (queue.length > 0) {
    const group: Piece[] = [];
    let est = 0;
    // pieces are carved as the group fills, with the size per cell learnt so far, so each
    // sync goes out full; no piece is larger than a block, so a refusal costs little
    while (queue.length > 0) {
      const p = queue[0];
      // until a response has taught the real size per cell, one block only: a wrong guess
      // then costs a smaller sync instead of a refused one
      const limit =
        budget.learnt || (group.every((g) => g.req.bytesPerCell !== undefined) && p.req.bytesPerCell !== undefined) ? budget.responseBytes : budget.blockBytes;
      const room = Math.min(limit - est, budget.blockBytes);
      if (group.length > 0 && room < MIN_CARVE) break;
      const e = pieceBytes(p, budget);
      if (e <= room) {
        group.push(p);
        est += e;
        queue.shift();
        continue;
      }
      const n = rowsFitting(p, room, budget);
      if (n >= p.rows) {
        group.push(p);
        est += e;
        queue.shift();
        continue;
      }
      if (group.length > 0 && pieceBytes({ ...p, rows: n }, budget) > room) break;
      const head = { req: p.req, row: p.row, rows: n };
      group.push(head);
      est += pieceBytes(head, budget);
      queue[0] = { req: p.req, row: p.row + n, rows: p.rows - n };
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
      if (!isPayloadError(e)) throw e;
      if (group.length === 1 && group[0].rows === 1) throw e;
      budget.halve();
      queue = [...group.flatMap((p) => (p.rows > 1 ? halves(p) : [p])), ...queue];
      continue;
    }
    if (collect) collect();
    pendingRider = undefined;
    let bytes = 0;
    let cells = 0;
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
        bytes += m.bytes;
        cells += m.rows * p.req.cols;
      }
      p.req.sink(p.row, data);
      done += p.rows * p.req.cols;
    });
    // learn the real size per cell so later groups are neither too timid nor too bold
    if (cells > 0) {
      budget.bytesPerReadCell = Math.max(8, Math.ceil((bytes / cells) * 1.05));
      budget.learnt = true;
    }
    queue = [...retry, ...queue];
    progress?.(Math.min(1, done / total));
  }
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

export async function syncOnce(ctx: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs++;
  await ctx.sync();
}

/** One replayable piece of a write: carved to fit a batch, or split if Excel refuses the size. */
export interface WriteUnit {
  bytes: number;
  queue(): void;
  /** leading part of at most `bytes` and the rest, or null when nothing smaller is possible */
  take?(bytes: number): [WriteUnit, WriteUnit] | null;
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
      // a refused request executed nothing, so the same units can go again in smaller batches
      if (!isPayloadError(e)) throw e;
      if (group.length === 1 && !(group[0].take && group[0].take(Math.floor(group[0].bytes / 2)))) throw e;
      budget.halve();
      queue.unshift(...group);
      continue;
    }
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
  prop: "values" | "formulas" | "numberFormat",
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
