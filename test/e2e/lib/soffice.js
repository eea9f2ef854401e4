/**
 * LibreOffice as an independent spreadsheet engine: open a workbook headless with a profile that
 * forces recalculation of every formula on load (OOXMLRecalcMode=0, otherwise LibreOffice keeps
 * cached values), save it as .xlsx, and compare its results with the cached values we wrote.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { readCells } = require("./xlsx-cells");

const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function sofficePath() {
  for (const p of ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"]) if (fs.existsSync(p)) return p;
  return null;
}

let profileDir = null;
function recalcProfile() {
  if (profileDir) return profileDir;
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-lo-"));
  fs.mkdirSync(path.join(profileDir, "user"), { recursive: true });
  fs.writeFileSync(path.join(profileDir, "user", "registrymodifications.xcu"), RECALC_PROFILE);
  return profileDir;
}

/** Recalculate `input` in LibreOffice and return the bytes of the .xlsx it saves. */
function recalculate(input, { timeoutMs = 180000 } = {}) {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui");
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-lo-out-"));
  // a plain ASCII copy avoids any doubt about how soffice names the output
  const src = path.join(outDir, "in", "book.xlsx");
  fs.mkdirSync(path.dirname(src));
  fs.copyFileSync(input, src);
  const r = spawnSync(
    soffice,
    [`-env:UserInstallation=file://${recalcProfile()}`, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, src],
    { encoding: "utf8", timeout: timeoutMs },
  );
  const out = path.join(outDir, "book.xlsx");
  if (r.error || !fs.existsSync(out)) {
    throw new Error(`soffice failed (${r.error ? r.error.message : "status " + r.status}): ${(r.stderr || "").trim()} ${(r.stdout || "").trim()}`);
  }
  const bytes = fs.readFileSync(out);
  fs.rmSync(outDir, { recursive: true, force: true });
  return bytes;
}

/**
 * Every sheet of `input` as LibreOffice shows it (formatted text, formulas recalculated), as
 * Map<sheet name, string[][]>. Filter options: comma, quote, UTF-8, from row 1, "as shown", all sheets.
 */
function renderedSheets(input, sheetNames, { timeoutMs = 180000 } = {}) {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui");
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-lo-csv-"));
  const src = path.join(outDir, "in", "book.xlsx");
  fs.mkdirSync(path.dirname(src));
  fs.copyFileSync(input, src);
  const r = spawnSync(
    soffice,
    [
      `-env:UserInstallation=file://${recalcProfile()}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
      "--outdir",
      outDir,
      src,
    ],
    { encoding: "utf8", timeout: timeoutMs },
  );
  if (r.error) throw new Error(`soffice failed: ${r.error.message}`);
  const out = new Map();
  for (const name of sheetNames) {
    const file = path.join(outDir, `book-${name}.csv`);
    if (fs.existsSync(file)) out.set(name, parseCsv(fs.readFileSync(file, "utf8")));
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  return out;
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function sameValue(ours, theirs) {
  // an empty-string result may be stored with no <v> at all
  const blank = (v) => v === null || v === undefined || v === "";
  if (blank(ours) && blank(theirs)) return true;
  if (typeof ours === "number" && typeof theirs === "number") {
    const diff = Math.abs(ours - theirs);
    return diff <= 1e-9 * Math.max(Math.abs(ours), Math.abs(theirs)) || diff < 1e-12;
  }
  return ours === theirs;
}

/**
 * Compare every formula cell of `ourBytes` with the same cell recalculated by LibreOffice.
 * @returns {{checked: number, mismatches: {sheet: string, cell: string, formula: string, ours: unknown, libreoffice: unknown}[]}}
 */
function compareWithLibreOffice(ourFile) {
  const ours = readCells(fs.readFileSync(ourFile));
  const theirs = readCells(recalculate(ourFile));
  let checked = 0;
  const mismatches = [];
  for (const [sheet, cells] of ours) {
    const other = theirs.get(sheet);
    for (const [ref, cell] of cells) {
      if (!cell.formula) continue;
      checked++;
      const lo = other ? other.get(ref) : undefined;
      const loValue = lo ? lo.value : null;
      if (cell.value === null && cell.type !== "str") {
        mismatches.push({ sheet, cell: ref, formula: cell.formula, ours: "(no cached value)", libreoffice: loValue });
      } else if (!sameValue(cell.value, loValue)) {
        mismatches.push({ sheet, cell: ref, formula: cell.formula, ours: cell.value, libreoffice: loValue });
      }
    }
  }
  return { checked, mismatches };
}

module.exports = { sofficePath, recalculate, compareWithLibreOffice, sameValue, renderedSheets, parseCsv };
