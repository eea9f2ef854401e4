import { finding, type Lang } from "../findings";
import { maskId, maskPhone, maskText } from "../privacy/mask";
import type { CellValue, Finding, SheetSnapshot, TemplateDef } from "../types";
import { matchCategory, splitCategories, type CategoryMatch } from "./categories";
import { parseAsOf, readDate, readsAsDate, type Ymd } from "../dates";
import { builtinRole } from "./dictionary";
import { ageOn, readId } from "./idcard";
import { isPlainMobile, readPhone } from "./phone";
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
function ageAccepted(declared: number, birth: Ymd, asOf: Ymd, row: readonly CellValue[], intakeCol: number | null): boolean {
  if (declared === ageOn(birth, asOf)) return true;
  if (declared === asOf.y - birth.y) return true;
  // the intake date is read only for the few ages neither reading explains
  const at = intakeCol === null ? null : readDate(cell(row, intakeCol));
  return at !== null && declared === ageOn(birth, at);
}

/**
 * The person a valid ID number names, as one exact integer: its region (6 digits), birth date and
 * sequence (3 digits), the same for a 15-digit number and its 18-digit upgrade (which inserts 19
 * and adds a check character that follows from the rest). A number, not the digits as a string:
 * a Map hashes strings of digits badly, and a roster holds one per row. The birth date counts
 * 372 days a year from 1890, the earliest year readId accepts, so with 4-digit years the whole
 * key stays below 2^53.
 */
function personKey(text: string, legacy: boolean, birth: Ymd): number {
  let region = 0;
  for (let i = 0; i < 6; i++) region = region * 10 + text.charCodeAt(i) - 48;
  let sequence = 0;
  for (let i = legacy ? 12 : 14, end = i + 3; i < end; i++) sequence = sequence * 10 + text.charCodeAt(i) - 48;
  const day = (birth.y - 1890) * 372 + (birth.m - 1) * 31 + (birth.d - 1);
  return (region * 1000 + sequence) * 4194304 + day;
}

/** Rows, as far as asking goes. */
export interface RowSet {
  has(row: number): boolean;
}

/**
 * The first row of each person, by personKey: a hash table over typed arrays, chained, holding
 * only first rows. A Map of one number per row of a large roster costs more in hashing and
 * garbage than the checks themselves.
 */
class PersonTable {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly keys: Float64Array;
  private readonly rows: Int32Array;
  private size = 0;
  private readonly shift: number;

  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < capacity * 2) bits++;
    this.shift = 32 - bits;
    this.head = new Int32Array(1 << bits).fill(-1);
    this.next = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** The first row the person of `key` was seen in; `row` itself when this is the first. */
  firstRow(key: number, row: number): number {
    // key is an integer below 2^53: mix its high and low 32 bits
    const h = Math.imul((key >>> 0) ^ Math.floor(key / 4294967296), 0x9e3779b1) >>> this.shift;
    for (let j = this.head[h]; j >= 0; j = this.next[j]) if (this.keys[j] === key) return this.rows[j];
    const j = this.size++;
    this.keys[j] = key;
    this.rows[j] = row;
    this.next[j] = this.head[h];
    this.head[h] = j;
    return row;
  }
}

function cell(row: readonly CellValue[], col: number): CellValue {
  return row[col] ?? null;
}

export interface CheckResult {
  findings: Finding[];
  /** rows holding an elderly category (the follow-up rule for 特殊困难老年人 applies to them) */
  elderlyRows: RowSet;
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
  const people = new PersonTable(rows.length);
  // a mark per sheet row: a Set of half a large roster's rows would cost more than the checks
  const elderlyMarks = new Uint8Array(sheet.values.length);
  // a roster repeats a handful of sexes and category texts: each is read once per run
  const sexOf = new Map<string, "男" | "女" | null>();
  const itemsOf = new Map<string, { item: string; match: CategoryMatch | null }[]>();
  const elderlyAge = input.elderlyAge;
  const ageFinding = (r: number, col: number, item: string, age: number, rule: { zh: string; en: string }) =>
    out.push(finding("category-age-mismatch", sheet.name, r, col, { category: quote(item), rule, age }, lang));

  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const row = sheet.values[r] ?? [];

    for (const q of required) {
      if (isBlank(cell(row, q.col))) out.push(finding("missing-value", sheet.name, r, q.col, { field: q.f.name }, lang));
    }

    let declaredSex: "男" | "女" | null = null;
    if (sexCol) {
      const v = cell(row, sexCol.col);
      if (typeof v === "string") {
        let sex = sexOf.get(v);
        if (sex === undefined) {
          sex = readSex(v);
          sexOf.set(v, sex);
        }
        declaredSex = sex;
      } else declaredSex = readSex(v);
    }
    const declaredAge = ageCol ? readAge(cell(row, ageCol.col)) : null;
    let idSex: "男" | "女" | null = null;
    let idBirth: Ymd | null = null;

