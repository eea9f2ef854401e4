import { finding, type Lang } from "../findings";
import { maskId, maskPhone, maskText } from "../privacy/mask";
import type { CellValue, Finding, SheetSnapshot, TemplateDef } from "../types";
import { matchCategory, splitCategories } from "./categories";
import { parseAsOf, readDate, type Ymd } from "../dates";
import { builtinRole } from "./dictionary";
import { ageOn, readId } from "./idcard";
import { readPhone } from "./phone";
import { cellText, isBlank, toHalfWidth } from "../text";

export interface CheckInput {
  sheet: SheetSnapshot;
  template: TemplateDef;
  /** source column per template field, null when the field has no column */
  columns: (number | null)[];
  /** data rows (0-based), blank rows already removed */
  rows: number[];
  asOf: string | null;
  lang: Lang;
  elderlyAge: number;
  /** overrides the 农村留守儿童 limit (younger than this) when set */
  childAge: number | null;
}

/** Texts in findings are the user's own words; keep them short and free of digits that could identify someone. */
function quote(s: string): string {
  const t = maskText(s);
  return Array.from(t).length > 20 ? Array.from(t).slice(0, 20).join("") + "…" : t;
}

function readAge(v: CellValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? Math.floor(v) : null;
  if (typeof v !== "string") return null;
  const m = /^(\d{1,3})\s*(岁|周岁)?$/.exec(toHalfWidth(v).trim());
  return m ? Number(m[1]) : null;
}

function readSex(v: CellValue): "男" | "女" | null {
  const s = toHalfWidth(cellText(v)).toLowerCase();
  if (s === "男" || s === "男性" || s === "m" || s === "male") return "男";
  if (s === "女" || s === "女性" || s === "f" || s === "female") return "女";
  return null;
}

/**
 * The sheet's age is accepted when it is the exact age on the evaluation date, the plain year
 * difference (what =YEAR(TODAY())-MID(...) gives, common in station sheets), or the exact age on
 * the row's 建档日期 (ages typed once at intake and never updated).
 */
function ageAccepted(declared: number, birth: Ymd, asOf: Ymd, intake: () => Ymd | null): boolean {
  if (declared === ageOn(birth, asOf)) return true;
  if (declared === asOf.y - birth.y) return true;
  const at = intake();
  return at !== null && declared === ageOn(birth, at);
}

export interface CheckResult {
  findings: Finding[];
  /** rows holding an elderly category (the follow-up rule for 特殊困难老年人 applies to them) */
  elderlyRows: Set<number>;
}

