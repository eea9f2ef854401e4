import type { CellRange, Finding, FindingCode, PlanOp } from "../core/types";
import { finding } from "../core/findings";
import { parseAreas } from "./address";
import { type SyncCounter, syncOnce } from "./blocks";
import type { Features } from "./features";
import { rangeProxy } from "./sheetOps";

type CellsOp = Extract<PlanOp, { kind: "cells" }>;

/** above this many cells an op's spill state is not probed cell by cell */
const MAX_SPILL_PROBE_CELLS = 2_000;
/** above this many cells (the op's range grown by one cell all round) arrays are not looked for */
const MAX_ARRAY_PROBE_CELLS = 20_000;

interface Probe {
  op: CellsOp;
  ws: () => Excel.Worksheet;
  rect: CellRange;
  tables?: Excel.TableScopedCollection;
  spill?: Excel.Range;
  /** the op's range grown by one cell all round, its formulas read to find legacy arrays */
  around?: { range: Excel.Range; rect: CellRange };
}

/**
 * Structures in the user's sheets that a plain write would damage, found before writing. Each
 * cell left alone is a finding on it (one per op and reason: write-skipped-*), not a notice:
 *
 * - **Spills.** Writing into a dynamic array's spill range turns its formula into #SPILL!
 *   (`Range.hasSpill`, ExcelApi 1.12). Such cells are not written.
 * - **Legacy array formulas** (entered with Ctrl+Shift+Enter). Excel refuses to change part of
 *   one, which would fail the whole batch. Office.js has no HasArray; what it shows is that every
 *   cell of such an array reads back the same A1 `formulas` text (OfficeDev/office-js#6176, where
 *   `{=A1:A3}` in B1:B3 reads "=A1:A3" in each cell while formulasR1C1 is shifted per cell). So a
 *   target cell whose formula holds a relative reference and equals a neighbour's, text for text,
 *   is taken for part of an array: a formula filled down would read differently in each cell. An
 *   array of only absolute references cannot be told from copies, and is written as usual.
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
  private readonly found: Finding[] = [];

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
    const around = { r1: Math.max(0, rect.r1 - 1), c1: Math.max(0, rect.c1 - 1), r2: rect.r2 + 1, c2: rect.c2 + 1 };
    if ((rect.r2 - rect.r1 + 3) * (rect.c2 - rect.c1 + 3) <= MAX_ARRAY_PROBE_CELLS) {
      const range = rangeProxy(ws(), around);
      range.load("formulas");
      probe.around = { range, rect: around };
    }
    this.probes.push(probe);
  }

  /** target cells that look like part of a legacy array formula (see the class comment) */
  private arrays(p: Probe): void {
    const a = p.around;
    if (!a) return;
    const grid = a.range.formulas as unknown[][] | null;
    if (!Array.isArray(grid)) return;
    const at = (row: number, col: number): string | null => {
      const f = grid[row - a.rect.r1]?.[col - a.rect.c1];
      return typeof f === "string" && f.startsWith("=") ? f : null;
    };
    this.mark(
      p,
      (r, c) => {
        const row = p.op.row + r;
        const col = p.op.col + c;
        const f = at(row, col);
        if (!f) return false;
        // filled down, a row-relative formula would differ from the cell above or below; across, a column-relative one
        const rel = relativeAxes(f);
        return (rel.rows && (at(row - 1, col) === f || at(row + 1, col) === f)) || (rel.cols && (at(row, col - 1) === f || at(row, col + 1) === f));
      },
      "write-skipped-array",
    );
  }

  /** after the first sync: look closer where needed (one sync at most), then decide */
  async resolve(ctx: Excel.RequestContext, counter: SyncCounter): Promise<void> {
    const tableRanges: { probe: Probe; name: string; range: Excel.Range }[] = [];
    const cellSpills: { probe: Probe; r: number; c: number; range: Excel.Range }[] = [];
    for (const p of this.probes) {
      this.arrays(p);
      for (const t of p.tables?.items ?? []) {
        const range = p.ws().tables.getItem(t.name).getRange();
        range.load("address");
        tableRanges.push({ probe: p, name: t.name, range });
      }
      const has = p.spill ? p.spill.hasSpill : false;
      if (has === true) this.mark(p, () => true, "write-skipped-spill");
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
    for (const s of cellSpills) if (s.range.hasSpill) this.mark(s.probe, (r, c) => r === s.r && c === s.c, "write-skipped-spill");
    for (const t of tableRanges) {
      const [area] = parseAreas(t.range.address);
      if (!area) continue;
      this.mark(t.probe, (r, c) => touchesFromOutside(t.probe.op.row + r, t.probe.op.col + c, area), "write-skipped-table", t.name);
    }
  }

  private mark(p: Probe, hit: (r: number, c: number) => boolean, code: FindingCode, table?: string): void {
    const set = this.skip.get(p.op) ?? new Set<string>();
    const cells: [number, number][] = [];
    p.op.cells.forEach((line, r) =>
      line.forEach((pc, c) => {
        if (!pc || set.has(`${r},${c}`) || !hit(r, c)) return;
        set.add(`${r},${c}`);
        cells.push([p.op.row + r, p.op.col + c]);
      }),
    );
    if (cells.length === 0) return;
    this.skip.set(p.op, set);
    const [row, col] = cells[0];
    const more = cells.length > 1 ? { zh: ` 等 ${cells.length} 个单元格`, en: ` and ${cells.length - 1} more cells` } : { zh: "", en: "" };
    this.found.push(finding(code, p.op.sheet, row, col, { more, ...(table !== undefined ? { table } : {}) }));
  }

  /** whether the plan cell at (r, c) of the op (relative) must be left alone */
  skipped(op: CellsOp, r: number, c: number): boolean {
    return this.skip.get(op)?.has(`${r},${c}`) ?? false;
  }

  /** one finding per op and reason, on the first cell left alone */
  findings(): Finding[] {
    return this.found;
  }
}

/**
 * Which way an A1 formula would read differently if filled: `rows` when some reference has no $
 * before its row (filled down, it changes), `cols` when some has none before its column. Quoted
 * text, sheet names and function names (a word followed by "(", such as LOG10) are not references.
 */
export function relativeAxes(formula: string): { rows: boolean; cols: boolean } {
  const bare = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "S!");
  const out = { rows: false, cols: false };
  const ref = /(?<![A-Za-z0-9_.$])(\$?)[A-Za-z]{1,3}(\$?)\d+(?![\d(A-Za-z_])/g;
  for (let m = ref.exec(bare); m; m = ref.exec(bare)) {
    if (m[1] === "") out.cols = true;
    if (m[2] === "") out.rows = true;
  }
  // whole columns (A:A) and whole rows (3:3)
  if (/(?<![A-Za-z0-9_.$])[A-Za-z]{1,3}:[A-Za-z]{1,3}(?![\w(])/.test(bare)) out.cols = true;
  if (/(?<![\w.$])\d+:\d+(?![\w(])/.test(bare)) out.rows = true;
  return out;
}

/** right of the last column within its rows, or below the last row within its columns */
function touchesFromOutside(row: number, col: number, t: CellRange): boolean {
  const right = col === t.c2 + 1 && row >= t.r1 && row <= t.r2;
  const below = row === t.r2 + 1 && col >= t.c1 && col <= t.c2;
  return right || below;
}
