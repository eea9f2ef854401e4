import { finding, type Lang } from "../findings";
import { maskId, maskPhone, maskText } from "../privacy/mask";
import type { CellValue, Finding, FindingCode, FindingParam, SheetSnapshot, TemplateDef } from "../types";
import { matchCategory, splitCategories, type CategoryMatch } from "./categories";
import { parseAsOf, readDate, readsAsDate, type Ymd } from "../dates";
import { builtinRole } from "./dictionary";
import { ageOn, readId, readValid18, type Valid18 } from "./idcard";
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
    let j = this.head[h];
    while (j >= 0 && this.keys[j] !== key) j = this.next[j];
    if (j < 0) {
      j = this.size++;
      this.keys[j] = key;
      this.rows[j] = row;
      this.next[j] = this.head[h];
      this.head[h] = j;
    }
    // one exit for new and known people alike: a first duplicate, late in a roster, finds this
    // code optimised with feedback for it instead of deoptimising it
    return this.rows[j];
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

type Word = { zh: string; en: string };
type FieldCol = { f: TemplateDef["fields"][number]; col: number };
type Items = { item: string; match: CategoryMatch | null }[];
const FEMALE_WORD: Word = { zh: "女", en: "female" };

/**
 * The checks of one roster, row by row. The per-row body (`row`) is a small method of its own,
 * optimised once for every row rather than on-stack-replaced inside one giant loop, and what only
 * a few rows reach (each finding, an ID that is not 18 plain valid digits, the category rules) is
 * in methods of their own, so the hot code stays small and is not recompiled. Per-row state is
 * in fields of one object: a valid ID leaves its birth date and sex in `birth` and `idSex`
 * instead of two objects per row.
 */
class RowChecker {
  readonly out: Finding[] = [];
  readonly name: string;
  readonly lang: Lang;
  readonly asOf: Ymd | null;
  readonly idCol: number;
  readonly phoneCol: number;
  readonly catCol: number;
  readonly sexCol: number;
  readonly ageCol: number;
  readonly intakeCol: number | null;
  readonly dateCols: FieldCol[];
  readonly required: FieldCol[];
  readonly people: PersonTable;
  // a mark per sheet row: a Set of half a large roster's rows would cost more than the checks
  readonly elderlyMarks: Uint8Array;
  // a roster repeats a handful of sexes and category texts: each is read once per run
  readonly sexOf = new Map<string, "男" | "女" | null>();
  readonly itemsOf = new Map<string, Items>();
  readonly elderlyAge: number;
  readonly childAge: number | null;
  /** the ID's birth date in the row at hand, when `hasBirth` */
  readonly birth: Valid18 = { y: 0, m: 0, d: 0, male: false };
  hasBirth = false;
  idSex: "男" | "女" | null = null;

  constructor(input: CheckInput) {
    const { sheet, template, columns } = input;
    this.name = sheet.name;
    this.lang = input.lang;
    this.asOf = parseAsOf(input.asOf);
    const fieldCol = (pred: (i: number) => boolean): number => {
      for (let i = 0; i < template.fields.length; i++) {
        const col = columns[i];
        if (col !== null && pred(i)) return col;
      }
      return -1;
    };
    const role = template.fields.map((f) => builtinRole(f));
    this.idCol = fieldCol((i) => template.fields[i].type === "cn-id");
    this.phoneCol = fieldCol((i) => template.fields[i].type === "phone");
    this.catCol = fieldCol((i) => template.fields[i].type === "category-set");
    this.sexCol = fieldCol((i) => template.fields[i].type === "gender" || role[i] === "性别");
    this.ageCol = fieldCol((i) => role[i] === "年龄");
    const intake = fieldCol((i) => role[i] === "建档日期");
    this.intakeCol = intake < 0 ? null : intake;
    this.dateCols = template.fields.map((f, i) => ({ f, col: columns[i] })).filter((x): x is FieldCol => x.f.type === "date" && x.col !== null);
    this.required = template.fields
      .map((f, i) => ({ f, col: columns[i] }))
      .filter((x): x is FieldCol => x.f.required === true && !x.f.generated && x.col !== null);
    this.people = new PersonTable(input.rows.length);
    this.elderlyMarks = new Uint8Array(sheet.values.length);
    this.elderlyAge = input.elderlyAge;
    this.childAge = input.childAge;
  }

