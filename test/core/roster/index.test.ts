import { analyseRosters, BUILTIN_TEMPLATE, type RosterResult } from "../../../src/core/roster";
import type { EvaluateOptions, PlanCell, PlanOp, WorkbookSnapshot } from "../../../src/core/types";
import { plannedGrid } from "../../support/plan-grid";
import { AS_OF, DRIFTED_HEADERS, ID_OLD_MAN, PEOPLE, SHEET, driftedRoster, rowOf } from "../../fixtures/roster/drifted";

function run(snapshot: WorkbookSnapshot, options: EvaluateOptions = {}, asOf: string | null = AS_OF): RosterResult {
  return analyseRosters(snapshot, options, { asOf, lang: "zh", claimedSheets: new Set() });
}

const workbook = (): WorkbookSnapshot => ({ source: "台账.xlsx", sheets: [driftedRoster()] });

function cellsOps(plan: PlanOp[], sheet: string): Extract<PlanOp, { kind: "cells" }>[] {
  return plan.filter((op): op is Extract<PlanOp, { kind: "cells" }> => op.kind === "cells" && op.sheet === sheet);
}

describe("analyseRosters on a drifted roster", () => {
  const result = run(workbook());
  const restoration = result.restorations[0];
  const view = restoration.outputSheet;

  test("finds the one roster under its merged title", () => {
    expect(result.restorations).toHaveLength(1);
    expect(restoration.sourceSheet).toBe(SHEET);
    expect(restoration.headerRow).toBe(2);
    expect(restoration.rows).toBe(PEOPLE.length - 1);
    expect(view).toBe(BUILTIN_TEMPLATE.name);
  });

  test("maps renamed and reordered columns by name, with methods and confidences", () => {
    const byField = new Map(restoration.mapping.map((m) => [m.field, m]));
    expect(byField.get("姓名")).toMatchObject({ header: "服务对象姓名", column: "B", method: "synonym", confidence: 0.95 });
    expect(byField.get("身份证号码")).toMatchObject({ header: "身份证号", column: "C", method: "synonym" });
    expect(byField.get("性别")).toMatchObject({ header: "性别", column: "D", method: "exact", confidence: 1 });
    expect(byField.get("联系电话")).toMatchObject({ column: "F", method: "synonym" });
    expect(byField.get("村（居）")).toMatchObject({ header: "所属社区", column: "G" });
    expect(byField.get("镇（街）")).toMatchObject({ header: "街道", column: "H" });
    expect(byField.get("服务对象类别")).toMatchObject({ header: "困境类型", column: "I" });
    expect(byField.get("负责社工")).toMatchObject({ header: "对接社工", column: "Q" });
    expect(byField.get("建档日期")).toMatchObject({ header: "建档时间", column: "R" });
    const similar = byField.get("家庭情况");
    expect(similar).toMatchObject({ header: "家庭情况说明", column: "M", method: "similar" });
    expect(similar?.confidence).toBeGreaterThanOrEqual(0.8);
    expect(similar?.confidence).toBeLessThan(0.95);
    expect(byField.get("服务成效")).toMatchObject({ header: "服务成效", column: "W", method: null });
    expect(byField.get("人户分离情况")).toMatchObject({ column: "V", method: null });
    expect(restoration.missingFields).toEqual(["人户分离情况", "服务成效"]);
    expect(restoration.unmappedHeaders).toEqual(["民族", "监护人电话"]);
  });

  test("flags each planted slip on its exact cell, and nothing else", () => {
    const got = result.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`).sort();
    const at = (code: string, col: string, i: number) => `${code} ${SHEET}!${col}${rowOf(i) + 1}`;
    const slip = (name: string) => PEOPLE.findIndex((p) => p.slip === name);
    const expected = [
      `low-confidence-mapping ${SHEET}!M2`,
      `missing-template-column ${SHEET}!V2`,
      `missing-template-column ${SHEET}!W2`,
      `unmapped-column ${SHEET}!T2`,
      `unmapped-column ${SHEET}!U2`,
      at("blank-row", "A", slip("blank row")),
      at("invalid-id-number", "C", slip("bad check digit")),
      at("id-precision-lost", "C", slip("ID stored as number")),
      at("legacy-id-number", "C", slip("15-digit ID")),
      at("id-gender-mismatch", "D", slip("sex mismatch")),
      at("id-age-mismatch", "E", slip("age mismatch")),
      at("invalid-phone", "F", slip("bad phone")),
      at("full-width-digits", "F", slip("full-width phone")),
      at("unknown-category", "I", slip("unknown category")),
      at("unknown-category", "I", slip("高龄 alone")),
      at("category-age-mismatch", "I", slip("elderly category at 45")),
      at("category-age-mismatch", "I", slip("留守儿童 aged 20")),
      at("category-gender-mismatch", "I", slip("单身特困母亲 male")),
      at("duplicate-person", "C", slip("duplicate ID")),
      at("missing-value", "B", slip("blank 姓名")),
      // no 跟进记录 ("2025-05 电访") names a day: said once, on the column's header
      `follow-up-no-dates ${SHEET}!P2`,
    ].sort();
    expect(got).toEqual(expected);
  });

  test("messages carry masked IDs and the earlier row of a duplicate", () => {
    const dup = result.findings.find((f) => f.code === "duplicate-person");
    expect(dup?.message).toContain(`${ID_OLD_MAN.slice(0, 6)}********${ID_OLD_MAN.slice(14)}`);
    expect(dup?.message).toContain(`第 ${rowOf(0) + 1} 行`);
    const age = result.findings.find((f) => f.code === "id-age-mismatch");
    expect(age?.message).toBe("年龄 50 与身份证号码推算的 45 岁不符");
    const elderly = result.findings.find((f) => f.code === "category-age-mismatch");
    expect(elderly?.message).toBe("类别“空巢老人”要求年龄不小于 60 岁，但年龄为 45");
    for (const f of result.findings) expect(f.message).not.toMatch(/甲|乙|某路/);
  });

  test("adds the missing template columns at the right end of the header row, highlighted", () => {
    const [added] = cellsOps(result.plan, SHEET);
    expect(added).toMatchObject({ row: 1, col: 21, purpose: "missing-column" });
    expect(added.cells).toEqual([[{ value: "人户分离情况" }, { value: "服务成效" }]]);
    const fills = result.plan.filter((op) => op.kind === "fill" && op.role === "header-missing");
    expect(fills.map((f) => f.kind === "fill" && f.sheet)).toEqual([SHEET, view]);
    const viewFill = fills[1];
    const outcomeCol = BUILTIN_TEMPLATE.fields.findIndex((f) => f.name === "服务成效");
    expect(viewFill.kind === "fill" && viewFill.ranges).toContainEqual({ r1: 1, c1: outcomeCol, r2: 1, c2: outcomeCol });
  });

  test("writes the template view: title, header, live formulas with cached values, serials, formats", () => {
    const ops = cellsOps(result.plan, view);
    expect(result.plan[result.plan.findIndex((op) => op.kind === "addSheet")]).toEqual({ kind: "addSheet", sheet: view, after: SHEET });
    expect(ops[0].cells[0][0]?.value).toBe("服务对象家庭信息汇总表");
    expect(ops[1].cells[0].map((c) => c?.value)).toEqual(BUILTIN_TEMPLATE.fields.map((f) => f.name));
    const body = { cells: plannedGrid(result.plan, view, workbook(), 2) };
    expect(body.cells).toHaveLength(PEOPLE.length - 1);
    const col = (name: string) => BUILTIN_TEMPLATE.fields.findIndex((f) => f.name === name);
    const first = body.cells[0];
    expect(first[col("序号")]).toEqual({ value: 1 });
    expect(first[col("姓名")]).toEqual({ value: "甲一", formula: `=IF('${SHEET}'!B3="","",'${SHEET}'!B3)` });
    expect(first[col("身份证号码")]?.formula).toBe(`=IF('${SHEET}'!C3="","",'${SHEET}'!C3)`);
    expect(first[col("身份证号码")]?.numberFormat).toBeUndefined();
    expect(first[col("建档日期")]).toMatchObject({ numberFormat: "yyyy-mm-dd", formula: `=IF('${SHEET}'!R3="","",'${SHEET}'!R3)` });
    expect(first[col("服务成效")]).toEqual({ value: null, formula: `=IF('${SHEET}'!W3="","",'${SHEET}'!W3)` });
    // the blank row is skipped: the row after it reads source row 10, serial 7
    const afterBlank = body.cells[6];
    expect(afterBlank[col("序号")]).toEqual({ value: 7 });
    expect(afterBlank[col("联系电话")]?.formula).toBe(`=IF('${SHEET}'!F10="","",'${SHEET}'!F10)`);
    expect(result.plan).toContainEqual({ kind: "freeze", sheet: view, rows: 2, cols: 0 });
    expect(result.plan).toContainEqual({ kind: "merge", sheet: view, range: { r1: 0, c1: 0, r2: 0, c2: 20 } });
    const widths = result.plan.find((op) => op.kind === "columnWidths");
    expect(widths?.kind === "columnWidths" && widths.widths).toHaveLength(21);
  });

  test("values-only mode writes frozen values, IDs as text", () => {
    const frozen = run(workbook(), { liveFormulas: false });
    const body = { cells: plannedGrid(frozen.plan, view, workbook(), 2) };
    const idCol = BUILTIN_TEMPLATE.fields.findIndex((f) => f.name === "身份证号码");
    expect(body.cells[0][idCol]).toEqual({ value: ID_OLD_MAN, numberFormat: "@" });
    expect(body.cells.every((row) => row.every((c: PlanCell | null) => c === null || c.formula === undefined))).toBe(true);
  });

  test("addMissingColumns: false leaves the working sheet alone", () => {
    const r = run(workbook(), { addMissingColumns: false });
    expect(cellsOps(r.plan, SHEET)).toHaveLength(0);
    expect(r.restorations[0].missingFields).toEqual(["人户分离情况", "服务成效"]);
    expect(r.findings.some((f) => f.code === "missing-template-column")).toBe(false);
  });

  test("without an evaluation date the age check is skipped, the rest still runs", () => {
    const r = run(workbook(), {}, null);
    expect(r.findings.some((f) => f.code === "id-age-mismatch")).toBe(false);
    expect(r.findings.some((f) => f.code === "id-gender-mismatch")).toBe(true);
  });

  test("category thresholds are configurable", () => {
    const r = run(workbook(), { elderlyAge: 40, childAge: 21 });
    expect(r.findings.filter((f) => f.code === "category-age-mismatch")).toHaveLength(0);
  });

  test("English messages", () => {
    const r = analyseRosters(workbook(), {}, { asOf: AS_OF, lang: "en", claimedSheets: new Set() });
    expect(r.findings.find((f) => f.code === "missing-value")?.message).toBe("The required field “姓名” is blank");
  });

  test("claimed, hidden and unrelated sheets are not rosters", () => {
    const other = { name: "指标", values: [["指标名称", "单位", "指标要求", "完成情况"]] };
    expect(analyseRosters(workbook(), {}, { asOf: AS_OF, lang: "zh", claimedSheets: new Set([SHEET]) }).restorations).toHaveLength(0);
    expect(run({ source: "x", sheets: [{ ...driftedRoster(), hidden: true }] }).restorations).toHaveLength(0);
    expect(run({ source: "x", sheets: [other] }).restorations).toHaveLength(0);
  });

  test("restore: false still maps and checks but plans nothing", () => {
    const r = run(workbook(), { restore: false });
    expect(r.plan).toHaveLength(0);
    expect(r.restorations[0].outputSheet).toBe("");
    expect(r.findings.some((f) => f.code === "duplicate-person")).toBe(true);
  });

  test("headers count matches the issue's 21 template fields", () => {
    expect(DRIFTED_HEADERS).toHaveLength(21);
    expect(BUILTIN_TEMPLATE.fields).toHaveLength(21);
  });
});
