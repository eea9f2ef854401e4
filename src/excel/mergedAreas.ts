import type { CellRange } from "../core/types";
import { parseAreas } from "./address";
import { type SyncCounter, syncOnce } from "./blocks";
import { isPayloadError, officeErrorCode } from "./errors";
import { HostError } from "../taskpane/host";

/**
 * `Range.getMergedAreasOrNullObject()` "will fail to return the result" when the range holds more
 * than 512 merged areas (learn.microsoft.com/javascript/api/excel/excel.range), and the failure
 * takes the whole sync with it. A roster that merges cells per household passes 512 easily, so
 * merges are read in row bands: 200 rows would need more than two and a half merges a row to
 * fail. When a sync of bands fails, they are asked again in syncs of their own until the failing
 * band is found and halved; a band of MIN_BAND_ROWS that still fails is given up, and the read
 * goes on without merges there, with a notice.
 * Excel finds only merges whose top-left cell lies inside the range (OfficeDev/office-js#1590),
 * so bands by rows find each merge exactly once.
 */
export const MERGE_BAND_ROWS = 200;
export const MIN_BAND_ROWS = 8;

export interface MergeTarget {
  sheet: string;
  ws: () => Excel.Worksheet;
  /** the area to look in (a sheet's used range) */
  range: CellRange;
}

interface Band {
  target: MergeTarget;
  r1: number;
  r2: number;
}

/** errors that are not the merge probe's fault: the batch would fail without it too */
function notMergeFault(e: unknown): boolean {
  if (e instanceof HostError) return true;
  if (isPayloadError(e)) return true;
  const code = officeErrorCode(e);
  return code === "InvalidOperationInCellEditMode" || code === "AccessDenied" || code === "ItemNotFound";
}

export class MergeReader {
  private pending: Band[] = [];
  private inFlight: Band[] = [];
  readonly found = new Map<string, CellRange[]>();
  readonly skipped: { sheet: string; r1: number; r2: number }[] = [];

  constructor(targets: MergeTarget[], bandRows = MERGE_BAND_ROWS) {
    for (const t of targets) {
      this.found.set(t.sheet, []);
      for (let r = t.range.r1; r <= t.range.r2; r += bandRows) this.pending.push({ target: t, r1: r, r2: Math.min(t.range.r2, r + bandRows - 1) });
    }
  }

  get empty(): boolean {
    return this.pending.length === 0 && this.inFlight.length === 0 && this.suspect.length === 0;
  }

  /** queue every pending band; the returned function collects them once the sync succeeded */
  queue(): () => void {
    const bands = this.pending;
    this.pending = [];
    this.inFlight = bands;
    const probes = bands.map((b) => {
      const { target: t } = b;
      const areas = t
        .ws()
        .getRangeByIndexes(b.r1, t.range.c1, b.r2 - b.r1 + 1, t.range.c2 - t.range.c1 + 1)
        .getMergedAreasOrNullObject();
      areas.load("address");
      return { b, areas };
    });
    return () => {
      this.inFlight = [];
      for (const { b, areas } of probes) {
        if (!areas.isNullObject && areas.address) this.found.get(b.target.sheet)?.push(...parseAreas(areas.address));
      }
    };
  }

  /**
   * The sync that carried the bands failed. Returns false when the error is not theirs (the caller
   * rethrows, and the bands wait for the next sync); otherwise they are asked again in finish().
   */
  failed(e: unknown): boolean {
    const bands = this.inFlight;
    this.inFlight = [];
    if (notMergeFault(e)) {
      this.pending.unshift(...bands);
      return false;
    }
    this.suspect.push(bands);
    return true;
  }

  private suspect: Band[][] = [];

  /**
   * Bands whose sync failed, asked in syncs of their own. One failure sinks a whole sync, so a
   * failing group is split in two until the failing band is alone; a lone band is halved by rows
   * down to MIN_BAND_ROWS and then given up. Costs nothing when no sync failed.
   */
  async finish(ctx: Excel.RequestContext, counter: SyncCounter): Promise<void> {
    const groups = this.suspect;
    this.suspect = [];
    if (this.pending.length > 0) groups.push(this.pending.splice(0));
    while (groups.length > 0) {
      const group = groups.shift() as Band[];
      this.pending = group;
      const collect = this.queue();
      try {
        await syncOnce(ctx, counter);
      } catch (e) {
        this.inFlight = [];
        if (notMergeFault(e)) throw e;
        if (group.length > 1) {
          const half = Math.ceil(group.length / 2);
          groups.unshift(group.slice(0, half), group.slice(half));
        } else {
          const b = group[0];
          const rows = b.r2 - b.r1 + 1;
          if (rows <= MIN_BAND_ROWS) this.skipped.push({ sheet: b.target.sheet, r1: b.r1, r2: b.r2 });
          else {
            const mid = b.r1 + Math.ceil(rows / 2) - 1;
            groups.unshift([{ target: b.target, r1: b.r1, r2: mid }], [{ target: b.target, r1: mid + 1, r2: b.r2 }]);
          }
        }
        continue;
      }
      collect();
    }
  }

  /** one sentence per sheet whose merges could not all be read */
  notices(): string[] {
    const bySheet = new Map<string, { r1: number; r2: number }[]>();
    for (const s of this.skipped) bySheet.set(s.sheet, [...(bySheet.get(s.sheet) ?? []), s]);
    return [...bySheet].map(([sheet, bands]) => {
      const rows = bands
        .sort((a, b) => a.r1 - b.r1)
        .map((b) => `${b.r1 + 1}–${b.r2 + 1}`)
        .join("、");
      return `工作表“${sheet}”第 ${rows} 行的合并单元格太多，Excel 无法读出，这几行按未合并处理`;
    });
  }
}
