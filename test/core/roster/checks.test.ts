import { checkRows } from "../../../src/core/roster/checks";
import { checkDigit } from "../../../src/core/roster/idcard";
import { BUILTIN_TEMPLATE } from "../../../src/core/roster/template";
import type { CellValue, SheetSnapshot } from "../../../src/core/types";

const fieldIndex = (name: string) => BUILTIN_TEMPLATE.fields.findIndex((f) => f.name === name);
const ID = fieldIndex("身份证号码");

/** A sheet with only the ID column mapped (column 0), one row per ID, and the findings checkRows gives it. */
function duplicates(ids: CellValue[]): { row: number; earlier: number | string }[] {
  const sheet: SheetSnapshot = { name: "台账", values: ids.map((v) => [v]) };
  const columns = BUILTIN_TEMPLATE.fields.map((_, i) => (i === ID ? 0 : null));
  const { findings } = checkRows({
    sheet,
    template: BUILTIN_TEMPLATE,
    columns,
    rows: ids.map((_, r) => r),
    asOf: "2023-11-30",
    lang: "en",
    elderlyAge: 60,
    childAge: null,
  });
  return findings.filter((f) => f.code === "duplicate-person").map((f) => ({ row: Number(f.cell.slice(1)) - 1, earlier: f.params?.row as number }));
}

const id18 = (first17: string) => first17 + checkDigit(first17);

describe("duplicate people by ID number", () => {
  const a = id18("44010419610724686");
  const b = id18("44010419610724687");
  const c = id18("44010519610724686");

  test("every later row of a person cites the first row, whatever lies between", () => {
    expect(duplicates([a, b, a, c, a, b])).toEqual([
      { row: 2, earlier: 1 },
      { row: 4, earlier: 1 },
      { row: 5, earlier: 2 },
    ]);
  });

  test("a 15-digit number and its 18-digit upgrade are one person, either first", () => {
    const legacy = "440104610724686";
    expect(duplicates([legacy, b, a])).toEqual([{ row: 2, earlier: 1 }]);
    expect(duplicates([a, legacy])).toEqual([{ row: 1, earlier: 1 }]);
  });

  test("numbers that differ only in region, birth date or sequence are different people", () => {
    const others = [id18("44010419610724586"), id18("44010419610725686"), id18("44010419710724686"), id18("45010419610724686")];
    expect(duplicates([a, ...others])).toEqual([]);
  });

  test("an invalid number or a number cell is no one's duplicate", () => {
    const invalid = a.slice(0, 17) + (a[17] === "1" ? "2" : "1");
    expect(duplicates([invalid, invalid, 440104196107246860, 440104196107246860])).toEqual([]);
  });
});