  push(code: FindingCode, r: number, col: number, params: Record<string, FindingParam>): void {
    this.out.push(finding(code, this.name, r, col, params, this.lang));
  }

  sex(v: CellValue): "男" | "女" | null {
    if (typeof v !== "string") return readSex(v);
    let sex = this.sexOf.get(v);
    if (sex === undefined) {
      sex = readSex(v);
      this.sexOf.set(v, sex);
    }
    return sex;
  }

  row(r: number, row: readonly CellValue[]): void {
    const required = this.required;
    for (let i = 0; i < required.length; i++) {
      const q = required[i];
      if (isBlank(cell(row, q.col))) this.push("missing-value", r, q.col, { field: q.f.name });
    }
    const declaredSex = this.sexCol >= 0 ? this.sex(cell(row, this.sexCol)) : null;
    const declaredAge = this.ageCol >= 0 ? readAge(cell(row, this.ageCol)) : null;
    this.hasBirth = false;
    this.idSex = null;
    if (this.idCol >= 0) {
      const v = cell(row, this.idCol);
      if (readValid18(v, this.birth)) {
        this.hasBirth = true;
        this.idSex = this.birth.male ? "男" : "女";
        this.person(v as string, false, r);
      } else this.otherId(v, r);
      if (this.idSex !== null && declaredSex !== null && this.sexCol >= 0 && this.idSex !== declaredSex) this.genderMismatch(r, row);
      if (this.hasBirth && this.asOf !== null && this.ageCol >= 0 && declaredAge !== null) {
        if (!ageAccepted(declaredAge, this.birth, this.asOf, row, this.intakeCol)) this.ageMismatch(r, declaredAge);
      }
    }
    if (this.phoneCol >= 0) {
      const phone = cell(row, this.phoneCol);
      // a plain mobile number, most of a roster's, has nothing to report
      if (!(typeof phone === "string" && isPlainMobile(phone))) this.phone(r, phone);
    }
    const dateCols = this.dateCols;
    for (let i = 0; i < dateCols.length; i++) {
      const d = dateCols[i];
      const v = cell(row, d.col);
      if (!isBlank(v) && !readsAsDate(v)) this.push("invalid-date", r, d.col, { text: quote(cellText(v)) });
    }
    if (this.catCol >= 0) {
      const text = cellText(cell(row, this.catCol));
      let items = this.itemsOf.get(text);
      if (items === undefined) {
        items = splitCategories(text).map((item) => ({ item, match: matchCategory(item) }));
        this.itemsOf.set(text, items);
      }
      if (items.length) {
        const age = declaredAge ?? (this.hasBirth && this.asOf !== null ? ageOn(this.birth, this.asOf) : null);
        this.categories(r, items, age, declaredSex ?? this.idSex);
      }
    }
  }

  /** The first row of this person, or a duplicate-person finding. */
  person(text: string, legacy: boolean, r: number): void {
    // a 15-digit number and its 18-digit upgrade are the same person
    const first = this.people.firstRow(personKey(text, legacy, this.birth), r);
    if (first !== r) this.push("duplicate-person", r, this.idCol, { masked: maskId(text), row: first + 1 });
  }

  /** An ID cell that is not 18 plain valid digits: read the general way. */
  otherId(v: CellValue, r: number): void {
    const id = readId(v);
    if (!id) return;
    const c = this.idCol;
    if (id.fullWidth) this.push("full-width-digits", r, c, { text: maskId(id.text) });
    if (id.kind === "precision-lost") this.push("id-precision-lost", r, c, { masked: maskId(id.text) });
    else if (id.kind === "invalid") this.push("invalid-id-number", r, c, { masked: maskId(id.text) });
    else if (id.kind === "valid15") this.push("legacy-id-number", r, c, { masked: maskId(id.text) });
    if (id.kind === "valid18" || id.kind === "valid15") {
      const b = id.birth as Ymd;
      this.setBirth(b);
      this.idSex = id.sex;
      this.person(id.text, id.kind === "valid15", r);
    } else if (id.kind === "precision-lost" && id.birth) this.setBirth(id.birth);
  }

