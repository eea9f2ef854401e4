/** Requirement sets this host checks at run time, with the notice shown when one is missing. */
export interface Features {
  /** ExcelApi 1.7: the floor declared in the manifest (freezeAt, tabColor, getLocationOrNullObject) */
  base: boolean;
  conditionalFormats: boolean;
  dataValidation: boolean;
  mergedAreas: boolean;
  /** RunOptions.delayForCellEdit queues a batch while a cell is edited (ExcelApi 1.11) */
  delayForCellEdit: boolean;
  /** Range.hasSpill (ExcelApi 1.12) */
  spills: boolean;
  /** Range.getTables (ExcelApi 1.9) */
  tables: boolean;
  /** Range.autoFill (ExcelApi 1.9) */
  autoFill: boolean;
  /** RangeFill.tintAndShade and .pattern (ExcelApi 1.9) */
  fillDetail: boolean;
}

export type SetCheck = (name: string, version: string) => boolean;

export function detectFeatures(isSetSupported: SetCheck): Features {
  const has = (v: string) => {
    try {
      return isSetSupported("ExcelApi", v);
    } catch {
      return false;
    }
  };
  return {
    base: has("1.7"),
    conditionalFormats: has("1.6"),
    dataValidation: has("1.8"),
    mergedAreas: has("1.13"),
    delayForCellEdit: has("1.11"),
    spills: has("1.12"),
    tables: has("1.9"),
    autoFill: has("1.9"),
    fillDetail: has("1.9"),
  };
}

export function featureNotices(f: Features): string[] {
  const out: string[] = [];
  if (!f.base) out.push("这个版本的 Excel 低于 ExcelApi 1.7（Excel 2019），一键评分无法运行");
  if (!f.conditionalFormats) out.push("条件格式需要 ExcelApi 1.6，本次不添加完成率的颜色标记");
  if (!f.dataValidation) out.push("下拉选项（数据验证）需要 ExcelApi 1.8，本次跳过");
  if (!f.mergedAreas) out.push("读取合并单元格需要 ExcelApi 1.13，本次按未合并处理");
  return out;
}
