import { normaliseLabel } from "../text";

/**
 * The indicator catalogue: each contract indicator with the names stations use for it and the
 * units it may be counted in. Kept as data so an association can extend it without code.
 */
export interface CatalogueEntry {
  id: string;
  /** the name shown in reports */
  name: string;
  synonyms: string[];
  units: string[];
}

export const INDICATOR_CATALOGUE: readonly CatalogueEntry[] = [
  { id: "filing", name: "建档", synonyms: ["建档", "服务对象建档", "建立档案", "档案建立", "建档数"], units: ["份", "个", "户", "人"] },
  { id: "phone-visit", name: "电访", synonyms: ["电访", "电话探访", "电话访问", "电话慰问", "电话回访"], units: ["人次", "个", "次", "户"] },
  { id: "home-visit", name: "探访", synonyms: ["探访", "入户探访", "家访", "走访", "上门探访"], units: ["人次", "个", "次", "户"] },
  { id: "casework", name: "个案", synonyms: ["个案", "辅导个案", "个案服务", "个案辅导", "个案接案", "个案管理"], units: ["个", "节"] },
  { id: "group", name: "小组、工作坊", synonyms: ["小组", "工作坊", "小组工作", "小组/工作坊", "小组、工作坊"], units: ["个", "节", "人次"] },
  { id: "large-activity", name: "大型（社区）活动", synonyms: ["大型活动", "大型社区活动"], units: ["个", "场", "次", "人次"] },
  {
    id: "small-activity",
    name: "中小型（社区）活动",
    synonyms: ["中小型活动", "中小型社区活动", "中型活动", "小型活动", "中小型"],
    units: ["个", "场", "次", "人次"],
  },
  { id: "research", name: "调研", synonyms: ["调研", "需求调研", "社区调研", "调研报告"], units: ["个", "份", "次"] },
  { id: "volunteer-core", name: "志愿者骨干", synonyms: ["志愿者骨干", "骨干志愿者", "培育志愿者骨干"], units: ["人", "名", "个"] },
  { id: "new-volunteers", name: "新增志愿者", synonyms: ["新增志愿者", "新注册志愿者", "招募志愿者", "志愿者招募"], units: ["人", "名"] },
  { id: "volunteer-training", name: "志愿者培训", synonyms: ["志愿者培训", "培训志愿者"], units: ["人", "人次", "场", "次"] },
  {
    id: "community-orgs",
    name: "社区社会组织（培育）",
    synonyms: ["社区社会组织", "社区社会组织培育", "培育社区社会组织", "社区组织培育", "社区组织"],
    units: ["个", "支"],
  },
  { id: "volunteer-teams", name: "志愿者队伍", synonyms: ["志愿者队伍", "志愿服务队伍", "志愿队伍", "新增志愿者队伍"], units: ["支", "个"] },
  { id: "volunteer-hours", name: "志愿服务时数", synonyms: ["志愿服务时数", "志愿服务时长", "志愿时数", "服务时数"], units: ["小时"] },
  { id: "micro-wishes", name: "微心愿", synonyms: ["微心愿", "心愿"], units: ["个", "件"] },
  { id: "resources", name: "筹集资源", synonyms: ["筹集资源", "链接资源", "资源筹集", "资源链接", "筹集善款"], units: ["元", "万元", "个"] },
  { id: "media", name: "媒体报道", synonyms: ["媒体报道", "宣传报道", "报道"], units: ["篇", "篇次", "次"] },
];

/** The built-in catalogue's synonyms in normal form: normalised once, not for every label matched. */
let builtinNormal: string[][] | null = null;

/** Each entry's synonyms in normal form. A catalogue passed in is read afresh: its owner may edit it between runs. */
function normalSynonyms(catalogue: readonly CatalogueEntry[]): string[][] {
  const normalise = () => catalogue.map((entry) => entry.synonyms.map(normaliseLabel));
  if (catalogue !== INDICATOR_CATALOGUE) return normalise();
  builtinNormal = builtinNormal ?? normalise();
  return builtinNormal;
}

/**
 * The catalogue entry a label names. The longest synonym found in the label wins; on a tie the
 * one nearer the end wins, since a Chinese noun phrase puts its head last (新增志愿者队伍 is a
 * kind of 队伍, not of 志愿者).
 */
export function matchIndicator(label: string, catalogue: readonly CatalogueEntry[] = INDICATOR_CATALOGUE): CatalogueEntry | null {
  const text = normaliseLabel(label);
  if (!text) return null;
  const normal = normalSynonyms(catalogue);
  let best: { entry: CatalogueEntry; len: number; end: number } | null = null;
  for (let e = 0; e < catalogue.length; e++) {
    const entry = catalogue[e];
    for (const s of normal[e]) {
      const at = text.lastIndexOf(s);
      if (at < 0) continue;
      const end = at + s.length;
      if (!best || s.length > best.len || (s.length === best.len && end > best.end)) best = { entry, len: s.length, end };
    }
  }
  return best ? best.entry : null;
}