  setBirth(b: Ymd): void {
    this.birth.y = b.y;
    this.birth.m = b.m;
    this.birth.d = b.d;
    this.hasBirth = true;
  }

  genderMismatch(r: number, row: readonly CellValue[]): void {
    this.push("id-gender-mismatch", r, this.sexCol, { gender: quote(cellText(cell(row, this.sexCol))) });
  }

  ageMismatch(r: number, declaredAge: number): void {
    this.push("id-age-mismatch", r, this.ageCol, { age: declaredAge, expected: ageOn(this.birth, this.asOf as Ymd) });
  }

  phone(r: number, phone: CellValue): void {
    const p = readPhone(phone);
    if (!p) return;
    if (p.fullWidth) this.push("full-width-digits", r, this.phoneCol, { text: maskPhone(p.text) });
    if (!p.valid) this.push("invalid-phone", r, this.phoneCol, { masked: maskPhone(p.text) });
  }

  ageFinding(r: number, item: string, age: number, rule: Word): void {
    this.push("category-age-mismatch", r, this.catCol, { category: quote(item), rule, age });
  }

  categories(r: number, items: Items, age: number | null, sex: "男" | "女" | null): void {
    const elderlyAge = this.elderlyAge;
    const col = this.catCol;
    // the categories already checked in this row, when it names more than one
    const reported: string[] | null = items.length > 1 ? [] : null;
    for (let i = 0; i < items.length; i++) {
      const { item, match } = items[i];
      if (!match) {
        this.push("unknown-category", r, col, { category: quote(item) });
        continue;
      }
      const cat = match.category;
      // a bare 独居 of unknown age still files the row among the elderly, as the station did
      if (cat.elderly && (!match.bare || age === null || age >= elderlyAge)) this.elderlyMarks[r] = 1;
      if (reported) {
        if (reported.includes(cat.name)) continue;
        reported.push(cat.name);
      }
      if (cat.elderly && age !== null && age < elderlyAge) {
        if (match.bare) {
          // a bare 重残 / 独居 at 45 is no elderly breach: the person is simply not this category
          const advice = cat.youngerRecordAs
            ? { zh: `，请记录为“${cat.youngerRecordAs}”`, en: `; record as “${cat.youngerRecordAs}”` }
            : { zh: "，请按实际情况记录其类别", en: "; record the person's actual category" };
          this.push("category-not-elderly", r, col, { category: quote(item), age, elderly: elderlyAge, advice });
        } else this.ageFinding(r, item, age, { zh: `不小于 ${elderlyAge} 岁`, en: `≥ ${elderlyAge}` });
      } else if (!cat.elderly && cat.age && age !== null) {
        const below = cat.name === "农村留守儿童" && this.childAge !== null ? this.childAge : cat.age.below;
        if (below !== undefined && age >= below) this.ageFinding(r, item, age, { zh: `小于 ${below} 岁`, en: `< ${below}` });
        else if (cat.age.min !== undefined && age < cat.age.min) this.ageFinding(r, item, age, { zh: `不小于 ${cat.age.min} 岁`, en: `≥ ${cat.age.min}` });
      }
      if (cat.sex === "女" && sex === "男") this.push("category-gender-mismatch", r, col, { category: quote(item), rule: FEMALE_WORD });
    }
  }
}

const NO_CELLS: readonly CellValue[] = [];

/** Every row check of issue 3 item 6, each finding on the exact source cell. */
export function checkRows(input: CheckInput): CheckResult {
  const checker = new RowChecker(input);
  const values = input.sheet.values;
  const rows = input.rows;
  // the result is made before the loop, like classify's (tables/detect.ts): made after it, it
  // came in code V8 had compiled mid-loop without feedback for it, which was thrown away
  const marks = checker.elderlyMarks;
  const result: CheckResult = { findings: checker.out, elderlyRows: { has: (row: number) => marks[row] === 1 } };
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    checker.row(r, values[r] ?? NO_CELLS);
  }
  return result;
}
