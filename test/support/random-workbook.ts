/**
 * Random station workbooks for property tests: each is built from the blocks the tool reads
 * (the seed's indicator blocks, a row table, a four-party score sheet, a small drifted roster)
 * with random values, units, slips and junk, so a property exercises every part of the plan.
 */
import fc from "fast-check";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/types";

const UNITS = ["个", "人次", "节", "次", "人", "", "小时"];
const LABELS = ["服务对象建档", "辅导个案", "小组/工作坊", "探访", "电访", "大型活动", "调研", "新增志愿者", "志愿者培训", null, "未知指标"];

const quantity: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: 0, max: 2000 }),
  fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.constantFrom(...UNITS)).map(([n, u]) => `${n}${u}`),
  fc.constantFrom(null, "", "#DIV/0!", "１２个", "1,469人次", "约两百"),
);

const percent: fc.Arbitrary<CellValue> = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 4, noNaN: true }), fc.constantFrom("185.50%", "50%", "abc"));

const blocksSheet: fc.Arbitrary<SheetSnapshot> = fc
  .array(fc.tuple(fc.constantFrom(...LABELS), quantity, quantity, percent), { minLength: 1, maxLength: 6 })
  .map((blocks) => {
    const values: CellValue[][] = [["示例街“双百工程”社工站指标完成情况统计表（2023年7月1日至2023年11月30日）"]];
    for (const [label, t, d, p] of blocks) {
      values.push([label, "指标要求", "完成情况", "完成百分比"]);
      values.push([null, t, d, p]);
    }
    return { name: "指标完成情况", values };
  });

const rowTable: fc.Arbitrary<SheetSnapshot> = fc
  .array(fc.tuple(fc.constantFrom(...LABELS), quantity, quantity), { minLength: 1, maxLength: 6 })
  .map((rows) => ({ name: "指标表", values: [["指标名称", "协议指标", "实际完成"], ...rows.map(([l, t, d]) => [l, t, d])] }));

const scoreSheet: fc.Arbitrary<SheetSnapshot> = fc
  .tuple(fc.boolean(), fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(null)), { minLength: 4, maxLength: 4 }), fc.boolean())
  .map(([withWeights, scores, withTotalRow]) => {
    const names = ["购买方评估", "监督方评估", "督导中心评估", "第三方评估"];
    const weights = ["20%", "10%", "15%", "55%"];
    const values: CellValue[][] = [withWeights ? ["评估方", "权重", "得分"] : ["评估方", "得分"]];
    names.forEach((n, i) => values.push(withWeights ? [n, weights[i], scores[i]] : [n, scores[i]]));
    if (withTotalRow) values.push(["总分", null], ["等级", null]);
    return { name: "四方评分", values };
  });

function id(birth: string, seq: number, male: boolean): string {
  const body = `440112${birth}${String(seq * 2 + (male ? 1 : 0)).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i];
  return body + "10X98765432"[s % 11];
}

const person = fc.record({
  name: fc.constantFrom("陈晓明", "李秀英", "黄国强", null),
  male: fc.boolean(),
  year: fc.integer({ min: 1935, max: 2015 }),
  seq: fc.integer({ min: 1, max: 400 }),
  phone: fc.constantFrom("13800138000", "1380013800", "020-83001234", "１３９２２２２３３３３", null),
  category: fc.constantFrom("低保对象", "独居老人", "高龄", "农村留守儿童", "残疾人、低边", "单身特困母亲", null),
  blank: fc.boolean(),
});

const rosterSheet: fc.Arbitrary<SheetSnapshot> = fc.array(person, { minLength: 1, maxLength: 8 }).map((people) => {
  const header = ["序号", "服务对象姓名", "性别", "身份证号", "年龄", "手机号码", "社区", "困境类型", "对接社工", "建档时间"];
  const values: CellValue[][] = [["服务对象台账"], header];
  const formats: (string | null)[][] = [[], []];
  people.forEach((p, i) => {
    if (p.blank && i > 0) {
      values.push([]);
      formats.push([]);
      return;
    }
    values.push([i + 1, p.name, p.male ? "男" : "女", id(`${p.year}0615`, p.seq, p.male), 2023 - p.year, p.phone, "青年社区", p.category, "社工甲", 45200 + i]);
    formats.push([null, null, null, "@", null, null, null, null, null, "yyyy-mm-dd"]);
  });
  return { name: "服务对象台账", values, numberFormats: formats, merges: [{ r1: 0, c1: 0, r2: 0, c2: header.length - 1 }] };
});

const junkSheet: fc.Arbitrary<SheetSnapshot> = fc
  .array(fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 6 })), { maxLength: 5 }), { maxLength: 5 })
  .map((values) => ({ name: "备注", values: values.length ? values : [["说明"]] }));

/** A random station workbook: at least one sheet the tool scores, in random order. */
export const randomWorkbook: fc.Arbitrary<WorkbookSnapshot> = fc
  .tuple(fc.option(blocksSheet), fc.option(rowTable), fc.option(scoreSheet), fc.option(rosterSheet), fc.option(junkSheet))
  .map((parts) => parts.filter((s): s is SheetSnapshot => s !== null))
  .filter((sheets) => sheets.length > 0)
  .map((sheets) => ({ source: "随机社工站.xlsx", sheets }));
