import type { WorkbookSnapshot } from "./types";

/** Preamble labels that state the station outright: 填报单位：…, 社工站名称：…, 填报单位（盖章）：… */
const STATION_LABEL = /^(填报单位|社工站名称|社工站|站点名称|服务站名称|单位名称|机构名称|服务机构)\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：]?\s*/;

function cleanName(v: string): string {
  return v.replace(/[“"”「」]?双百(工程|计划)?[”"“「」]?/g, "").replace(/\s+/g, "");
}

/** The name a preamble line gives (填报单位：X社工站, or 填报单位 | X社工站 in the next cell). */
function statedName(snapshot: WorkbookSnapshot): string | null {
  for (const sheet of snapshot.sheets) {
    if (sheet.hidden) continue;
    for (let r = 0; r < Math.min(8, sheet.values.length); r++) {
      const row = sheet.values[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== "string" || v.length > 200) continue;
        const m = STATION_LABEL.exec(v.trim());
        if (!m) continue;
        let rest = v.trim().slice(m[0].length);
        // without a colon the label stands alone and its value is in the next cell (社工站服务指标… is a title)
        if (rest && !/[:：]/.test(m[0])) continue;
        if (!rest) {
          const next = row.slice(c + 1).find((x) => typeof x === "string" && x.trim());
          rest = typeof next === "string" ? next : "";
        }
        // the label may share its cell with the next one (填报单位：X站　填报日期：…)
        const name = cleanName(rest).split(/(填报|日期|时间|统计|联系)/)[0];
        if (name.length >= 2) return name;
      }
    }
  }
  return null;
}

/**
 * The station's name from a title such as 广州市夏港街“双百工程”社工站指标完成情况统计表:
 * the text up to 社工站 / 社工服务站, without the programme's name in quotes. A preamble line that
 * states it (填报单位 / 社工站名称) wins over the title.
 */
export function stationName(snapshot: WorkbookSnapshot): string | null {
  const stated = statedName(snapshot);
  if (stated) return stated;
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
