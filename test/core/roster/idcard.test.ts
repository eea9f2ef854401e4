import { ageOn, checkDigit, readId, readValid18, type Valid18 } from "../../../src/core/roster/idcard";
import { makeId } from "../../fixtures/roster/build";

describe("GB 11643 IDs", () => {
  test("check digit of the standard's published example", () => {
    expect(checkDigit("11010519491231002")).toBe("X");
    expect(readId("11010519491231002X")).toMatchObject({ kind: "valid18", sex: "女", birth: { y: 1949, m: 12, d: 31 } });
    expect(readId("11010519491231002x")?.kind).toBe("valid18");
  });

  test("agrees with the iterative MOD 11-2 method on many numbers", () => {
    for (let i = 0; i < 500; i++) {
      const id = makeId("440106", `19${String(10 + (i % 89)).padStart(2, "0")}0${1 + (i % 9)}1${i % 10}`, String(i).padStart(3, "0"));
      expect(readId(id)?.kind).toBe("valid18");
    }
  });

  test("a wrong check digit, an impossible birth date, a wrong length are invalid", () => {
    expect(readId("110105194912310021")?.kind).toBe("invalid");
    expect(readId(makeId("440106", "19900230", "123"))?.kind).toBe("invalid");
    expect(readId("4401061990")?.kind).toBe("invalid");
  });

  test("a number cell, scientific notation and float-zeroed text all lost precision", () => {
    expect(readId(440106199001011234)).toMatchObject({ kind: "precision-lost", birth: { y: 1990, m: 1, d: 1 } });
    expect(readId("4.40106E+17")?.kind).toBe("precision-lost");
    expect(readId("440106199001011000")?.kind).toBe("precision-lost");
  });

  test("15-digit legacy numbers read their 19xx birth date and sex", () => {
    expect(readId("440106520801123")).toMatchObject({ kind: "valid15", sex: "男", birth: { y: 1952, m: 8, d: 1 } });
    expect(readId("440106521301123")?.kind).toBe("invalid");
  });

  test("full-width digits are read and noted", () => {
    const id = makeId("440106", "19900101", "123");
    const wide = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(readId(wide)).toMatchObject({ kind: "valid18", fullWidth: true, text: id });
  });

  test("blank cells are not IDs", () => {
    expect(readId(null)).toBeNull();
    expect(readId("  ")).toBeNull();
  });

  test("age in whole years", () => {
    expect(ageOn({ y: 1950, m: 6, d: 30 }, { y: 2025, m: 6, d: 30 })).toBe(75);
    expect(ageOn({ y: 1950, m: 7, d: 1 }, { y: 2025, m: 6, d: 30 })).toBe(74);
  });
});

describe("readValid18 (the row checks' fast path)", () => {
  it("reads exactly what readId reports as valid18, and nothing else", () => {
    const valid = makeId("440106", "19580317", "002");
    const cells = [
      valid,
      valid.slice(0, 17) + (valid[17] === "0" ? "1" : "0"),
      makeId("440106", "19990229", "001"),
      makeId("440106", "18800101", "001"),
      makeId("440106", "20101231", "007"),
      valid.slice(0, 15) + "000",
      " " + valid,
      "４４０１０６" + valid.slice(6),
      valid.slice(0, 6) + valid.slice(8, 17),
      44010619580317123,
      null,
      "",
    ];
    let accepted = 0;
    for (const v of cells) {
      const out: Valid18 = { y: 0, m: 0, d: 0, male: false };
      const id = readId(v);
      const fast = readValid18(v, out);
      const plainValid = typeof v === "string" && /^\d{17}[\dX]$/.test(v) && id?.kind === "valid18";
      expect(fast).toBe(plainValid);
      if (fast) accepted++;
      if (fast && id) {
        expect({ y: out.y, m: out.m, d: out.d }).toEqual(id.birth);
        expect(out.male ? "男" : "女").toBe(id.sex);
      }
    }
    expect(accepted).toBe(2);
  });
});
