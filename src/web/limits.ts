/**
 * Above these the page tells the user to use the command line instead of freezing the tab.
 * Starting values; bench/ measures what the page really handles and these follow its numbers.
 */
export const PAGE_LIMITS = {
  /** bytes of the .xlsx file as chosen */
  maxFileBytes: 40 * 1024 * 1024,
  /** non-empty cells across all sheets */
  maxCells: 400_000,
};

export type PageLimits = typeof PAGE_LIMITS;

export const TOO_LARGE_MESSAGE = "文件较大，请使用命令行 shuangbai score";
