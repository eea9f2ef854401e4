/**
 * The floor a JavaScript tool cannot avoid: exceljs reading a workbook and writing it back.
 *   node bench/lib/exceljs-roundtrip.js <in.xlsx> <out.xlsx>
 */
"use strict";
const ExcelJS = require("exceljs");

(async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(process.argv[2]);
  await book.xlsx.writeFile(process.argv[3]);
})().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
