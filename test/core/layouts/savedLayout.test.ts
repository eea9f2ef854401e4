import { LayoutError, layoutsToJson, mergeLayouts, parseLayoutJson, validateLayout } from "../../../src/core/layouts/savedLayout";
import { acrossScoreLayout, oddLayout } from "./fixtures";

function reason(input: unknown): string {
  try {
    validateLayout(input);
  } catch (e) {
    expect(e).toBeInstanceOf(LayoutError);
    return (e as LayoutError).message;
  }
  throw new Error("accepted");
}

describe("validateLayout", () => {
  it("accepts a layout and keeps only what a layout holds", () => {
    const withExtras = { ...oddLayout(), values: [["建档", 200]], lines: oddLayout().lines.map((l) => ({ ...l, value: 150 })) };
    const out = validateLayout(withExtras);
    expect(out).toEqual(oddLayout());
    expect(JSON.stringify(out)).not.toMatch(/150|values/);
  });

  it("accepts a score layout laid across with its records", () => {
    expect(validateLayout(acrossScoreLayout())).toEqual(acrossScoreLayout());
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", "A2:E5", /不是表格布局/],
    ["no schema", { ...oddLayout(), schema: undefined }, /不是本工具导出的表格布局/],
    ["a newer version", { ...oddLayout(), schema: "shuangbai/layout@2" }, /更新的版本/],
    ["no name", { ...oddLayout(), name: " " }, /缺少名称/],
    ["a bad range", { ...oddLayout(), range: "第二行" }, /不是有效的单元格区域/],
    ["a band deeper than allowed", { ...oddLayout(), band: 4 }, /1 至 3 行/],
    ["no records below the band", { ...oddLayout(), range: "A2:E2" }, /没有数据行/],
    ["a line outside the range", { ...oddLayout(), lines: [...oddLayout().lines, { offset: 9, role: "ignore", header: "" }] }, /不在表格范围内/],
    ["no completed line", { ...oddLayout(), lines: oddLayout().lines.filter((l) => l.role !== "completed") }, /恰好一列指标要求和一列完成情况/],
    [
      "a score role in an indicator table",
      { ...oddLayout(), lines: [...oddLayout().lines.slice(0, 4), { offset: 4, role: "weight", header: "进度比" }] },
      /不适用于指标表/,
    ],
    ["no header text at all", { ...oddLayout(), lines: oddLayout().lines.map((l) => ({ ...l, header: "" })) }, /表头都是空的/],
    [
      "areas on some lines only",
      { ...oddLayout(), lines: oddLayout().lines.map((l) => (l.role === "target" ? { ...l, area: "一片区" } : l)) },
      /每个指标、完成、完成率列都要写明片区/,
    ],
    ["a score table with one party", { ...acrossScoreLayout(), records: [{ offset: 0, role: "party", party: "buyer" }] }, /至少需要两个评估方/],
    ["an unknown party", { ...acrossScoreLayout(), records: [{ offset: 0, role: "party", party: "mayor" }] }, /购买方、监督方、督导中心或第三方/],
  ])("rejects %s in plain Chinese", (_, input, message) => {
    expect(reason(input)).toMatch(message);
  });
});

describe("layout files", () => {
  it("export and import round trip", () => {
    const text = layoutsToJson([oddLayout(), acrossScoreLayout()]);
    expect(parseLayoutJson(text)).toEqual([oddLayout(), acrossScoreLayout()]);
  });

  it("import one bare layout, with a byte-order mark", () => {
    expect(parseLayoutJson("\uFEFF" + JSON.stringify(oddLayout()))).toEqual([oddLayout()]);
  });

  it("say plainly when the file is not JSON", () => {
    expect(() => parseLayoutJson("{not json")).toThrow(/不是有效的 JSON/);
    expect(() => parseLayoutJson("[]")).toThrow(/没有布局/);
  });

  it("a layout taught again over the same range replaces the old one", () => {
    const renamed = { ...oddLayout(), name: "新名字" };
    expect(mergeLayouts([oddLayout(), acrossScoreLayout()], [renamed])).toEqual([acrossScoreLayout(), renamed]);
  });
});
