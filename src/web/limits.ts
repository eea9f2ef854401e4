/**
 * Above these the page says what the limit is and how to get under it, instead of freezing the tab.
 * Starting values; bench/ measures what the page really handles and these follow its numbers.
 */
export const PAGE_LIMITS = {
  /** bytes of the .xlsx file as chosen */
  maxFileBytes: 40 * 1024 * 1024,
  /** non-empty cells across all sheets */
  maxCells: 400_000,
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
