import { evaluate } from "../../../src/core/evaluate";
import { CATEGORIES, matchCategory } from "../../../src/core/roster/categories";
import type { CellValue, WorkbookSnapshot } from "../../../src/core/types";
import { idCheckDigit } from "../../support/generate-roster";

const HEADER = ["序号", "姓名", "性别", "年龄", "村（居）", "联系电话", "服务对象类别", "跟进级别"];
const SHEET = "台账";

/** a roster under a title naming the evaluation window; one row per [sex, age, category] */
function roster(rows: [string, number, string][], title = "服务对象台账（2023年7月1日至2023年11月30日）"): WorkbookSnapshot {
  const values: CellValue[][] = [[title], HEADER];
  rows.forEach(([sex, age, cat], i) => values.push([i + 1, `对象${i + 1}`, sex, age, "青年社区", "13800138000", cat, "一级"]));
  return { source: "台账.xlsx", sheets: [{ name: SHEET, values }] };
}

function findings(rows: [string, number, string][], codes: string[]) {
  return evaluate(roster(rows))
    .report.findings.filter((f) => f.sheet === SHEET && codes.includes(f.code))
    .map((f) => `${f.code} ${f.cell}`);
}

const CAT = ["category-age-mismatch", "category-gender-mismatch", "category-not-elderly"];

describe("the 17 categories' rules (穗府办〔2023〕7号 第四条)", () => {
  test("the age limits are data in the category table", () => {
    expect(CATEGORIES).toHaveLength(17);
    expect(CATEGORIES.filter((c) => c.elderly)).toHaveLength(7);
    expect(CATEGORIES.find((c) => c.name === "农村留守儿童")?.age).toEqual({ below: 16 });
    expect(CATEGORIES.find((c) => c.name.startsWith("困境儿童"))?.age).toEqual({ below: 18 });
    expect(matchCategory("重残")).toMatchObject({ bare: true });
    expect(matchCategory("重残老人")).toMatchObject({ bare: false });
  });

  test("农村留守儿童 is under 16; 困境儿童, 孤儿 and 事实无人抚养儿童 are under 18", () => {
    const got = findings(
      [
        ["男", 15, "农村留守儿童"],
        ["女", 16, "留守儿童"],
        ["男", 17, "困境儿童"],
        ["女", 18, "孤儿"],
        ["男", 19, "事实无人抚养儿童"],
      ],
      CAT,
    );
    expect(got).toEqual(["category-age-mismatch G4", "category-age-mismatch G6", "category-age-mismatch G7"]);
  });

  test("a bare 重残 / 独居 under 60 is no elderly breach: info, 重残 to record as 残疾人; named elderly forms keep the rule", () => {
    const r = evaluate(
      roster([
        ["男", 45, "重残"],
        ["女", 50, "独居"],
        ["男", 45, "重残老人"],
        ["女", 70, "重残"],
        ["男", 55, "失能（特殊困难老年人）"],
      ]),
    );
    const got = r.report.findings.filter((f) => CAT.includes(f.code));
    expect(got.map((f) => `${f.code} ${f.severity} ${f.cell}`)).toEqual([
      "category-age-mismatch warning G5",
      "category-age-mismatch warning G7",
      "category-not-elderly info G3",
      "category-not-elderly info G4",
    ]);
    expect(got.find((f) => f.cell === "G3")?.message).toContain("请记录为“残疾人”");
  });

  test("农村留守妇女 and 单身特困母亲 must be women", () => {
    const got = findings(
      [
        ["男", 40, "农村留守妇女"],
        ["女", 40, "留守妇女"],
        ["男", 40, "单身特困母亲"],
      ],
      CAT,
    );
    expect(got).toEqual(["category-gender-mismatch G3", "category-gender-mismatch G5"]);
  });

  test("ages from the ID number are checked by default at the window's end", () => {
    // born 2007-03-01: 16 at 2023-11-30; no 年龄 column, so only the ID says how old
    const first17 = "44011220070301011";
    const values: CellValue[][] = [
      ["服务对象台账（2023年7月1日至2023年11月30日）"],
      ["序号", "姓名", "性别", "身份证号码", "村（居）", "联系电话", "服务对象类别"],
      [1, "对象1", "男", first17 + idCheckDigit(first17), "青年社区", "13800138000", "农村留守儿童"],
    ];
    const r = evaluate({ source: "台账.xlsx", sheets: [{ name: SHEET, values }] });
    expect(r.report.asOf).toBe("2023-11-30");
    expect(r.report.findings.filter((f) => f.code === "category-age-mismatch").map((f) => f.cell)).toEqual(["G3"]);
    const noWindow = evaluate({ source: "台账.xlsx", sheets: [{ name: SHEET, values: [["服务对象台账"], ...values.slice(1)] }] });
    expect(noWindow.report.findings.map((f) => f.code)).not.toContain("category-age-mismatch");
  });
});
