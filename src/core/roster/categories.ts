import { toHalfWidth } from "../text";

/**
 * The age a category asks for: at least `min`, or younger than `below`. An elderly category's
 * minimum follows the `elderlyAge` option (60 by default).
 */
export interface AgeLimit {
  min?: number;
  below?: number;
}

export interface Category {
  /** the category as 穗府办〔2023〕7号 第四条 names it */
  name: string;
  /** one of the seven 特殊困难老年人 categories: carries the elderly age rule */
  elderly?: boolean;
  age?: AgeLimit;
  sex?: "女";
  /** forms stations write instead; they carry the category's rules */
  aliases: string[];
  /**
   * Forms that do not name the elderly (重残, 失能, 独居 …). For someone of the elderly age they are
   * the elderly category; for someone younger they breach no rule by themselves, they just are not
   * this category (an info says what to record instead).
   */
  bare?: string[];
  /** for a bare form under the elderly age: the category to record (重残 → 残疾人) */
  youngerRecordAs?: string;
}

/** 老年人权益保障法 第二条: 老年人 are citizens aged 60 and over. */
export const ELDERLY_AGE = 60;

/** The 17 categories of 困难群众和特殊群体 (domain.md §1a), with the short forms seen in practice. */
export const CATEGORIES: Category[] = [
  { name: "低保对象", aliases: ["低保", "低保户", "低保家庭", "城乡低保", "低保人员", "低保家庭成员"] },
  { name: "特困人员", aliases: ["特困", "特困供养", "特困供养人员", "五保", "五保户", "分散特困", "集中特困"] },
  {
    name: "低保边缘家庭（低收入困难家庭）成员",
    aliases: ["低边", "低保边缘", "低保边缘家庭", "低保边缘户", "低收入", "低收入家庭", "低收入困难家庭", "低边家庭", "低边对象", "低保边缘家庭成员"],
  },
  { name: "支出型困难家庭成员", aliases: ["支出型", "支出型困难", "支出型困难家庭", "刚性支出困难家庭", "刚性支出", "支出型贫困家庭"] },
  { name: "残疾人", aliases: ["残疾", "残障", "残障人士", "残疾人士", "重度残疾人", "特殊困难重度残疾人", "精神残疾", "肢体残疾", "智力残疾"] },
  { name: "流浪乞讨人员", aliases: ["流浪乞讨", "流浪人员", "流浪"] },
  // 国发〔2016〕13号《国务院关于加强农村留守儿童关爱保护工作的意见》: 不满十六周岁的未成年人
  { name: "农村留守儿童", age: { below: 16 }, aliases: ["留守儿童"] },
  // 孤儿 and 事实无人抚养儿童 are 未满18周岁 (粤民规字〔2019〕10号, after 民发〔2019〕62号); 困境儿童
  // are 儿童, under 18 (未成年人保护法 第二条) — the 18 for 困境儿童 as a whole is inferred
  {
    name: "困境儿童（含孤儿、事实无人抚养儿童等）",
    age: { below: 18 },
    aliases: ["困境儿童", "孤儿", "事实无人抚养儿童", "事实孤儿", "其他困境儿童", "困境儿童（含孤儿、事实无人抚养儿童）"],
  },
  // a mother: the sex rule follows from the name itself
  { name: "单身特困母亲", sex: "女", aliases: ["单亲特困母亲", "特困母亲", "单身母亲"] },
  // 留守妇女: women, by the name (domain.md §7)
  { name: "农村留守妇女", sex: "女", aliases: ["留守妇女"] },
  // the seven 特殊困难老年人 categories: 60 and over (老年人权益保障法 第二条)
  { name: "孤寡（特殊困难老年人）", elderly: true, aliases: ["孤寡老人", "孤寡老年人"], bare: ["孤寡"] },
  { name: "空巢（特殊困难老年人）", elderly: true, aliases: ["空巢老人", "空巢老年人"], bare: ["空巢"] },
  { name: "独居（特殊困难老年人）", elderly: true, aliases: ["独居老人", "独居老年人", "独自一人居住老人"], bare: ["独居"] },
  { name: "留守（特殊困难老年人）", elderly: true, aliases: ["留守老人", "留守老年人"] },
  { name: "失能（特殊困难老年人）", elderly: true, aliases: ["失能老人", "失能老年人", "失能半失能老人"], bare: ["失能"] },
  { name: "重残（特殊困难老年人）", elderly: true, aliases: ["重残老人", "重残老年人"], bare: ["重残"], youngerRecordAs: "残疾人" },
  {
    name: "计划生育特殊家庭等特殊困难老年人",
    elderly: true,
    aliases: ["计生特殊家庭", "计划生育特殊家庭", "计生特扶", "失独", "失独家庭", "计生特殊家庭老人", "计划生育特殊家庭老年人"],
  },
];

/** A category as written: which one, and whether the form names the elderly (false for a bare 重残). */
export interface CategoryMatch {
  category: Category;
  bare: boolean;
}

function key(s: string): string {
  // toHalfWidth already turns （） into ()
  return toHalfWidth(s).replace(/\s+/g, "");
}

const LOOKUP = new Map<string, CategoryMatch>();
for (const c of CATEGORIES) {
  for (const n of [c.name, ...c.aliases]) LOOKUP.set(key(n), { category: c, bare: false });
  for (const n of c.bare ?? []) LOOKUP.set(key(n), { category: c, bare: true });
}

/** One category as written, e.g. 独居老人 or 低保（在册）, with whether the form is bare. */
export function matchCategory(item: string): CategoryMatch | null {
  const k = key(item);
  const hit = LOOKUP.get(k) ?? LOOKUP.get(k.replace(/\([^)]*\)$/, "")) ?? LOOKUP.get(k.replace(/(对象|人员|家庭|户)$/, ""));
  if (hit) return hit;
  // 高龄 qualifies nothing by itself, but 高龄独居老人 is still 独居 (and 高龄独居 names the elderly)
  if (k.startsWith("高龄") && k.length > 2) {
    const rest = matchCategory(k.slice(2));
    return rest && { category: rest.category, bare: false };
  }
  return null;
}

export function lookupCategory(item: string): Category | null {
  return matchCategory(item)?.category ?? null;
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
