/**
 * Above these the page says what the limit is and how to get under it, instead of freezing the tab.
 * They follow what the page was measured to handle in headless Chromium on 2 cores (bench/run.js,
 * BENCHMARKS.md): a 100,000-row roster (2.1 million cells, 14 MB) is scored in the page with the tab
 * growing ~650 MiB, and a 200,000-row one (4.02 million filled cells, 27 MB) in ~65 s with it growing
 * ~1 GiB, well inside a worker's heap; the cell limit sits just under that measured case.
 */
export const PAGE_LIMITS = {
  /** bytes of the .xlsx file as chosen */
  maxFileBytes: 40 * 1024 * 1024,
  /** non-empty cells across all sheets (about 199,000 rows of the 21-column roster) */
  maxCells: 4_000_000,
};

export type PageLimits = typeof PAGE_LIMITS;

/** 41943040 → "40 MB", as the limit is stated to the user */
export function megabytes(n: number): string {
  const mb = n / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** 400000 → "400,000" in both languages: digits a reader of either can take in at once */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
