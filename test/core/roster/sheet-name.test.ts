import { analyseRosters, BUILTIN_TEMPLATE } from "../../../src/core/roster";
import { chooseSheetName, cleanSheetName } from "../../../src/core/roster/sheet-name";
import type { PlanOp, SheetSnapshot, TemplateDef } from "../../../src/core/types";
import { driftedRoster } from "../../fixtures/roster/drifted";

const ctx = { asOf: null, lang: "zh" as const, claimedSheets: new Set<string>() };
const addSheets = (plan: PlanOp[]) => plan.filter((op) => op.kind === "addSheet").map((op) => op.kind === "addSheet" && op.sheet);

describe("cleanSheetName", () => {
  test("drops forbidden characters and keeps within 31 characters", () => {
    expect(cleanSheetName("服务[对象]:汇总*表?/2025\\版")).toBe("服务对象汇总表2025版");
    const long = "服".repeat(40);
    expect(Array.from(cleanSheetName(long))).toHaveLength(31);
    expect(cleanSheetName("'引号'")).toBe("引号");
    expect(cleanSheetName("[]")).toBe("套表视图");
  });
});

describe("chooseSheetName", () => {
  test("an existing sheet that is not ours gets a (2) suffix, compared without case", () => {
    expect(chooseSheetName("Roster", ["roster"], new Set(), () => false)).toBe("Roster(2)");
    expect(chooseSheetName("Roster", ["roster", "Roster(2)"], new Set(), () => false)).toBe("Roster(3)");
  });

  test("a suffix never pushes the name past 31 characters", () => {
    const name = "服".repeat(31);
    const got = chooseSheetName(name, [name], new Set(), () => false);
    expect(Array.from(got)).toHaveLength(31);
    expect(got.endsWith("(2)")).toBe(true);
  });

  test("our own earlier output is reused under its existing spelling", () => {
    expect(chooseSheetName("View", ["view"], new Set(), () => true)).toBe("view");
  });
});

describe("output sheet naming in analyseRosters", () => {
  test("a 40-character template name with forbidden characters is shortened and reported", () => {
    const template: TemplateDef = { ...BUILTIN_TEMPLATE, name: "服务对象家庭信息汇总表：省/双百工程*套表[2025年版]第一季度更新稿正式提交用" };
    expect(Array.from(template.name).length).toBeGreaterThan(31);
    const r = analyseRosters({ source: "x", sheets: [driftedRoster()] }, { template }, ctx);
    const out = r.restorations[0].outputSheet;
    expect(Array.from(out).length).toBeLessThanOrEqual(31);
    expect(out).not.toMatch(/[[\]:*?/\\]/);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: "sheet-name-adjusted", sheet: out, cell: "A1" }));
  });

  test("a sheet of the same name that is not ours is kept; the view gets (2)", () => {
    const theirs: SheetSnapshot = { name: BUILTIN_TEMPLATE.name, values: [["我们自己的笔记"]] };
    const r = analyseRosters({ source: "x", sheets: [driftedRoster(), theirs] }, {}, ctx);
    expect(r.restorations[0].outputSheet).toBe(`${BUILTIN_TEMPLATE.name}(2)`);
    expect(addSheets(r.plan)).toEqual([`${BUILTIN_TEMPLATE.name}(2)`]);
  });

  test("re-running over our own output reuses its name and does not treat it as a roster", () => {
    const first = analyseRosters({ source: "x", sheets: [driftedRoster()] }, {}, ctx);
    const view: SheetSnapshot = {
      name: BUILTIN_TEMPLATE.name,
      values: [["服务对象家庭信息汇总表"], BUILTIN_TEMPLATE.fields.map((f) => f.name), [1, "石楼镇"]],
    };
    const second = analyseRosters({ source: "x", sheets: [driftedRoster(), view] }, {}, ctx);
    expect(second.restorations).toHaveLength(1);
    expect(second.restorations[0].outputSheet).toBe(first.restorations[0].outputSheet);
    expect(second.findings.some((f) => f.code === "sheet-name-adjusted")).toBe(false);
  });

  test("two rosters get two distinct views", () => {
    const r = analyseRosters({ source: "x", sheets: [driftedRoster("台账一"), driftedRoster("台账二")] }, {}, ctx);
    expect(addSheets(r.plan)).toEqual([BUILTIN_TEMPLATE.name, `${BUILTIN_TEMPLATE.name}(2)`]);
  });
});

describe("our own view versus a roster already in the official layout", () => {
  const header = BUILTIN_TEMPLATE.fields.map((f) => f.name);
  const row = [1, "石楼镇", "青年社区", "某人", "男", null, 70, "13812348000", "某路", "某村", "户籍在、人在", "低保"];

  test("a view under another name is still ours when its cells are our formulas", () => {
    const view: SheetSnapshot = {
      name: "我改过名的视图",
      values: [["服务对象家庭信息汇总表"], header, row],
      formulas: [[], [], [null, `=IF('台账'!H3="","",'台账'!H3)`]],
    };
    expect(analyseRosters({ source: "x", sheets: [view] }, {}, ctx).restorations).toHaveLength(0);
  });

  test("a station sheet typed straight into the official layout is checked like any roster", () => {
    const typed: SheetSnapshot = { name: "台账", values: [["服务对象家庭信息汇总表"], header, row] };
    const r = analyseRosters({ source: "x", sheets: [typed] }, {}, ctx);
    expect(r.restorations).toHaveLength(1);
    expect(r.restorations[0].mapping.every((m) => m.method === "exact")).toBe(true);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: "missing-value", cell: "F3" }));
  });
});
