import { analyseRosters } from "../../../src/core/roster";
import { matchColumns, SIMILAR_APPLY, SIMILAR_CANDIDATE, type HeaderCell } from "../../../src/core/roster/match";
import { gramDice, headerSimilarity } from "../../../src/core/roster/similarity";
import { BUILTIN_TEMPLATE } from "../../../src/core/roster/template";
import { normaliseHeader } from "../../../src/core/text";
import type { EvaluateOptions, SheetSnapshot } from "../../../src/core/types";
import { DRIFTED_HEADERS, driftedRoster } from "../../fixtures/roster/drifted";

const cells = (headers: string[]): HeaderCell[] => headers.map((text, col) => ({ col, row: 0, text, keys: [normaliseHeader(text)] }));
const fieldIndex = (name: string) => BUILTIN_TEMPLATE.fields.findIndex((f) => f.name === name);

describe("normaliseHeader", () => {
  test("full width, spaces, brackets and decorations", () => {
    expect(normaliseHeader(" 身份证\n号码（必填）")).toBe("身份证号码");
    expect(normaliseHeader("*姓　名：")).toBe("姓名");
    expect(normaliseHeader("村（居）")).toBe("村(居)");
    expect(normaliseHeader("联系电话*")).toBe("联系电话");
  });
});

describe("similarity", () => {
  test("姓名 and 名称 share a character but not a meaning", () => {
    expect(headerSimilarity("名称", "姓名")).toBeLessThan(SIMILAR_CANDIDATE);
    expect(gramDice("名称", "姓名")).toBeCloseTo(1 / 3, 5);
  });

  test("a qualifier added to a field name still matches; a different person's column does not", () => {
    expect(headerSimilarity("家庭情况说明", "家庭情况")).toBeGreaterThanOrEqual(SIMILAR_APPLY);
    expect(headerSimilarity("困难及需求说明", "主要困难及需求")).toBeGreaterThanOrEqual(SIMILAR_CANDIDATE);
    expect(headerSimilarity("紧急联系电话", "联系电话")).toBeLessThan(SIMILAR_APPLY);
    expect(headerSimilarity("监护人姓名", "姓名")).toBeLessThan(SIMILAR_APPLY);
  });
});

describe("matchColumns", () => {
  test("never by position: a reversed header row maps the same", () => {
    const forward = matchColumns({ template: BUILTIN_TEMPLATE, cells: cells(DRIFTED_HEADERS) });
    const reversed = matchColumns({ template: BUILTIN_TEMPLATE, cells: cells([...DRIFTED_HEADERS].reverse()) });
    forward.fields.forEach((m, i) => {
      expect(reversed.fields[i].header?.text).toBe(m.header?.text);
      expect(reversed.fields[i].method).toBe(m.method);
    });
  });

  test("each column serves one field; exact beats synonym", () => {
    const r = matchColumns({ template: BUILTIN_TEMPLATE, cells: cells(["电话", "联系电话", "手机"]) });
    expect(r.fields[fieldIndex("联系电话")]).toMatchObject({ method: "exact", header: { text: "联系电话" } });
    const usedCols = r.fields.filter((f) => f.header).map((f) => f.header?.col);
    expect(new Set(usedCols).size).toBe(usedCols.length);
  });

  test("a weak match is proposed, not applied", () => {
    const r = matchColumns({ template: BUILTIN_TEMPLATE, cells: cells(["姓名", "身份证号码", "对象分类"]) });
    const m = r.fields[fieldIndex("服务对象类别")];
    expect(m.header).toBeNull();
    expect(m.candidate?.text).toBe("对象分类");
    expect(m.confidence).toBeGreaterThanOrEqual(SIMILAR_CANDIDATE);
    expect(m.confidence).toBeLessThan(SIMILAR_APPLY);
  });

  test("a manual mapping overrides, null keeps a field empty, an unknown header is reported", () => {
    const r = matchColumns({
      template: BUILTIN_TEMPLATE,
      cells: cells(["姓名", "身份证号码", "对象分类", "电话"]),
      manual: { 服务对象类别: "对象分类", 联系电话: null, 备注: "不存在的列" },
    });
    expect(r.fields[fieldIndex("服务对象类别")]).toMatchObject({ method: "manual", confidence: 1, header: { text: "对象分类" } });
    expect(r.fields[fieldIndex("联系电话")]).toMatchObject({ method: "manual", header: null });
    expect(r.stale).toEqual([{ field: "备注", header: "不存在的列", source: "manual" }]);
  });
});

