import type { TemplateField } from "../types";
import { normaliseHeader } from "../text";

/**
 * The built-in 服务对象家庭信息汇总表 fields with the headers stations are known to use instead.
 * No public copy of the provincial 套表 exists, so the field list is a reconstruction (see the
 * README); the synonyms come from station archives and the evaluators' vocabulary.
 */
export const BUILTIN_FIELDS: TemplateField[] = [
  { name: "序号", synonyms: ["编号", "No.", "No", "顺序号"], type: "integer", generated: "serial" },
  { name: "镇（街）", synonyms: ["街道", "镇街", "镇", "镇/街", "街镇", "所属镇街", "所属街道", "乡镇（街道）", "镇（街道）", "乡镇"], type: "text" },
  {
    name: "村（居）",
    synonyms: ["村居", "社区", "所属社区", "村", "村/居", "村（社区）", "社区（村）", "村居委", "所属村居", "社区名称", "村（居）委会"],
    type: "text",
  },
  { name: "姓名", synonyms: ["服务对象姓名", "服务对象", "对象姓名", "姓  名", "名字"], type: "text", required: true },
  { name: "性别", synonyms: ["男/女"], type: "gender", allowed: ["男", "女"] },
  {
    name: "身份证号码",
    synonyms: ["身份证号", "身份证", "公民身份号码", "身份证号码（18位）", "证件号码", "身份号码", "居民身份证号码", "身份证件号码"],
    type: "cn-id",
    required: true,
  },
  { name: "年龄", synonyms: ["年龄（岁）", "岁数", "周岁"], type: "integer" },
  {
    name: "联系电话",
    synonyms: ["电话", "手机号码", "手机号", "手机", "联系方式", "电话号码", "常用电话", "联系电话（手机）", "本人电话"],
    type: "phone",
  },
  { name: "居住地址", synonyms: ["现住址", "家庭住址", "住址", "现居住地址", "居住地", "现居住地", "地址", "家庭地址"], type: "text" },
  { name: "户籍地址", synonyms: ["户籍地", "户籍所在地", "户口所在地", "户口地址", "户籍住址"], type: "text" },
  { name: "人户分离情况", synonyms: ["人户分离", "是否人户分离", "人户一致情况"], type: "text" },
  {
    name: "服务对象类别",
    synonyms: ["困境类型", "对象类别", "服务对象类型", "对象类型", "类别", "人员类别", "困难类型", "兜底类型", "群体类别", "所属类别"],
    type: "category-set",
    required: true,
  },
  { name: "跟进级别", synonyms: ["跟进等级", "服务级别", "分级", "风险等级", "评估等级", "级别", "跟进分级"], type: "text" },
  { name: "家庭情况", synonyms: ["家庭基本情况", "家庭状况", "家庭成员情况", "基本情况", "家庭概况"], type: "text" },
  { name: "主要困难及需求", synonyms: ["服务需求", "主要困难", "困难及需求", "需求", "主要需求", "困难与需求", "存在困难及需求"], type: "text" },
  { name: "服务计划（一人一策）", synonyms: ["一人一策", "服务计划", "一人一案", "服务方案", "个人服务计划"], type: "text" },
  {
    name: "跟进记录（电访/探访）",
    synonyms: ["跟进情况记录", "跟进记录", "跟进情况", "电访/探访记录", "探访记录", "电访探访记录", "服务记录", "探访情况"],
    type: "text",
  },
  { name: "服务成效", synonyms: ["成效", "服务效果", "服务成果", "成效评估"], type: "text" },
  { name: "负责社工", synonyms: ["对接社工", "跟进社工", "社工", "责任社工", "服务社工", "社工姓名", "跟进人"], type: "text" },
  { name: "建档日期", synonyms: ["建档时间", "建档日", "录入日期", "建档年月"], type: "date" },
  { name: "备注", synonyms: ["说明", "备注说明", "备注栏"], type: "text" },
];

const BY_KEY = new Map<string, TemplateField>();
for (const f of BUILTIN_FIELDS) {
  for (const n of [f.name, ...(f.synonyms ?? [])]) {
    const k = normaliseHeader(n);
    if (!BY_KEY.has(k)) BY_KEY.set(k, f);
  }
}

/** The built-in field a header names exactly or by synonym, if any. */
export function builtinFieldFor(header: string): TemplateField | undefined {
  return BY_KEY.get(normaliseHeader(header));
}

/**
 * A template field's role in the row checks (姓名, 年龄, 性别, 建档日期 …), found through the built-in
 * dictionary so a captured template whose headers differ slightly still gets its checks.
 */
export function builtinRole(field: TemplateField): string | null {
  for (const n of [field.name, ...(field.synonyms ?? [])]) {
    const f = BY_KEY.get(normaliseHeader(n));
    if (f) return f.name;
  }
  return null;
}
