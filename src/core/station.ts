import type { WorkbookSnapshot } from "./types";

/**
 * The station's name from a title such as 广州市夏港街“双百工程”社工站指标完成情况统计表:
 * the text up to 社工站 / 社工服务站, without the programme's name in quotes.
 */
export function stationName(snapshot: WorkbookSnapshot): string | null {
  for (const sheet of snapshot.sheets) {
    if (sheet.hidden) continue;
    for (let r = 0; r < Math.min(4, sheet.values.length); r++) {
      for (const v of sheet.values[r] ?? []) {
        if (typeof v !== "string" || v.length > 200) continue;
        const cleaned = v.replace(/[“"”「」]?双百(工程|计划)?[”"“「」]?/g, "").replace(/\s+/g, "");
        const m = /([\u4e00-\u9fa5]{2,20}?(?:社工服务站|社会工作服务站|社工站))/.exec(cleaned);
        if (m) return m[1];
      }
    }
  }
  return null;
}