/** The drifted roster with 困境类型 renamed to a header only similarity can place. */
function renamed(changes: Record<string, string | null>): SheetSnapshot {
  const sheet = driftedRoster();
  const header = sheet.values[1].map((h) => (typeof h === "string" && h in changes ? changes[h] : h));
  sheet.values[1] = header;
  return sheet;
}

describe("saved mappings", () => {
  const ctx = { asOf: "2025-06-30", lang: "zh" as const, claimedSheets: new Set<string>() };
  const analyse = (sheet: SheetSnapshot, options: EvaluateOptions) => analyseRosters({ source: "x", sheets: [sheet] }, options, ctx);
  const categoryOf = (r: ReturnType<typeof analyse>) => r.restorations[0].mapping.find((m) => m.field === "服务对象类别");

  test("a candidate awaits confirmation: template column empty, header flagged", () => {
    const r = analyse(renamed({ 困境类型: "对象分类" }), {});
    expect(categoryOf(r)).toMatchObject({ header: null, column: null, method: null, candidate: "对象分类" });
    const f = r.findings.find((x) => x.code === "low-confidence-mapping" && x.cell === "I2");
    expect(f?.message).toMatch(/^套表字段“服务对象类别”可能对应列“对象分类”（相似度 0\.\d\d），请确认$/);
    expect(r.restorations[0].missingFields).not.toContain("服务对象类别");
    expect(r.mappingsToRemember).toEqual([]);
  });

  test("a confirmed mapping is remembered by header signature and reused as 'saved'", () => {
    const sheet = renamed({ 困境类型: "对象分类" });
    const confirmed = analyse(sheet, { manualMapping: { 服务对象类别: "对象分类" } });
    expect(categoryOf(confirmed)).toMatchObject({ column: "I", method: "manual", confidence: 1 });
    const [remembered] = confirmed.mappingsToRemember;
    expect(remembered.template).toBe("gd-shuangbai-roster");
    expect(remembered.fields["服务对象类别"]).toBe("对象分类");
    expect(JSON.stringify(remembered)).not.toMatch(/甲|4401/);

    const again = analyse(renamed({ 困境类型: "对象分类" }), { savedMappings: [remembered] });
    expect(categoryOf(again)).toMatchObject({ column: "I", method: "saved" });
    expect(again.findings.some((f) => f.code === "low-confidence-mapping" && f.cell === "I2")).toBe(false);
    expect(again.findings.some((f) => f.code === "stale-saved-mapping")).toBe(false);
  });

  test("a remembered mapping for another template is ignored", () => {
    const confirmed = analyse(renamed({ 困境类型: "对象分类" }), { manualMapping: { 服务对象类别: "对象分类" } });
    const other = { ...confirmed.mappingsToRemember[0], template: "other" };
    expect(categoryOf(analyse(renamed({ 困境类型: "对象分类" }), { savedMappings: [other] }))?.method).toBeNull();
  });

  test("only human decisions are remembered", () => {
    const confirmed = analyse(renamed({ 困境类型: "对象分类" }), { manualMapping: { 服务对象类别: "对象分类", 人户分离情况: null } });
    expect(confirmed.mappingsToRemember).toEqual([
      { template: "gd-shuangbai-roster", signature: expect.any(String), fields: { 人户分离情况: null, 服务对象类别: "对象分类" } },
    ]);
    // a field settled as "none" is still missing, but is not given a new column
    expect(confirmed.restorations[0].missingFields).toEqual(["人户分离情况", "服务成效"]);
    expect(confirmed.findings.filter((f) => f.code === "missing-template-column").map((f) => f.cell)).toEqual(["V2"]);
  });

  test("a remembered column that is gone is reported, not applied", () => {
    const confirmed = analyse(renamed({ 困境类型: "对象分类" }), { manualMapping: { 服务对象类别: "对象分类", 家庭情况: "家庭情况说明" } });
    const later = analyse(renamed({ 困境类型: "对象分组" }), { savedMappings: confirmed.mappingsToRemember });
    const stale = later.findings.filter((f) => f.code === "stale-saved-mapping");
    expect(stale).toHaveLength(1);
    expect(stale[0].message).toBe("对应关系“服务对象类别”→“对象分类”所指的列已不存在，未套用");
    expect(categoryOf(later)?.method).not.toBe("saved");
    // the rest of the remembered mapping still applies
    const family = later.restorations[0].mapping.find((m) => m.field === "家庭情况");
    expect(family).toMatchObject({ method: "saved", column: "M" });
    expect(later.findings.some((f) => f.code === "low-confidence-mapping" && f.cell === "M2")).toBe(false);
  });
});
