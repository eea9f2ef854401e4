import { normaliseLabel } from "../text";
import type { TableLine, TableModel } from "./model";
import { PERIOD_NAME, TOTAL_WORDS } from "./vocabulary";

/**
 * Tables with several target / completed pairs, one per group. Whoever describes the table (the
 * detector, or a layout the evaluator saved) decides here what the groups are and which percent
 * lines the table lacks, so both read a table of groups the same way.
 */

/** A group name that stands for the total of the others: 合计, 总计, 全站… */
export function isTotalGroup(name: string | null | undefined): boolean {
  return !!name && TOTAL_WORDS.test(normaliseLabel(name));
}

/**
 * Areas (一片区 / 二片区, adding up to a 合计) or periods (中期 / 年度, 2023年度, or pairs the
 * band does not name: each pair its own indicator). Areas as soon as one name is neither a total
 * nor a period.
 */
export function groupKindOf(names: readonly (string | null)[]): "area" | "period" {
  return names.some((n) => n && !isTotalGroup(n) && !PERIOD_NAME.test(n)) ? "area" : "period";
}

/**
 * The percent lines a table lacks, each for its group: a one-pair table's; an area table's
 * total (the 合计 pair's, or the total computed from the areas when there is none); every
 * period's. Per-area percentages are never added: the areas are read, the total is written.
 */
export function percentsWanted(model: Pick<TableModel, "layout" | "lines">): { area: string | null; total: boolean }[] {
  const percents = model.lines.filter((l) => l.role === "percent");
  if (model.layout !== "area") return percents.length ? [] : [{ area: null, total: false }];
  const targets = model.lines.filter((l) => l.role === "target");
  if (targets.some((t) => t.groupKind === "period")) {
    return targets.filter((t) => !percents.some((p) => p.area === t.area)).map((t) => ({ area: t.area, total: false }));
  }
  const total = targets.find((t) => t.areaTotal);
  const has = total ? percents.some((p) => p.area === total.area) : percents.some((p) => p.areaTotal);
  return has ? [] : [{ area: total?.area ?? "合计", total: true }];
}

/** The line the tool adds for a wanted percent: blank header, written over by the scorer. */
export function addedPercentLine(at: number, headerAt: number, want: { area: string | null; total: boolean }, kind?: "area" | "period"): TableLine {
  return {
    at,
    role: "percent",
    header: "",
    headerAt,
    unit: null,
    percentPoints: false,
    area: want.area,
    ...(kind ? { groupKind: kind } : {}),
    ...(want.total ? { areaTotal: true } : {}),
    added: true,
  };
}
