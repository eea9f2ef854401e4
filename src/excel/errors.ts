import { HostError } from "../taskpane/host";

/** error codes Office.js puts on OfficeExtension.Error */
export const PAYLOAD_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);

export function officeErrorCode(e: unknown): string | undefined {
  if (e && typeof e === "object" && "code" in e) {
    const code = (e as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

export function isPayloadError(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code !== undefined && PAYLOAD_ERRORS.has(code);
}

export const MSG_CELL_EDIT = "请先按 Enter 或 Esc 结束单元格编辑，再点一键评分";
export const MSG_NOT_IN_OFFICE = "没有在 Excel 中运行：请在 Excel 的“开始”选项卡点“双百评估”打开本加载项";
export const MSG_API_UNSUPPORTED = "这个版本的 Excel 不支持本加载项需要的功能（ExcelApi 1.7，即 Excel 2019 及以上或 Microsoft 365），请升级 Excel";

export function protectedSheetError(sheet: string): HostError {
  return new HostError("sheet-protected", `工作表“${sheet}”受保护，请先撤销保护（审阅 → 撤销工作表保护）`, sheet);
}

export function protectedWorkbookError(): HostError {
  return new HostError("sheet-protected", "工作簿结构受保护，无法添加或删除工作表：请先撤销保护（审阅 → 保护工作簿）", "工作簿");
}

/**
 * Turn whatever Excel threw into a HostError the pane can explain. HostErrors pass through;
 * the original error stays reachable as `cause` for logs (it never carries cell values).
 */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const code = officeErrorCode(e);
  let err: HostError;
  switch (code) {
    case "InvalidOperationInCellEditMode":
      err = new HostError("cell-edit-mode", MSG_CELL_EDIT);
      break;
    case "AccessDenied":
      err = new HostError("sheet-protected", "工作表或工作簿受保护，无法写入：请先撤销保护（审阅 → 撤销工作表保护）");
      break;
    case "ApiNotFound":
    case "ApiNotAvailable":
      err = new HostError("api-unsupported", MSG_API_UNSUPPORTED);
      break;
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
    case "RangeExceedsLimit":
      err = new HostError("payload-too-large", "工作簿的一行数据就超过了 Excel 单次传输的上限，无法处理");
      break;
    case "ItemNotFound":
      err = new HostError("unknown", "读取之后工作簿被修改了（找不到某个工作表或单元格），请重新点一键评分");
      break;
    default: {
      const msg = e instanceof Error ? e.message : String(e);
      err = new HostError("unknown", `Excel 报告了错误：${msg}`);
    }
  }
  (err as { cause?: unknown }).cause = e;
  return err;
}
