/**
 * Why a file could not be read as an .xlsx workbook, or why a plan could not be written into it.
 * Every code is a refusal the user can act on (the CLI maps each to exit status 2); the message
 * is one plain sentence saying what is wrong and what to do. docs/architecture.md lists them all.
 */
export const XLSX_ERROR_CODES = [
  "not-zip",
  "encrypted",
  "not-xlsx",
  "corrupt",
  "too-large",
  // package sanity, checked on read
  "duplicate-entry",
  "case-collision",
  "backslash-path",
  "crc-mismatch",
  "beta-format",
  "missing-part",
  "malformed-part",
  "missing-string",
  // the writer's refusals: a plan that names something the package cannot take
  "not-worksheet",
  "no-such-sheet",
  "bad-sheet-name",
] as const;
export type XlsxErrorCode = (typeof XLSX_ERROR_CODES)[number];

const RESAVE = "请在 Excel 或 WPS 中打开并重新保存后再试。";

const MESSAGES: Record<XlsxErrorCode, (subject: string) => string> = {
  "not-zip": () => "文件不是有效的 .xlsx 工作簿（不是 zip 压缩包）。",
  encrypted: () => "文件已加密或是旧版 .xls 格式，请在 Excel 中另存为未加密的 .xlsx 后再试。",
  "not-xlsx": () => "文件是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml），可能是改了扩展名的其他文档。",
  corrupt: () => "文件已损坏或不完整，无法读取，请在 Excel 中打开并重新保存后再试。",
  "too-large": () => "文件解压后过大，超出可处理的上限，已停止读取。",
  "duplicate-entry": (s) => `.xlsx 文件已损坏：压缩包里有两个同名的部件（${s}），无法确定哪个是真的。${RESAVE}`,
  "case-collision": (s) => `.xlsx 文件已损坏：压缩包里有只差大小写的同名部件（${s}），Excel 视为同一个部件。${RESAVE}`,
  "backslash-path": (s) => `.xlsx 文件已损坏：压缩包里的路径用了反斜杠（${s}），不符合 .xlsx 格式。${RESAVE}`,
  "crc-mismatch": (s) => `.xlsx 文件已损坏：部件 ${s} 的校验和不符，内容可能已被破坏。${RESAVE}`,
  "missing-part": (s) => `.xlsx 文件已损坏：工作簿登记了部件 ${s}，压缩包里却没有它。${RESAVE}`,
  "malformed-part": (s) => `.xlsx 文件已损坏：部件 ${s} 不是完整、合法的 XML，无法安全写入。${RESAVE}`,
  "missing-string": () => `.xlsx 文件已损坏：有单元格引用了共享字符串表里没有的文字，这张表可能不完整。${RESAVE}`,
  "beta-format": () => "这是 Excel 2007 测试版的旧格式工作簿，无法安全写入。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。",
  "not-worksheet": (s) => `工作表“${s}”不是普通工作表（图表工作表、宏表或部件缺失），无法写入。`,
  "no-such-sheet": (s) => `工作簿中没有名为“${s}”的工作表，无法写入。`,
  "bad-sheet-name": (s) => `工作表名称${s}无法用于 Excel。`,
};

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;

  /**
   * `detail` is for developers (logged, never shown as the headline); `subject` is the part or
   * sheet the message names. The message stays one plain sentence.
   */
  constructor(
    code: XlsxErrorCode,
    readonly detail?: string,
    subject = "",
  ) {
    super(MESSAGES[code](oneLine(subject)));
    this.name = "XlsxError";
    this.code = code;
  }
}

/** Names come from the file: keep a hostile one from breaking the one-line message. */
function oneLine(s: string): string {
  const flat = s.replace(/[\u0000-\u001f\u007f]+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}
