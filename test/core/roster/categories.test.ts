import { CATEGORIES, lookupCategory, splitCategories } from "../../../src/core/roster/categories";

describe("categories", () => {
  test("there are the 17 categories, seven of them for elderly people", () => {
    expect(CATEGORIES).toHaveLength(17);
    expect(CATEGORIES.filter((c) => c.elderly)).toHaveLength(7);
  });

  test.each([
    ["低保", "低保对象"],
    ["低边", "低保边缘家庭（低收入困难家庭）成员"],
    ["低收入", "低保边缘家庭（低收入困难家庭）成员"],
    ["特困", "特困人员"],
    ["独居老人", "独居（特殊困难老年人）"],
    ["高龄独居老人", "独居（特殊困难老年人）"],
    ["孤儿", "困境儿童（含孤儿、事实无人抚养儿童等）"],
    ["计生特殊家庭", "计划生育特殊家庭等特殊困难老年人"],
    ["留守儿童", "农村留守儿童"],
    ["困境儿童（含孤儿、事实无人抚养儿童等）", "困境儿童（含孤儿、事实无人抚养儿童等）"],
  ])("%s is %s", (item, name) => {
    expect(lookupCategory(item)?.name).toBe(name);
  });

  test.each(["高龄", "优抚对象", "精神障碍", "防返贫监测对象", "留守"])("%s is not a category", (item) => {
    expect(lookupCategory(item)).toBeNull();
  });

  test("splits on every separator but not inside brackets", () => {
    expect(splitCategories("低保、独居老人，残疾人;特困/低边 孤寡")).toEqual(["低保", "独居老人", "残疾人", "特困", "低边", "孤寡"]);
    expect(splitCategories("困境儿童（含孤儿、事实无人抚养儿童）、低保")).toEqual(["困境儿童（含孤儿、事实无人抚养儿童）", "低保"]);
    expect(splitCategories("")).toEqual([]);
  });
});
