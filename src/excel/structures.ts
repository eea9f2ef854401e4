import type { CellRange, PlanOp } from "../core/types";
import { columnLetters } from "../core/a1";
import { parseAreas } from "./address";
import { type SyncCounter, syncOnce } from "./blocks";
import type { Features } from "./features";
import { rangeProxy } from "./sheetOps";

type CellsOp = Extract<PlanOp, { kind: "cells" }>;

/** above this many cells an op's spill state is not probed cell by cell */
const MAX_SPILL_PROBE_CELLS = 2_000;

interface Probe {
  op: CellsOp;
  ws: () => Excel.Worksheet;
  rect: CellRange;
  tables?: Excel.TableScopedCollection;
  spill?: Excel.Range;
}

/**
 * Structures in the user's sheets that a plain write would damage, found before writing:
 *
 * - **Spills.** Writing into a dynamic array's spill range turns its formula into #SPILL!
 *   (OfficeDev/office-js#6176 for arrays; `Range.hasSpill`, ExcelApi 1.12). Such cells are not
 *   written; a notice names them.
 * - **Tables.** Table AutoCorrect also applies to API writes (OfficeDev/office-js#6745): a value
 *   written right of a table's last column or right below its last row grows the table, and
 *   clearing that cell on undo does not shrink it back. Cells touching a table from outside are
 *   not written (a header the plan adds to a roster that is a table, say); cells inside a table are
 *   its own cells and are written as usual. (`Range.getTables`, ExcelApi 1.9.)
 *
 * One load per op rides along with the first sync; a second sync is needed only when some op
 * touches a table or a spill.
 */
export class StructureProbe {
  private readonly probes: Probe[] = [];
  private readonly skip = new Map<CellsOp, Set<string>>();
  private readonly notes: string[] = [];

  constructor(private readonly features: Features) {}

  /** forget what was queued (the sync carrying it is being sent again) */
  reset(): void {
    this.probes.length = 0;
  }

  /** queue the first look at an op on an existing sheet */
  queue(op: CellsOp, ws: () => Excel.Worksheet): void {
    const rows = op.cells.length;
    const cols = op.cells.reduce((w, line) => Math.max(w, line.length), 0);
    if (rows === 0 || cols === 0) return;
    const rect = { r1: op.row, c1: op.col, r2: op.row + rows - 1, c2: op.col + cols - 1 };
    const probe: Probe = { op, ws, rect };
    if (this.features.tables) {
      // one row and column around the op, to catch a table the writes would touch from outside
      const box = { r1: Math.max(0, rect.r1 - 1), c1: Math.max(0, rect.c1 - 1), r2: rect.r2 + 1, c2: rect.c2 + 1 };
      probe.tables = rangeProxy(ws(), box).getTables(false);
      probe.tables.load("items/name");
    }
    if (this.features.spills) {
      probe.spill = rangeProxy(ws(), rect);
      probe.spill.load("hasSpill");
    }
    this.probes.push(probe);
  }

  /** after the first sync: look closer where needed (one sync at most), then decide */
  async resolve(ctx: Excel.RequestContext, counter: SyncCounter): Promise<void> {
    const tableRanges: { probe: Probe; name: string; range: Excel.Range }[] = [];
    const cellSpills: { probe: Probe; r: number; c: number; range: Excel.Range }[] = [];
    for (const p of this.probes) {
      for (const t of p.tables?.items ?? []) {
        const range = p.ws().tables.getItem(t.name).getRange();
        range.load("address");
        tableRanges.push({ probe: p, name: t.name, range });
      }
      const has = p.spill ? p.spill.hasSpill : false;
      if (has === true) this.mark(p, () => true, "spill");
      else if (has === null) {
        if ((p.rect.r2 - p.rect.r1 + 1) * (p.rect.c2 - p.rect.c1 + 1) > MAX_SPILL_PROBE_CELLS) continue;
        p.op.cells.forEach((line, r) =>
          line.forEach((pc, c) => {
            if (!pc) return;
            const range = p.ws().getRangeByIndexes(p.op.row + r, p.op.col + c, 1, 1);
            range.load("hasSpill");
            cellSpills.push({ probe: p, r, c, range });
          }),
        );
      }
    }
    if (tableRanges.length === 0 && cellSpills.length === 0) return;
    await syncOnce(ctx, counter);
    for (const s of cellSpills) if (s.range.hasSpill) this.mark(s.probe, (r, c) => r === s.r && c === s.c, "spill");
    for (const t of tableRanges) {
      const [area] = parseAreas(t.range.address);
      if (!area) continue;
      this.mark(t.probe, (r, c) => touchesFromOutside(t.probe.op.row + r, t.probe.op.col + c, area), `table:${t.name}`);
    }
  }

  private mark(p: Probe, hit: (r: number, c: number) => boolean, why: string): void {
    const set = this.skip.get(p.op) ?? new Set<string>();
    const cells: string[] = [];
    p.op.cells.forEach((line, r) =>
      line.forEach((pc, c) => {
        if (!pc || !hit(r, c) || set.has(`${r},${c}`)) return;
        set.add(`${r},${c}`);
        cells.push(`${columnLetters(p.op.col + c)}${p.op.row + r + 1}`);
      }),
    );
    if (cells.length === 0) return;
    this.skip.set(p.op, set);
    const list = cells.length > 5 ? `${cells.slice(0, 5).join("、")} 等 ${cells.length} 个单元格` : cells.join("、");
    this.notes.push(
      why === "spill"
        ? `工作表“${p.op.sheet}”的 ${list} 在动态数组公式的溢出区域内，写入会让公式变成 #SPILL!，本次未写入`
        : `工作表“${p.op.sheet}”的 ${list} 紧挨着 Excel 表格“${why.slice(6)}”，写入会让表格自动扩大、撤销后无法原样恢复，本次未写入`,
    );
  }

  /** whether the plan cell at (r, c) of the op (relative) must be left alone */
  skipped(op: CellsOp, r: number, c: number): boolean {
    return this.skip.get(op)?.has(`${r},${c}`) ?? false;
  }

  notices(): string[] {
    return this.notes;
  }
}

/** right of the last column within its rows, or below the last row within its columns */
function touchesFromOutside(row: number, col: number, t: CellRange): boolean {
  const right = col === t.c2 + 1 && row >= t.r1 && row <= t.r2;
  const below = row === t.r2 + 1 && col >= t.c1 && col <= t.c2;
  return right || below;
}
