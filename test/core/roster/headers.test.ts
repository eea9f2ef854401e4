import { analyseRosters } from "../../../src/core/roster";
import { directLookup } from "../../../src/core/roster/match";
import { lastDataRow, locateHeader } from "../../../src/core/roster/headers";
import { BUILTIN_TEMPLATE } from "../../../src/core/roster/template";
import { twoRowRoster } from "../../fixtures/roster/two-row";

const lookup = directLookup(BUILTIN_TEMPLATE);

describe("locateHeader", () => {
  test("reads a two-row merged header: group/sub joined, merged-down headers kept", () => {
    const layout = locateHeader(twoRowRoster(), lookup);
    expect(layout).toMatchObject({ top: 1, last: 2 });
    const texts = layout?.cells.map((c) => c.text);
    expect(texts).toEqual([
      "序号",
      "基本信息/姓名",
      "基本信息/性别",
      "基本信息/身份证号码",
      "基本信息/年龄",
      "基本信息/居住地址",
      "联系方式/联系电话",
      "联系方式/紧急联系人电话",
      "社区",
      "困境类型",
      "服务情况/服务需求",
      "服务情况/一人一策",
      "服务情况/跟进记录",
      "负责社工",
      "建档日期",
    ]);
    // merged-down headers sit on the top row, sub-headers on the second
    expect(layout?.cells[0].row).toBe(1);
    expect(layout?.cells[1].row).toBe(2);
  });

  test("a one-row header below a title is not mistaken for a two-row one", () => {
    const sheet = { name: "s", values: [["花名册"], ["姓名", "性别", "身份证号码", "联系电话", "社区"], ["张", "男", "x", "y", "z"]] };
    expect(locateHeader(sheet, lookup)).toMatchObject({ top: 1, last: 1, score: 5 });
  });

  test("only the first 20 rows are searched", () => {
    const values = Array.from({ length: 20 }, () => ["说明"]);
    values.push(["姓名", "性别", "身份证号码", "联系电话", "社区"]);
    const layout = locateHeader({ name: "s", values }, lookup);
    expect(layout === null || layout.score < 5).toBe(true);
  });

  test("a signature line under the table is not a data row", () => {
    const sheet = {
      name: "s",
      values: [["姓名", "性别", "身份证号码", "联系电话", "社区"], ["张", "男", "x", "y", "z"], [], ["填表人：", null, "审核人："]],
    };
    const layout = locateHeader(sheet, lookup);
    expect(layout && lastDataRow(sheet, layout, 5)).toBe(1);
  });
});

describe("two-row roster end to end", () => {
  const r = analyseRosters({ source: "x", sheets: [twoRowRoster()] }, {}, { asOf: "2025-06-30", lang: "zh", claimedSheets: new Set() });
  const rest = r.restorations[0];
  const byField = new Map(rest.mapping.map((m) => [m.field, m]));

  test("maps sub-headers under generic groups and reports the last header row", () => {
    expect(rest.headerRow).toBe(3);
    expect(rest.rows).toBe(2);
    expect(byField.get("姓名")).toMatchObject({ header: "基本信息/姓名", column: "B", method: "exact" });
    expect(byField.get("联系电话")).toMatchObject({ column: "G", method: "exact" });
    expect(byField.get("村（居）")).toMatchObject({ header: "社区", column: "I", method: "synonym" });
    expect(byField.get("跟进记录（电访/探访）")).toMatchObject({ column: "M", method: "synonym" });
    expect(rest.unmappedHeaders).toEqual(["联系方式/紧急联系人电话"]);
  });

  test("missing columns go to the right end of the last header row", () => {
    const added = r.plan.find((op) => op.kind === "cells" && op.purpose === "missing-column");
    expect(added).toMatchObject({ sheet: "服务对象（两行表头）", row: 2, col: 15 });
    const f = r.findings.find((x) => x.code === "missing-template-column");
    expect(f?.cell).toBe("P3");
  });

  test("clean rows raise no row findings", () => {
    const rowCodes = r.findings.filter((f) => Number(f.cell.replace(/[A-Z]+/, "")) > 3);
    expect(rowCodes).toEqual([]);
  });
});
