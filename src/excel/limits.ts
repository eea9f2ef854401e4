/**
 * Size budgets for talking to Excel. Excel on the web rejects any request or response above
 * 5 MB, so everything here aims below it: a request we queue is kept under 4 MB (measured
 * as the UTF-8 length of the JSON we hand over, plus a per-operation allowance for the envelope
 * Office.js adds), and reads are planned from an estimate per cell and corrected on the fly.
 */
export interface Budget {
  /** hard ceiling for one request we send (writes) */
  requestBytes: number;
  /** estimated response we allow one sync to bring back (reads) */
  responseBytes: number;
  /** one range read or write: smaller than a sync so that a failing block can be halved */
  blockBytes: number;
  /** first guess of the JSON size of one cell's values + formulas + numberFormat */
  bytesPerReadCell: number;
}

export const DEFAULT_BUDGET: Budget = {
  requestBytes: 3_900_000,
  responseBytes: 4_400_000,
  blockBytes: 2_200_000,
  bytesPerReadCell: 40,
};

/** what Office.js adds around each queued operation (object path, method name, ids) */
export const OP_OVERHEAD_BYTES = 160;

/** Excel's limit on a range read, in cells, on every platform */
export const MAX_CELLS_PER_READ = 5_000_000;

/** UTF-8 length of a string without allocating an encoder (the pane also runs this in old webviews) */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonBytes(x: unknown): number {
  return utf8Length(JSON.stringify(x) ?? "");
}
