import ExcelJS from "exceljs";
import {
  COL,
  DRIFTED_HEADERS,
  ROSTER_SHEET,
  INDICATOR_SHEET,
  SCORE_SHEET,
  idCheckDigit,
  makeDriftedRosterRows,
  makeSeedSnapshot,
  makeSeedWorkbook,
  seedBlockRatios,
  seedWorkbookBytes,
} from "./generate-roster";

describe("synthetic roster generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = makeDriftedRosterRows(50, 7).rows;
    const b = makeDriftedRosterRows(50, 7).rows;
    const c = makeDriftedRosterRows(50, 8).rows;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("builds ID numbers with valid GB 11643 check digits whose sex digit matches 性别", () => {
    const { rows } = makeDriftedRosterRows(500, 3);
    for (const row of rows.slice(1)) {
      const id = String(row[COL["身份证号"]]);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(id[17]).toBe(idCheckDigit(id.slice(0, 17)));
      expect(Number(id[16]) % 2 === 1 ? "男" : "女").toBe(row[COL["性别"]]);
      expect(String(row[COL["手机号码"]])).toMatch(/^13\d{9}$/);
    }
  });

  it("knows the check digit of the standard's worked example", () => {
    // GB 11643-1999 appendix example 11010519491231002X
    expect(idCheckDigit("11010519491231002")).toBe("X");
  });

  it("plants each slip exactly where it says", () => {
    const { rows, slips } = makeDriftedRosterRows(100, 5, { slips: true });
    const kinds = slips.map((s) => s.kind).sort();
    expect(kinds).toEqual(["bad-check-digit", "blank-row", "duplicate-person", "gender-mismatch", "short-phone"]);
    for (const s of slips) {
      const row = rows[s.dataRow + 1];
      const id = String(row[COL["身份证号"]]);
      if (s.kind === "bad-check-digit") expect(id[17]).not.toBe(idCheckDigit(id.slice(0, 17)));
      if (s.kind === "short-phone") expect(String(row[COL["手机号码"]])).toHaveLength(10);
      if (s.kind === "gender-mismatch") expect(Number(id[16]) % 2 === 1 ? "男" : "女").not.toBe(row[COL["性别"]]);
      if (s.kind === "blank-row") expect(row.every((v) => v === null)).toBe(true);
      if (s.kind === "duplicate-person") expect(rows.filter((r) => r[COL["身份证号"]] === id)).toHaveLength(2);
    }
  });

  it("leaves out 服务成效 and renames the template's headers", () => {
    expect(DRIFTED_HEADERS).not.toContain("服务成效");
    expect(DRIFTED_HEADERS).not.toContain("姓名");
    expect(DRIFTED_HEADERS).toContain("服务对象姓名");
  });

  it("gives the snapshot three sheets with the appendix's 14 blocks", () => {
    const snap = makeSeedSnapshot(20);
    expect(snap.sheets.map((s) => s.name)).toEqual([ROSTER_SHEET, INDICATOR_SHEET, SCORE_SHEET]);
    const indicator = snap.sheets[1];
    expect(indicator.values.filter((r) => r[1] === "指标要求")).toHaveLength(14);
    expect(indicator.values[27][0]).toBeNull();
    expect(indicator.values[8]).toEqual([null, "180节", "90节", null]);
    expect(seedBlockRatios()[0]).toBeCloseTo(1.855, 12);
    expect(snap.sheets[0].merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: DRIFTED_HEADERS.length - 1 }]);
  });

  it("writes an .xlsx that exceljs reads back with the same cells", async () => {
    const wb = makeSeedWorkbook({ rows: 30, seed: 2 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await seedWorkbookBytes(wb)) as unknown as ArrayBuffer);
    const roster = book.getWorksheet(ROSTER_SHEET)!;
    expect(roster.getCell(2, 2).value).toBe("服务对象姓名");
    const id = wb.roster.rows[5][COL["身份证号"]];
    expect(roster.getCell(7, COL["身份证号"] + 1).value).toBe(id);
    expect(roster.getCell(7, COL["建档时间"] + 1).numFmt).toBe("yyyy-mm-dd");
    expect(book.getWorksheet(SCORE_SHEET)!.getCell(6, 3).value).toBe(50.35);
  });
});
