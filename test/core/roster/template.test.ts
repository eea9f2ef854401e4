import { BUILTIN_TEMPLATE, captureTemplate, headerSignature, validateTemplate } from "../../../src/core/roster/template";
import { analyseRosters } from "../../../src/core/roster";
import { blankTemplateSheet, twoRowRoster } from "../../fixtures/roster/two-row";

const ISSUE_HEADERS = [
  "序号",
  "镇（街）",
  "村（居）",
  "姓名",
  "性别",
  "身份证号码",
  "年龄",
  "联系电话",
  "居住地址",
  "户籍地址",
  "人户分离情况",
  "服务对象类别",
  "跟进级别",
  "家庭情况",
  "主要困难及需求",
  "服务计划（一人一策）",
  "跟进记录（电访/探访）",
  "服务成效",
  "负责社工",
  "建档日期",
  "备注",
];

describe("BUILTIN_TEMPLATE", () => {
  test("has the issue's 21 headers in order, with id, version and name", () => {
    expect(BUILTIN_TEMPLATE).toMatchObject({ id: "gd-shuangbai-roster", version: 1, name: "服务对象家庭信息汇总表（省“双百工程”套表）" });
    expect(BUILTIN_TEMPLATE.fields.map((f) => f.name)).toEqual(ISSUE_HEADERS);
  });

  test("requires 姓名, 身份证号码 and 服务对象类别 and generates 序号", () => {
    expect(BUILTIN_TEMPLATE.fields.filter((f) => f.required).map((f) => f.name)).toEqual(["姓名", "身份证号码", "服务对象类别"]);
    expect(BUILTIN_TEMPLATE.fields[0].generated).toBe("serial");
  });

  test("passes its own validation (it is plain data)", () => {
    expect(validateTemplate(JSON.parse(JSON.stringify(BUILTIN_TEMPLATE)))).toEqual(BUILTIN_TEMPLATE);
  });

  test("no synonym points at two fields", () => {
    const seen = new Map<string, string>();
    for (const f of BUILTIN_TEMPLATE.fields) {
      for (const n of [f.name, ...(f.synonyms ?? [])]) {
        expect(seen.get(n) ?? f.name).toBe(f.name);
        seen.set(n, f.name);
      }
    }
  });
});

describe("validateTemplate", () => {
  const ok = { id: "t", version: 2, name: "表", fields: [{ name: "姓名", type: "text", required: true }] };
  test.each([
    [null, "模板无效：内容不是一个模板对象"],
    [{ ...ok, id: "" }, "模板无效：缺少模板编号（id）"],
    [{ ...ok, version: 1.5 }, "模板无效：版本号（version）必须是正整数"],
    [{ ...ok, name: 3 }, "模板无效：缺少模板名称（name）"],
    [{ ...ok, fields: [] }, "模板无效：没有任何字段（fields）"],
    [{ ...ok, fields: [{ name: "姓名" }, { name: " 姓 名 " }] }, "模板无效：字段“姓 名”重复"],
    [
      { ...ok, fields: [{ name: "姓名", type: "string" }] },
      "模板无效：字段“姓名”的类型（type）应为 text、integer、date、phone、cn-id、category-set、enum、gender 之一",
    ],
    [{ ...ok, fields: [{ name: "姓名", synonyms: "名字" }] }, "模板无效：字段“姓名”的同义词（synonyms）必须是文字列表"],
    [{ ...ok, fields: [{ name: "姓名", required: "是" }] }, "模板无效：字段“姓名”的必填（required）应为 true 或 false"],
    [{ ...ok, fields: [{ name: "序号", generated: "auto" }] }, '模板无效：字段“序号”的 generated 只能是 "serial"'],
  ])("rejects %j", (json, message) => {
    expect(() => validateTemplate(json)).toThrow(message);
  });

  test("accepts and trims a good one", () => {
    expect(validateTemplate({ ...ok, name: " 表 ", title: "标题" })).toEqual({ ...ok, title: "标题" });
  });
});

describe("headerSignature", () => {
  test("depends on header names only, not their order, spacing or width", () => {
    expect(headerSignature(["姓名", "身份证号", "联系电话"])).toBe(headerSignature(["联系电话", " 姓 名 ", "身份证号"]));
    expect(headerSignature(["村（居）"])).toBe(headerSignature(["村(居)"]));
    expect(headerSignature(["姓名"])).not.toBe(headerSignature(["名称"]));
  });
});

describe("captureTemplate", () => {
  const t = captureTemplate(blankTemplateSheet());

  test("takes title, fields in order from a two-row merged header", () => {
    expect(t.title).toBe("服务对象家庭信息汇总表");
    expect(t.name).toBe("服务对象家庭信息汇总表");
    expect(t.version).toBe(1);
    expect(t.id).toMatch(/^captured-[0-9a-f]{8}$/);
    expect(t.fields.map((f) => f.name)).toEqual([
      "序号",
      "镇（街）",
      "村（居）",
      "服务对象基本情况/姓名",
      "服务对象基本情况/性别",
      "服务对象基本情况/身份证号码",
      "服务对象基本情况/年龄",
      "联系电话",
      "服务对象类别",
      "跟进记录/电访",
      "跟进记录/探访",
      "服务成效",
      "备注",
    ]);
  });

  test("fields the dictionary knows take its type, required flag and synonyms", () => {
    const id = t.fields.find((f) => f.name.endsWith("身份证号码"));
    expect(id).toMatchObject({ type: "cn-id", required: true });
    expect(id?.synonyms).toContain("身份证号");
    expect(t.fields[0]).toMatchObject({ generated: "serial" });
    expect(t.fields.find((f) => f.name === "跟进记录/电访")).toMatchObject({ type: "text" });
  });

  test("round-trips through JSON and validation, and honours given id and name", () => {
    const named = captureTemplate(blankTemplateSheet(), { id: "official-2025", name: "省套表" });
    expect(named).toMatchObject({ id: "official-2025", name: "省套表", title: "服务对象家庭信息汇总表" });
    expect(validateTemplate(JSON.parse(JSON.stringify(named)))).toEqual(named);
  });

  test("a captured template restores a roster with its own headers", () => {
    const r = analyseRosters({ source: "x", sheets: [twoRowRoster()] }, { template: t }, { asOf: null, lang: "zh", claimedSheets: new Set() });
    expect(r.restorations).toHaveLength(1);
    const byField = new Map(r.restorations[0].mapping.map((m) => [m.field, m]));
    expect(byField.get("服务对象基本情况/身份证号码")).toMatchObject({ column: "D", method: "synonym" });
    const header = r.plan.find((op) => op.kind === "cells" && op.sheet === "服务对象家庭信息汇总表" && op.row === 1);
    expect(header?.kind === "cells" && header.cells[0].map((c) => c?.value)).toEqual(t.fields.map((f) => f.name));
  });

  test("a sheet without a header gives a plain-Chinese error", () => {
    expect(() => captureTemplate({ name: "空表", values: [["标题"]] })).toThrow("工作表“空表”中没有找到表头");
  });
});
