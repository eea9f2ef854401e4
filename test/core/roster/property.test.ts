import fc from "fast-check";
import { analyseRosters, BUILTIN_TEMPLATE } from "../../../src/core/roster";
import { columnIndex } from "../../../src/core/a1";
import type { CellValue, PlanOp, SheetSnapshot } from "../../../src/core/types";
import { plannedGrid } from "../../support/plan-grid";
import { makeId } from "../../fixtures/roster/build";

const SHEET = "台账";
const ctx = { asOf: "2025-06-30", lang: "zh" as const, claimedSheets: new Set<string>() };
const copyable = BUILTIN_TEMPLATE.fields.filter((f) => !f.generated);
const EXTRA = ["民族", "学历", "婚姻状况", "档案号", "智慧平台ID"];

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1e6, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);

/** A roster: at least five template fields under their name or a synonym, in any order, with extra columns. */
const roster = fc
  .record({
    fields: fc.shuffledSubarray(copyable, { minLength: 5 }),
    extras: fc.subarray(EXTRA),
    pick: fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
    withTitle: fc.boolean(),
    rows: fc.array(fc.array(cellValue, { minLength: 0, maxLength: 30 }), { maxLength: 25 }),
  })
  .map(({ fields, extras, pick, withTitle, rows }) => {
    const headers = fields.map((f, i) => {
      const names = [f.name, ...(f.synonyms ?? [])];
      return names[pick[i] % names.length];
    });
    const all = [...headers, ...extras];
    const order = all
      .map((h, i) => ({ h, k: pick[(i * 7) % 30] }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.h);
    const values: CellValue[][] = withTitle ? [["某站服务对象汇总"], order] : [order];
    for (const r of rows) values.push(r.slice(0, order.length));
    const sheet: SheetSnapshot = { name: SHEET, values };
    return sheet;
  });

function viewBody(plan: PlanOp[], outputSheet: string, sheet: SheetSnapshot) {
  return { cells: plannedGrid(plan, outputSheet, { source: "p", sheets: [sheet] }, 2) };
}

const REF = /^=IF\('台账'!([A-Z]+)(\d+)="","",'台账'!\1\2\)$/;

describe("properties of the template view", () => {
  test("cached values equal the working sheet's values cell by cell for every mapped field", () => {
    fc.assert(
      fc.property(roster, (sheet) => {
        const r = analyseRosters({ source: "p", sheets: [sheet] }, {}, ctx);
        expect(r.restorations).toHaveLength(1);
        const rest = r.restorations[0];
        const body = viewBody(r.plan, rest.outputSheet, sheet);
        const headerRow = rest.headerRow - 1;
        // data rows: every non-blank row below the header
        const expectedRows: number[] = [];
        for (let i = headerRow + 1; i < sheet.values.length; i++) {
          if (sheet.values[i].some((v) => v !== null && !(typeof v === "string" && v.trim() === ""))) expectedRows.push(i);
        }
        expect(rest.rows).toBe(expectedRows.length);
        if (!expectedRows.length) return;
        expect(body?.cells).toHaveLength(expectedRows.length);
        BUILTIN_TEMPLATE.fields.forEach((f, j) => {
          const m = rest.mapping[j];
          body?.cells.forEach((line, k) => {
            const cell = line[j];
            if (f.generated) {
              expect(cell).toEqual({ value: k + 1 });
              return;
            }
            if (!m.column) {
              expect(cell).toBeNull();
              return;
            }
            const ref = REF.exec(cell?.formula ?? "");
            expect(ref).not.toBeNull();
            const col = columnIndex(ref![1]);
            const row = Number(ref![2]) - 1;
            expect(ref![1]).toBe(m.column);
            expect(row).toBe(expectedRows[k]);
            const src = sheet.values[row][col];
            expect(cell?.value).toEqual(src === undefined || src === null || src === "" ? null : src);
          });
        });
      }),
      { numRuns: 100 },
    );
  });

  test("no full ID number appears in any finding or restoration report", () => {
    const idArb = fc
      .record({
        region: fc.constantFrom("440113", "440106", "110105"),
        y: fc.integer({ min: 1920, max: 2020 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
        seq: fc.integer({ min: 0, max: 999 }),
        kind: fc.constantFrom("valid", "broken", "legacy"),
      })
      .map(({ region, y, m, d, seq, kind }) => {
        const birth = `${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`;
        const id = makeId(region, birth, String(seq).padStart(3, "0"));
        if (kind === "broken") return id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
        if (kind === "legacy") return region + birth.slice(2) + String(seq).padStart(3, "0");
        return id;
      });
    const headers = ["姓名", "身份证号码", "性别", "年龄", "联系电话", "服务对象类别", "建档日期", "备注", "民族"];
    const rowArb = fc.record({
      id: idArb,
      other: idArb,
      sex: fc.constantFrom("男", "女", "", "未知"),
      age: fc.oneof(fc.integer({ min: 0, max: 110 }), fc.constant(null)),
      where: fc.nat({ max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 20 }), (people) => {
        const ids = new Set<string>();
        const values: CellValue[][] = [headers];
        for (const p of people) {
          ids.add(p.id);
          ids.add(p.other);
          // the second ID lands in a column no check expects it in: the name, phone, category, date, notes or an extra
          const row: CellValue[] = ["某人", p.id, p.sex, p.age, "13812348000", "低保", null, null, null];
          row[[0, 4, 5, 6, 7, 8][p.where]] = p.other;
          values.push(row);
        }
        const r = analyseRosters({ source: "p", sheets: [{ name: SHEET, values }] }, {}, ctx);
        const text = JSON.stringify({ findings: r.findings, restorations: r.restorations });
        for (const id of ids) expect(text).not.toContain(id);
        expect(text).not.toMatch(/\d{15}/);
      }),
      { numRuns: 150 },
    );
  });
});

describe("robustness", () => {
  const headerish = fc.constantFrom<CellValue>(...BUILTIN_TEMPLATE.fields.map((f) => f.name), "服务对象姓名", "身份证号", "困境类型", "基本信息", "联系方式");
  const anyCell = fc.oneof(cellValue, headerish, fc.constant("１３８１２３４８０００"), fc.constant(440112199001011234));
  const range = fc
    .record({ r1: fc.nat({ max: 6 }), c1: fc.nat({ max: 8 }), h: fc.nat({ max: 2 }), w: fc.nat({ max: 4 }) })
    .map(({ r1, c1, h, w }) => ({ r1, c1, r2: r1 + h, c2: c1 + w }));
  const sheet = fc.record({
    name: fc.constantFrom("甲", "乙's", "[丙]"),
    hidden: fc.boolean(),
    values: fc.array(fc.array(anyCell, { maxLength: 12 }), { maxLength: 12 }),
    merges: fc.array(range, { maxLength: 4 }),
    numberFormats: fc.array(fc.array(fc.constantFrom<string | null>(null, "General", "@", "yyyy-mm-dd", "0"), { maxLength: 12 }), { maxLength: 12 }),
  });

  test("any workbook gives a result, never an exception, and every finding names a real cell", () => {
    fc.assert(
      fc.property(fc.array(sheet, { maxLength: 3 }), fc.boolean(), (sheets, live) => {
        const r = analyseRosters({ source: "f", sheets }, { liveFormulas: live }, ctx);
        for (const f of r.findings) expect(f.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
        for (const rest of r.restorations) expect(Array.from(rest.outputSheet).length).toBeLessThanOrEqual(31);
      }),
      { numRuns: 300 },
    );
  });
});
