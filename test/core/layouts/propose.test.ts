import { evaluate } from "../../../src/core/evaluate";
import { previewLayout } from "../../../src/core/layouts/preview";
import { proposeLayout, regionFrom } from "../../../src/core/layouts/propose";
import { validateLayout, type SavedLayout } from "../../../src/core/layouts/savedLayout";
import type { SheetSnapshot } from "../../../src/core/types";
import { oddLayout, oddSheet, workbook } from "./fixtures";

const roles = (l: SavedLayout) => l.lines.map((x) => (x.area ? `${x.role}@${x.area}` : x.role));

describe("proposeLayout: a first guess for the review", () => {
  test("a row table under known words: one band row, every role from its header, units and percent included", () => {
    const sheet: SheetSnapshot = {
      name: "指标",
      values: [
        ["填报单位：某某社工站", null, null, null, null],
        ["服务内容", "单位", "合同指标", "累计完成", "完成比例"],
        ["建档", "个", 200, 371, null],
        ["个案", "个", 90, 43, null],
      ],
    };
    const p = proposeLayout(sheet, "a2:e4");
    expect(p.layout).toMatchObject({ kind: "indicators", orientation: "down", band: 1, range: "A2:E4", sheet: "指标" });
    expect(roles(p.layout)).toEqual(["label", "unit", "target", "completed", "percent"]);
    expect(p.lines.map((l) => `${l.at}:${l.header}`)).toEqual(["A:服务内容", "B:单位", "C:合同指标", "D:累计完成", "E:完成比例"]);
    expect(p.records.map((r) => `${r.at}:${r.label}`)).toEqual(["3:建档", "4:个案"]);
    // the guess validates as it is, and its preview is what the run scores
    expect(validateLayout(p.layout)).toEqual(p.layout);
    const preview = previewLayout(p.layout, sheet, { lang: "zh" });
    const run = evaluate(workbook(sheet), { layouts: [p.layout] }).report.indicators;
    expect(preview.ok && preview.kind === "indicators" && preview.indicators.map((i) => [i.label, i.percent, i.percentCell])).toEqual(
      run.map((i) => [i.label, i.percent, i.percentCell]),
    );
    expect(run.map((i) => i.percent)).toEqual([371 / 200, 43 / 90]);
  });

  test("an area table under a two-row band with merges: areas from the band, the total's percent, single-row texts merged down", () => {
    const sheet: SheetSnapshot = {
      name: "片区",
      values: [
        ["服务内容", "单位", "一片区", null, "二片区", null, "合计", null, "完成率"],
        [null, null, "指标", "完成", "指标", "完成", "指标", "完成", null],
        ["建档", "个", 100, 150, 100, 221, 200, 371, null],
      ],
      merges: [
        { r1: 0, c1: 0, r2: 1, c2: 0 },
        { r1: 0, c1: 1, r2: 1, c2: 1 },
        { r1: 0, c1: 2, r2: 0, c2: 3 },
        { r1: 0, c1: 4, r2: 0, c2: 5 },
        { r1: 0, c1: 6, r2: 0, c2: 7 },
        { r1: 0, c1: 8, r2: 1, c2: 8 },
      ],
    };
    const p = proposeLayout(sheet, "A1:I3");
    expect(p.layout.band).toBe(2);
    expect(p.lines.map((l) => l.header)).toEqual([
      "服务内容",
      "单位",
      "一片区/指标",
      "一片区/完成",
      "二片区/指标",
      "二片区/完成",
      "合计/指标",
      "合计/完成",
      "完成率",
    ]);
    expect(roles(p.layout)).toEqual([
      "label",
      "unit",
      "target@一片区",
      "completed@一片区",
      "target@二片区",
      "completed@二片区",
      "target@合计",
      "completed@合计",
      "percent@合计",
    ]);
    const preview = previewLayout(p.layout, sheet, { lang: "zh" });
    expect(preview.ok && preview.kind === "indicators" && preview.indicators.map((i) => [i.area, i.percent])).toEqual([
      ["一片区", 1.5],
      ["二片区", 2.21],
      ["合计", 371 / 200],
    ]);
  });

  test("four parties laid across: read across, scores, each party a record, 总分 and 等级 found", () => {
    const sheet: SheetSnapshot = {
      name: "评分",
      values: [
        ["评估方", "购买方", "监督方", "督导中心", "第三方评估机构", "总分", "等级"],
        ["分值占比", 0.2, 0.1, 0.15, 0.55, null, null],
        ["得分", 90, 80, 70, 95, null, null],
      ],
    };
    const p = proposeLayout(sheet, "A1:G3");
    expect(p.layout).toMatchObject({ kind: "scores", orientation: "across", band: 1 });
    expect(roles(p.layout)).toEqual(["label", "weight", "score"]);
    expect(p.lines.map((l) => l.at)).toEqual(["1", "2", "3"]);
    expect(p.layout.records).toEqual([
      { offset: 0, role: "party", party: "buyer" },
      { offset: 1, role: "party", party: "supervisor" },
      { offset: 2, role: "party", party: "supervision-centre" },
      { offset: 3, role: "party", party: "third-party" },
      { offset: 4, role: "total" },
      { offset: 5, role: "grade" },
    ]);
    const preview = previewLayout(p.layout, sheet, { lang: "zh" });
    expect(preview.ok && preview.kind === "scores" && preview.score).toMatchObject({ total: 88.75, grade: "良好", totalCell: "F3", gradeCell: "G3" });
  });

  test("headers the vocabulary does not know: the first line is the name, the rest wait for the evaluator; the taught roles score", () => {
    const sheet = oddSheet();
    const p = proposeLayout(sheet, "A2:E5");
    expect(roles(p.layout)).toEqual(["label", "ignore", "ignore", "ignore", "ignore"]);
    const guess = previewLayout(p.layout, sheet, { lang: "en" });
    expect(guess).toEqual({
      ok: false,
      zh: expect.stringContaining("需要一列指标要求和一列完成情况"),
      en: expect.stringContaining("needs a target and a completed line"),
    });
    const taught = { ...p.layout, name: oddLayout().name, lines: oddLayout().lines };
    const preview = previewLayout(taught, sheet, { lang: "zh" });
    expect(preview.ok && preview.kind === "indicators" && preview.indicators.map((i) => i.percent)).toEqual([0.75, 1.25, 0.75]);
  });

  test("the band, the orientation and the kind can be forced; a band never swallows every record", () => {
    const sheet = oddSheet();
    expect(proposeLayout(sheet, "A1:E5", { band: 2 }).lines[0].header).toBe("某某社工站年度工作/事项");
    expect(proposeLayout(sheet, "A2:E3", { band: 3 }).layout.band).toBe(1);
    const across = proposeLayout(sheet, "A2:E5", { orientation: "across", kind: "scores" });
    expect(across.layout).toMatchObject({ orientation: "across", kind: "scores" });
    // 事项 and 量词 hold no figure: both are the band, the three columns of figures the records
    expect(across.layout.band).toBe(2);
    expect(across.lines).toHaveLength(4);
    expect(across.layout.records).toHaveLength(3);
  });
});

describe("regionFrom: the range a table starting at a header cell covers", () => {
  test("across the header and down while rows hold anything; never up into the title; a merged-across header's blanks are spanned", () => {
    const sheet = oddSheet();
    sheet.values.push([null, null, null, null, null], ["注：以上为年初计划", null, null, null, null]);
    expect(regionFrom(sheet, 1, 0)).toBe("A2:E5");
    const area: SheetSnapshot = {
      name: "片区",
      values: [
        ["服务内容", "一片区", null, "合计", null, null, "备注在别处"],
        [null, "指标", "完成", "指标", "完成"],
        ["建档", 100, 150, 200, 371],
      ],
    };
    expect(regionFrom(area, 0, 0)).toBe("A1:E3");
  });
});