/** Every row check of issue 3 item 6, each finding on the exact source cell. */
export function checkRows(input: CheckInput): CheckResult {
  const { sheet, template, columns, rows, lang } = input;
  const out: Finding[] = [];
  const asOf = parseAsOf(input.asOf);
  const fieldCol = (pred: (i: number) => boolean): { col: number; index: number } | null => {
    for (let i = 0; i < template.fields.length; i++) {
      const col = columns[i];
      if (col !== null && pred(i)) return { col, index: i };
    }
    return null;
  };
  const role = template.fields.map((f) => builtinRole(f));
  const idCol = fieldCol((i) => template.fields[i].type === "cn-id");
  const phoneCol = fieldCol((i) => template.fields[i].type === "phone");
  const catCol = fieldCol((i) => template.fields[i].type === "category-set");
  const sexCol = fieldCol((i) => template.fields[i].type === "gender" || role[i] === "性别");
  const ageCol = fieldCol((i) => role[i] === "年龄");
  const intakeCol = fieldCol((i) => role[i] === "建档日期");
  const dateCols = template.fields
    .map((f, i) => ({ f, col: columns[i] }))
    .filter((x): x is { f: typeof x.f; col: number } => x.f.type === "date" && x.col !== null);
  const required = template.fields
    .map((f, i) => ({ f, col: columns[i] }))
    .filter((x): x is { f: typeof x.f; col: number } => x.f.required === true && !x.f.generated && x.col !== null);
  const femaleWord = { zh: "女", en: "female" };
  const seenIds = new Map<string, number>();
  const elderlyRows = new Set<number>();

  for (const r of rows) {
    const row = sheet.values[r] ?? [];
    const at = (col: number): CellValue => row[col] ?? null;

    for (const q of required) {
      if (isBlank(at(q.col))) out.push(finding("missing-value", sheet.name, r, q.col, { field: q.f.name }, lang));
    }

    const declaredSex = sexCol ? readSex(at(sexCol.col)) : null;
    const declaredAge = ageCol ? readAge(at(ageCol.col)) : null;
    let idSex: "男" | "女" | null = null;
    let idBirth: Ymd | null = null;

    if (idCol) {
      const v = at(idCol.col);
      const id = readId(v);
      if (id) {
        const c = idCol.col;
        const masked = () => maskId(id.text);
        if (id.fullWidth) out.push(finding("full-width-digits", sheet.name, r, c, { text: masked() }, lang));
        if (id.kind === "precision-lost") out.push(finding("id-precision-lost", sheet.name, r, c, { masked: masked() }, lang));
        else if (id.kind === "invalid") out.push(finding("invalid-id-number", sheet.name, r, c, { masked: masked() }, lang));
        else if (id.kind === "valid15") out.push(finding("legacy-id-number", sheet.name, r, c, { masked: masked() }, lang));
        if (id.kind === "valid18" || id.kind === "valid15") {
          idSex = id.sex;
          idBirth = id.birth;
          // a 15-digit number and its 18-digit upgrade are the same person
          const key = id.kind === "valid15" ? id.text.slice(0, 6) + "19" + id.text.slice(6) : id.text.slice(0, 17);
          const first = seenIds.get(key);
          if (first !== undefined) out.push(finding("duplicate-person", sheet.name, r, c, { masked: masked(), row: first + 1 }, lang));
          else seenIds.set(key, r);
        } else if (id.kind === "precision-lost") idBirth = id.birth;
      }
      if (idSex && declaredSex && sexCol && idSex !== declaredSex) {
        out.push(finding("id-gender-mismatch", sheet.name, r, sexCol.col, { gender: quote(cellText(at(sexCol.col))) }, lang));
      }
      if (idBirth && asOf && ageCol && declaredAge !== null) {
        const intake = () => (intakeCol ? readDate(at(intakeCol.col)) : null);
        if (!ageAccepted(declaredAge, idBirth, asOf, intake)) {
          out.push(finding("id-age-mismatch", sheet.name, r, ageCol.col, { age: declaredAge, expected: ageOn(idBirth, asOf) }, lang));
        }
      }
    }

    if (phoneCol) {
      const p = readPhone(at(phoneCol.col));
      if (p) {
        if (p.fullWidth) out.push(finding("full-width-digits", sheet.name, r, phoneCol.col, { text: maskPhone(p.text) }, lang));
        if (!p.valid) out.push(finding("invalid-phone", sheet.name, r, phoneCol.col, { masked: maskPhone(p.text) }, lang));
      }
    }

    for (const d of dateCols) {
      const v = at(d.col);
      if (!isBlank(v) && readDate(v) === null) out.push(finding("invalid-date", sheet.name, r, d.col, { text: quote(cellText(v)) }, lang));
    }

    if (catCol) {
      const text = cellText(at(catCol.col));
      const age = declaredAge ?? (idBirth && asOf ? ageOn(idBirth, asOf) : null);
      const sex = declaredSex ?? idSex;
      const reported = new Set<string>();
      for (const item of splitCategories(text)) {
        const match = matchCategory(item);
        if (!match) {
          out.push(finding("unknown-category", sheet.name, r, catCol.col, { category: quote(item) }, lang));
          continue;
        }
        const cat = match.category;
        // a bare 独居 of unknown age still files the row among the elderly, as the station did
        if (cat.elderly && (!match.bare || age === null || age >= input.elderlyAge)) elderlyRows.add(r);
        if (reported.has(cat.name)) continue;
        reported.add(cat.name);
        const ageRule = (rule: { zh: string; en: string }) =>
          out.push(finding("category-age-mismatch", sheet.name, r, catCol.col, { category: quote(item), rule, age: age as number }, lang));
        if (cat.elderly && age !== null && age < input.elderlyAge) {
          if (match.bare) {
            // a bare 重残 / 独居 at 45 is no elderly breach: the person is simply not this category
            const advice = cat.youngerRecordAs
              ? { zh: `，请记录为“${cat.youngerRecordAs}”`, en: `; record as “${cat.youngerRecordAs}”` }
              : { zh: "，请按实际情况记录其类别", en: "; record the person's actual category" };
            out.push(finding("category-not-elderly", sheet.name, r, catCol.col, { category: quote(item), age, elderly: input.elderlyAge, advice }, lang));
          } else ageRule({ zh: `不小于 ${input.elderlyAge} 岁`, en: `≥ ${input.elderlyAge}` });
        } else if (!cat.elderly && cat.age && age !== null) {
          const below = cat.name === "农村留守儿童" && input.childAge !== null ? input.childAge : cat.age.below;
          if (below !== undefined && age >= below) ageRule({ zh: `小于 ${below} 岁`, en: `< ${below}` });
          else if (cat.age.min !== undefined && age < cat.age.min) ageRule({ zh: `不小于 ${cat.age.min} 岁`, en: `≥ ${cat.age.min}` });
        }
        if (cat.sex === "女" && sex === "男") {
          out.push(finding("category-gender-mismatch", sheet.name, r, catCol.col, { category: quote(item), rule: femaleWord }, lang));
        }
      }
    }
  }
  return { findings: out, elderlyRows };
}
