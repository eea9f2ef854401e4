import { HostError } from "../taskpane/host";
import { isPayloadError } from "./errors";
import { type Budget, MAX_CELLS_PER_READ, OP_OVERHEAD_BYTES, jsonBytes } from "./limits";

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

function cut(p: Piece, budget: LiveBudget): Piece[] {
  const rowBytes = Math.max(1, p.req.cols * perCell(p.req, budget));
  const maxRows = Math.max(1, Math.min(Math.floor(budget.blockBytes / rowBytes), Math.floor(MAX_CELLS_PER_READ / Math.max(1, p.req.cols))));
  const out: Piece[] = [];
  for (let r = 0; r < p.rows; r += maxRows) out.push({ req: p.req, row: p.row + r, rows: Math.min(maxRows, p.rows - r) });
  return out;
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
  let queue: Piece[] = requests.filter((r) => r.rows > 0 && r.cols > 0).flatMap((req) => cut({ req, row: req.row, rows: req.rows }, budget));
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
    while (queue.length > 0) {
      const p = queue[0];
      const e = p.rows * p.req.cols * perCell(p.req, budget) + OP_OVERHEAD_BYTES;
      if (group.length > 0 && est + e > budget.responseBytes) break;
      group.push(p);
      est += e;
      queue.shift();
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
        bytes += jsonBytes(data);
        cells += p.rows * p.req.cols;
      }
      p.req.sink(p.row, data);
      done += p.rows * p.req.cols;
    });
    // learn the real size per cell so later groups are neither too timid nor too bold
    if (cells > 0) budget.bytesPerReadCell = Math.max(8, Math.ceil((bytes / cells) * 1.15));
    queue = [...retry, ...queue];
    progress?.(Math.min(1, done / total));
  }
}

export async function syncOnce(ctx: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs++;
  await ctx.sync();
}

/** One replayable piece of a write: queued again (possibly split) if Excel refuses the size. */
export interface WriteUnit {
  bytes: number;
  queue(): void;
  split?(): WriteUnit[];
}

/**
 * Send writes in as few syncs as the request budget allows. `beforeBatch` runs at the start of
 * every batch (calculation suspension lasts only until the next sync).
 */
export async function writeUnits(
  ctx: Excel.RequestContext,
  units: WriteUnit[],
  budget: LiveBudget,
  counter: SyncCounter,
  beforeBatch: () => void,
  progress?: (fraction: number) => void,
): Promise<void> {
  const fit = (u: WriteUnit): WriteUnit[] => (u.bytes > budget.blockBytes && u.split ? u.split().flatMap(fit) : [u]);
  let queue = units.flatMap(fit);
  const total = queue.reduce((n, u) => n + u.bytes, 0) || 1;
  let done = 0;
  while (queue.length > 0) {
    const group: WriteUnit[] = [];
    let est = 0;
    while (queue.length > 0) {
      const u = queue[0];
      if (group.length > 0 && est + u.bytes > budget.requestBytes) break;
      group.push(u);
      est += u.bytes;
      queue.shift();
    }
    beforeBatch();
    for (const u of group) u.queue();
    try {
      await syncOnce(ctx, counter);
    } catch (e) {
      // a refused request executed nothing, so the same units can be sent again, smaller
      if (!isPayloadError(e)) throw e;
      if (group.length === 1 && !group[0].split) throw e;
      budget.halve();
      queue = [...group.flatMap((u) => (u.split && u.bytes > 1 ? u.split() : [u])).flatMap(fit), ...queue];
      continue;
    }
    done += est;
    progress?.(Math.min(1, done / total));
  }
}

/** a 2D property write split by rows on demand */
export function gridUnit(
  sheet: () => Excel.Worksheet,
  prop: "values" | "formulas" | "numberFormat",
  row: number,
  col: number,
  grid: unknown[][],
): WriteUnit {
  const bytes = jsonBytes(grid) + OP_OVERHEAD_BYTES;
  return {
    bytes,
    queue() {
      const range = sheet().getRangeByIndexes(row, col, grid.length, grid[0].length);
      (range as unknown as Record<string, unknown>)[prop] = grid;
    },
    split:
      grid.length > 1
        ? () => {
            const a = Math.ceil(grid.length / 2);
            return [gridUnit(sheet, prop, row, col, grid.slice(0, a)), gridUnit(sheet, prop, row + a, col, grid.slice(a))];
          }
        : undefined,
  };
}

export function smallUnit(queue: () => void, bytes = OP_OVERHEAD_BYTES): WriteUnit {
  return { bytes, queue };
}