    if (idCol) {
      const id = readId(cell(row, idCol.col));
      if (id) {
        const c = idCol.col;
        if (id.fullWidth) out.push(finding("full-width-digits", sheet.name, r, c, { text: maskId(id.text) }, lang));
        if (id.kind === "precision-lost") out.push(finding("id-precision-lost", sheet.name, r, c, { masked: maskId(id.text) }, lang));
        else if (id.kind === "invalid") out.push(finding("invalid-id-number", sheet.name, r, c, { masked: maskId(id.text) }, lang));
        else if (id.kind === "valid15") out.push(finding("legacy-id-number", sheet.name, r, c, { masked: maskId(id.text) }, lang));
        if (id.kind === "valid18" || id.kind === "valid15") {
          idSex = id.sex;
          idBirth = id.birth;
          // a 15-digit number and its 18-digit upgrade are the same person
          const first = people.firstRow(personKey(id.text, id.kind === "valid15", id.birth as Ymd), r);
          if (first !== r) out.push(finding("duplicate-person", sheet.name, r, c, { masked: maskId(id.text), row: first + 1 }, lang));
        } else if (id.kind === "precision-lost") idBirth = id.birth;
      }
      if (idSex && declaredSex && sexCol && idSex !== declaredSex) {
        out.push(finding("id-gender-mismatch", sheet.name, r, sexCol.col, { gender: quote(cellText(cell(row, sexCol.col))) }, lang));
      }
      if (idBirth && asOf && ageCol && declaredAge !== null && !ageAccepted(declaredAge, idBirth, asOf, row, intakeCol ? intakeCol.col : null)) {
        out.push(finding("id-age-mismatch", sheet.name, r, ageCol.col, { age: declaredAge, expected: ageOn(idBirth, asOf) }, lang));
      }
    }

    const phone = phoneCol ? cell(row, phoneCol.col) : null;
    // a plain mobile number, most of a roster's, has nothing to report
    if (phoneCol && !(typeof phone === "string" && isPlainMobile(phone))) {
      const p = readPhone(phone);
      if (p) {
        if (p.fullWidth) out.push(finding("full-width-digits", sheet.name, r, phoneCol.col, { text: maskPhone(p.text) }, lang));
        if (!p.valid) out.push(finding("invalid-phone", sheet.name, r, phoneCol.col, { masked: maskPhone(p.text) }, lang));
      }
    }

    for (const d of dateCols) {
      const v = cell(row, d.col);
      if (!isBlank(v) && !readsAsDate(v)) out.push(finding("invalid-date", sheet.name, r, d.col, { text: quote(cellText(v)) }, lang));
    }

    if (catCol) {
      const text = cellText(cell(row, catCol.col));
      let items = itemsOf.get(text);
      if (items === undefined) {
        items = splitCategories(text).map((item) => ({ item, match: matchCategory(item) }));
        itemsOf.set(text, items);
      }
      if (!items.length) continue;
      const age = declaredAge ?? (idBirth && asOf ? ageOn(idBirth, asOf) : null);
      const sex = declaredSex ?? idSex;
      // the categories already checked in this row, when it names more than one
      const reported: string[] | null = items.length > 1 ? [] : null;
      for (let i = 0; i < items.length; i++) {
        const { item, match } = items[i];
        if (!match) {
          out.push(finding("unknown-category", sheet.name, r, catCol.col, { category: quote(item) }, lang));
          continue;
        }
        const cat = match.category;
        // a bare 独居 of unknown age still files the row among the elderly, as the station did
        if (cat.elderly && (!match.bare || age === null || age >= elderlyAge)) elderlyMarks[r] = 1;
        if (reported) {
          if (reported.includes(cat.name)) continue;
          reported.push(cat.name);
        }
        const ageRule = (rule: { zh: string; en: string }) => ageFinding(r, catCol.col, item, age as number, rule);
        if (cat.elderly && age !== null && age < elderlyAge) {
          if (match.bare) {
            // a bare 重残 / 独居 at 45 is no elderly breach: the person is simply not this category
            const advice = cat.youngerRecordAs
              ? { zh: `，请记录为“${cat.youngerRecordAs}”`, en: `; record as “${cat.youngerRecordAs}”` }
              : { zh: "，请按实际情况记录其类别", en: "; record the person's actual category" };
            out.push(finding("category-not-elderly", sheet.name, r, catCol.col, { category: quote(item), age, elderly: elderlyAge, advice }, lang));
          } else ageRule({ zh: `不小于 ${elderlyAge} 岁`, en: `≥ ${elderlyAge}` });
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
  return { findings: out, elderlyRows: { has: (row: number) => elderlyMarks[row] === 1 } };
}
