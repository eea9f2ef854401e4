/**
 * What a scored copy of a generated seed workbook must hold, whoever wrote it (CLI or page):
 * a restored template sheet, the 14 appendix percentages as formulas with the right cached
 * results and a percent format, and the seed's total and grade.
 */
"use strict";
const ExcelJS = require("exceljs");
const { readCells } = require("./xlsx-cells");
const gen = require("../../support/generate-roster.ts");

const TEMPLATE_HEADERS = ["姓名", "身份证号码", "联系电话", "服务成效"];

function near(a, b) {
  return typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** @returns {Promise<string[]>} problems found; empty when the workbook is right */
async function checkScoredWorkbook(bytes, inputSheetNames) {
  const problems = [];
  const sheets = readCells(bytes);

  const restored = [...sheets.keys()]
    .filter((name) => !inputSheetNames.includes(name))
    .filter((name) => {
      const values = new Set([...sheets.get(name).values()].map((c) => c.value));
      return TEMPLATE_HEADERS.every((h) => values.has(h));
    });
  if (restored.length === 0) problems.push(`no restored template sheet with headers ${TEMPLATE_HEADERS.join("/")} among ${[...sheets.keys()].join(", ")}`);
  else {
    // the template view is live: its cells are formulas reading the working sheet
    const live = [...sheets.get(restored[0]).values()].filter((c) => c.formula && c.formula.includes(gen.ROSTER_SHEET));
    if (live.length === 0) problems.push(`${restored[0]} holds no formulas reading ${gen.ROSTER_SHEET}`);
  }
  // the field the station dropped (服务成效) gets a home at the end of the working table's header row
  const roster = sheets.get(gen.ROSTER_SHEET);
  const header = roster ? [...roster.entries()].filter(([ref]) => /^[A-Z]+2$/.test(ref)).map(([, c]) => c.value) : [];
  if (!header.includes("服务成效")) problems.push(`${gen.ROSTER_SHEET} row 2 has no 服务成效 column added`);

  const indicator = sheets.get(gen.INDICATOR_SHEET);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes));
  const ws = book.getWorksheet(gen.INDICATOR_SHEET);
  if (!indicator || !ws) {
    problems.push(`sheet ${gen.INDICATOR_SHEET} missing`);
  } else {
    gen.seedBlockRatios().forEach((ratio, i) => {
      const ref = `D${3 + 2 * i}`;
      const cell = indicator.get(ref);
      if (!cell || !cell.formula) problems.push(`${ref}: expected a percentage formula, found ${cell ? JSON.stringify(cell.value) : "nothing"}`);
      else if (!near(cell.value, ratio)) problems.push(`${ref}: cached ${cell.value}, expected ${ratio}`);
      const fmt = ws.getCell(ref).numFmt || "";
      if (!fmt.includes("%")) problems.push(`${ref}: number format "${fmt}" is not a percentage`);
    });
  }

  const score = sheets.get(gen.SCORE_SHEET);
  if (!score) problems.push(`sheet ${gen.SCORE_SHEET} missing`);
  else {
    const cells = [...score.values()];
    if (!cells.some((c) => c.formula && near(c.value, gen.SEED_TOTAL))) problems.push(`no total formula computing ${gen.SEED_TOTAL} in ${gen.SCORE_SHEET}`);
    if (!cells.some((c) => c.value === gen.SEED_GRADE)) problems.push(`grade ${gen.SEED_GRADE} not written in ${gen.SCORE_SHEET}`);
  }
  return problems;
}

module.exports = { checkScoredWorkbook };
