import { toHalfWidth } from "../text";

/** Which age or sex rule a category carries. */
export type CategoryRule = "elderly" | "left-behind-child" | "single-mother" | null;

export interface Category {
  /** the category as 穗府办〔2023〕7号 第四条 names it */
  name: string;
  rule: CategoryRule;
  /** forms stations write instead */
  aliases: string[];
}

/** The 17 categories of 困难群众和特殊群体 (domain.md §1a), with the short forms seen in practice. */
export const CATEGORIES: Category[] = [
  { name: "低保对象", rule: null, aliases: ["低保", "低保户", "低保家庭", "城乡低保", "低保人员", "低保家庭成员"] },
  { name: "特困人员", rule: null, aliases: ["特困", "特困供养", "特困供养人员", "五保", "五保户", "分散特困", "集中特困"] },
  {
    name: "低保边缘家庭（低收入困难家庭）成员",
    rule: null,
    aliases: ["低边", "低保边缘", "低保边缘家庭", "低保边缘户", "低收入", "低收入家庭", "低收入困难家庭", "低边家庭", "低边对象", "低保边缘家庭成员"],
  },
  {
    name: "支出型困难家庭成员",
    rule: null,
    aliases: ["支出型", "支出型困难", "支出型困难家庭", "刚性支出困难家庭", "刚性支出", "支出型贫困家庭"],
  },
  { name: "残疾人", rule: null, aliases: ["残疾", "残障", "残障人士", "残疾人士", "重度残疾人", "特殊困难重度残疾人", "精神残疾", "肢体残疾", "智力残疾"] },
  { name: "流浪乞讨人员", rule: null, aliases: ["流浪乞讨", "流浪人员", "流浪"] },
  { name: "农村留守儿童", rule: "left-behind-child", aliases: ["留守儿童"] },
  {
    name: "困境儿童（含孤儿、事实无人抚养儿童等）",
    rule: null,
    aliases: ["困境儿童", "孤儿", "事实无人抚养儿童", "事实孤儿", "其他困境儿童", "困境儿童（含孤儿、事实无人抚养儿童）"],
  },
  { name: "单身特困母亲", rule: "single-mother", aliases: ["单亲特困母亲", "特困母亲", "单身母亲"] },
  { name: "农村留守妇女", rule: null, aliases: ["留守妇女"] },
  { name: "孤寡（特殊困难老年人）", rule: "elderly", aliases: ["孤寡", "孤寡老人", "孤寡老年人"] },
  { name: "空巢（特殊困难老年人）", rule: "elderly", aliases: ["空巢", "空巢老人", "空巢老年人"] },
  { name: "独居（特殊困难老年人）", rule: "elderly", aliases: ["独居", "独居老人", "独居老年人", "独自一人居住老人"] },
  { name: "留守（特殊困难老年人）", rule: "elderly", aliases: ["留守老人", "留守老年人"] },
  { name: "失能（特殊困难老年人）", rule: "elderly", aliases: ["失能", "失能老人", "失能老年人", "失能半失能老人"] },
  { name: "重残（特殊困难老年人）", rule: "elderly", aliases: ["重残", "重残老人", "重残老年人"] },
  {
    name: "计划生育特殊家庭等特殊困难老年人",
    rule: "elderly",
    aliases: ["计生特殊家庭", "计划生育特殊家庭", "计生特扶", "失独", "失独家庭", "计生特殊家庭老人", "计划生育特殊家庭老年人"],
  },
];

function key(s: string): string {
  // toHalfWidth already turns （） into ()
  return toHalfWidth(s).replace(/\s+/g, "");
}

const LOOKUP = new Map<string, Category>();
for (const c of CATEGORIES) for (const n of [c.name, ...c.aliases]) LOOKUP.set(key(n), c);

/** One category as written, e.g. 独居老人 or 低保（在册）. */
export function lookupCategory(item: string): Category | null {
  const k = key(item);
  const hit = LOOKUP.get(k) ?? LOOKUP.get(k.replace(/\([^)]*\)$/, "")) ?? LOOKUP.get(k.replace(/(对象|人员|家庭|户)$/, ""));
  if (hit) return hit;
  // 高龄 qualifies nothing by itself, but 高龄独居老人 is still 独居
  if (k.startsWith("高龄") && k.length > 2) return lookupCategory(k.slice(2));
  return null;
}

/** Split a 服务对象类别 cell into its items: one person may hold several categories. */
export function splitCategories(text: string): string[] {
  // split on separators outside brackets only: 困境儿童（含孤儿、事实无人抚养儿童）is one item
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;/／\s+＋|]/.test(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
