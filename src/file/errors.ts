/** Why a file could not be read as an .xlsx workbook; the CLI maps every code to exit status 2. */
export type XlsxErrorCode = "not-zip" | "encrypted" | "not-xlsx" | "corrupt" | "too-large";

const MESSAGES: Record<XlsxErrorCode, string> = {
  "not-zip": "文件不是有效的 .xlsx 工作簿（不是 zip 压缩包）。",
  encrypted: "文件已加密或是旧版 .xls 格式，请在 Excel 中另存为未加密的 .xlsx 后再试。",
  "not-xlsx": "文件是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml），可能是改了扩展名的其他文档。",
  corrupt: "文件已损坏或不完整，无法读取，请在 Excel 中打开并重新保存后再试。",
  "too-large": "文件解压后过大，超出可处理的上限，已停止读取。",
};

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;

  /** `detail` is for developers (logged, never shown as the headline); the message stays one plain sentence. */
  constructor(
    code: XlsxErrorCode,
    readonly detail?: string,
  ) {
    super(MESSAGES[code]);
    this.name = "XlsxError";
    this.code = code;
  }
}
