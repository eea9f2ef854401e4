/**
 * The layout corpus (test/fixtures/layouts): every case, as exceljs writes it and as LibreOffice
 * re-saves it, is read through the file host and scored; each expected cell must be written and
 * display as expected, each expected finding raised on its cell.
 */
import { strFromU8, unzipSync } from "fflate";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { parseA1 } from "../../../src/core/a1";
import { evaluate } from "../../../src/core/evaluate";
import type { EvaluateResult, PlanCell, WorkbookSnapshot } from "../../../src/core/types";
import { applyPlan, applyPlanPieces, openXlsx, snapshotOf } from "../../../src/file";
import { nodeZlibCodec } from "../../../src/cli/nodeCodec";
import { buildLayoutWorkbook } from "../../fixtures/layouts/build";
import { LAYOUT_CASES, type LayoutCase } from "../../fixtures/layouts/cases";
import { bareStyle } from "../../fixtures/layouts/bare-style";
import { handStyle } from "../../fixtures/layouts/hand-style";
import { wpsStyle } from "../../fixtures/layouts/wps-style";

/** How Excel shows a written cell, for the formats the scorer writes. */
function display(cell: PlanCell): string {
  const v = cell.value;
  if (typeof v === "string") return v;
  if (typeof v !== "number") return String(v);
  const fmt = cell.numberFormat ?? "General";
  const pct = /^0(\.(0+))?%$/.exec(fmt);
  if (pct) return `${(v * 100).toFixed(pct[2]?.length ?? 0)}%`;
  const unit = /^(?:"(.*?)")?(?:#,##)?0(\.(0+))?(?:"(.*)")?$/.exec(fmt);
  if (unit) return (unit[1] ?? "") + v.toFixed(unit[3]?.length ?? 0) + (unit[4] ?? "");
  return String(v);
}

function written(result: EvaluateResult): Map<string, PlanCell> {
  const out = new Map<string, PlanCell>();
  for (const op of result.plan) {
    if (op.kind !== "cells") continue;
    op.cells.forEach((row, dr) =>
      row.forEach((cell, dc) => {
        if (cell) out.set(`${op.sheet}!${op.row + dr}:${op.col + dc}`, cell);
      }),
    );
  }
  return out;
}

function check(c: LayoutCase, bytes: Uint8Array): void {
  const pkg = openXlsx(bytes);
  const snapshot = snapshotOf(pkg, `${c.id}.xlsx`);
  const result = evaluate(snapshot, { findingsSheet: false });
  const once = applyPlan(pkg, result.plan, snapshot);
  commandLineAgrees(c, bytes, snapshot, once);
  readsBackAsPlanned(result, snapshot, once);
  rerunChangesNothing(c, once);
  const cells = written(result);
  for (const [ref, shown] of Object.entries(c.expect)) {
    const [sheet, a1] = ref.split("!");
    const { row, col } = parseA1(a1);
    const cell = cells.get(`${sheet}!${row}:${col}`);
    expect([ref, cell ? display(cell) : "(not written)"]).toEqual([ref, shown]);
    // a percentage is completed ÷ target, or the areas' completed ÷ their targets for a 合计 the sheet lacks
    if (cell?.formula && shown.endsWith("%"))
      expect(cell.formula).toMatch(/^=IFERROR\(([A-Z]+\d+|\([A-Z]+\d+(\+[A-Z]+\d+)+\))\/([A-Z]+\d+|\([A-Z]+\d+(\+[A-Z]+\d+)+\)),""\)$/);
  }
  const got = result.report.findings.map((f) => `${f.code}@${f.sheet}!${f.cell}`);
  for (const f of c.findings ?? []) expect(got).toContain(f);
  for (const f of c.absent ?? []) expect(got).not.toContain(f);
  const indicators = result.report.indicators.map((i) => {
    const group = i.area ?? i.period ?? null;
    return `${i.label}${group ? `（${group}）` : ""}@${i.percentCell}`;
  });
  for (const i of c.indicators ?? []) expect(indicators).toContain(i);
  for (const code of c.noFindings ?? []) expect(result.report.findings.filter((f) => f.code === code)).toEqual([]);
  // a declared value that disagrees is never only an info note
  for (const f of result.report.findings) if (f.code === "percent-mismatch" || f.code === "percent-formula-wrong") expect(f.severity).not.toBe("info");
  if (c.station) expect(result.report.station).toBe(c.station);
  for (const [label, unit] of Object.entries(c.units ?? {})) expect(result.report.indicators.find((i) => i.label === label)?.unit).toBe(unit);
  // nothing is left unread but what the case says is not understood
  const unread = result.report.findings
    .filter((f) => f.code === "table-not-understood" || f.code === "nothing-found")
    .map((f) => `${f.code}@${f.sheet}!${f.cell}`);
  expect(unread).toEqual((c.findings ?? []).filter((f) => f.startsWith("table-not-understood@")));
}

/**
 * The command line reads and writes the same workbook by its own path: node's zlib and text
 * decoding, the worksheets' bytes kept so that rows numbered in order are found by their number,
 * the file written in pieces. It must read the same cells and write the same parts (the
 * compressed bytes differ with the compressor).
 */
function commandLineAgrees(c: LayoutCase, bytes: Uint8Array, snapshot: WorkbookSnapshot, once: Uint8Array): void {
  const pkg = openXlsx(bytes, { codec: nodeZlibCodec });
  const read = snapshotOf(pkg, `${c.id}.xlsx`, true);
  expect(read.sheets).toEqual(snapshot.sheets);
  const pieces = applyPlanPieces(pkg, evaluate(read, { findingsSheet: false }).plan, read);
  const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  pieces.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
  const ours = unzipSync(joined);
  const theirs = unzipSync(once);
  expect(Object.keys(ours)).toEqual(Object.keys(theirs));
  for (const name of Object.keys(theirs)) expect([name, Buffer.from(ours[name]).equals(theirs[name])]).toEqual([name, true]);
}

/**
 * The written file, read again, holds the plan's numbers in its cells (cached results included)
 * and every cell the plan does not write as it was: whatever shape the producer gave its rows.
 */
function readsBackAsPlanned(result: EvaluateResult, before: WorkbookSnapshot, bytes: Uint8Array): void {
  const after = snapshotOf(openXlsx(bytes), "again.xlsx");
  const cells = written(result);
  for (const sheet of before.sheets) {
    const values = after.sheets.find((x) => x.name === sheet.name)?.values ?? [];
    sheet.values.forEach((row, r) =>
      row.forEach((v, col) => {
        if (!cells.has(`${sheet.name}!${r}:${col}`)) expect([sheet.name, r, col, values[r]?.[col]]).toEqual([sheet.name, r, col, v]);
      }),
    );
  }
  for (const [key, cell] of cells) {
    if (typeof cell.value !== "number") continue;
    const [name, rc] = key.split("!");
    const [r, col] = rc.split(":").map(Number);
    const got = after.sheets.find((x) => x.name === name)?.values[r]?.[col];
    expect([key, got]).toEqual([key, cell.value]);
  }
}

/**
 * Scoring the scored workbook again reads the same tables (the headers the tool added included)
 * and leaves every cell of the case's sheets as the first run wrote it.
 */
function rerunChangesNothing(c: LayoutCase, once: Uint8Array): void {
  const pkg = openXlsx(once);
  const first = snapshotOf(pkg, `${c.id}.xlsx`);
  const again = snapshotOf(openXlsx(applyPlan(pkg, evaluate(first, { findingsSheet: false }).plan, first)), `${c.id}.xlsx`);
  for (const { name } of c.sheets) {
    const a = first.sheets.find((x) => x.name === name);
    const b = again.sheets.find((x) => x.name === name);
    expect([name, b?.values]).toEqual([name, a?.values]);
    expect([name, b?.formulas]).toEqual([name, a?.formulas]);
  }
}

describe("layout corpus, built by exceljs", () => {
  it("holds at least 30 workbooks", () => expect(LAYOUT_CASES.length).toBeGreaterThanOrEqual(30));
  it.each(LAYOUT_CASES.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    check(c, await buildLayoutWorkbook(c));
  });
});

describe("layout corpus, packed as WPS Office writes it (dimension A1:A1, refined core properties)", () => {
  it.each(LAYOUT_CASES.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const bytes = wpsStyle(await buildLayoutWorkbook(c));
    expect(strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"])).toContain('<dimension ref="A1:A1"/>');
    check(c, bytes);
  });
});

describe("layout corpus, packed as minimal writers emit it (no inferable row or cell r, no spans, inline strings)", () => {
  it.each(LAYOUT_CASES.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const bytes = bareStyle(await buildLayoutWorkbook(c));
    const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    expect(sheet).toMatch(/<row>|<row [^>]*>/);
    expect(sheet).not.toMatch(/<c r="A1"/);
    expect(sheet).not.toContain('t="s"');
    check(c, bytes);
  });
});

describe("layout corpus, with cell tags spelled as XML allows (quotes, spacing, zero-padded styles, attribute order, an unknown attribute) and a stray cell at XFD", () => {
  it("spells a zero-padded style in the cases that style cells", async () => {
    const styled = [];
    for (const c of LAYOUT_CASES) {
      const files = unzipSync(handStyle(await buildLayoutWorkbook(c)));
      if (Object.entries(files).some(([name, b]) => name.startsWith("xl/worksheets/") && /s = "0\d+"/.test(strFromU8(b)))) styled.push(c.id);
    }
    expect(styled.length).toBeGreaterThanOrEqual(5);
  });
  it("holds the quick pass's plain shape beside its near misses in most cases", async () => {
    // the plain shape (sheet-read.ts, readPlainCell) with a digit value, a string or number cell
    // with t before r, and one with an attribute the quick pass does not know
    const shapes = {
      plain: /<c r="[A-Z]+\d+"( s="\d+")?( t="[sn]")?><v>\d+<\/v><\/c>/,
      tFirst: /<c t="[sn]" r="[A-Z]+\d+"/,
      unknown: /<c [^>]* ph="0"\/?>/,
    };
    const found = { plain: 0, tFirst: 0, unknown: 0 };
    for (const c of LAYOUT_CASES) {
      const sheets = Object.entries(unzipSync(handStyle(await buildLayoutWorkbook(c))))
        .filter(([name]) => name.startsWith("xl/worksheets/"))
        .map(([, b]) => strFromU8(b))
        .join("");
      for (const k of Object.keys(shapes) as (keyof typeof shapes)[]) if (shapes[k].test(sheets)) found[k]++;
    }
    expect(found.plain).toBeGreaterThanOrEqual(LAYOUT_CASES.length / 2);
    expect(found.tFirst).toBeGreaterThanOrEqual(LAYOUT_CASES.length / 2);
    expect(found.unknown).toBeGreaterThanOrEqual(LAYOUT_CASES.length / 2);
  });
  it.each(LAYOUT_CASES.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const bytes = handStyle(await buildLayoutWorkbook(c));
    const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    expect(sheet).toMatch(/<c r='[A-Z]+\d+'/);
    expect(sheet).toMatch(/<c r='XFD\d+'/);
    expect(sheet).toMatch(/<row [^>]*\S r="\d+"/);
    expect(sheet).not.toMatch(/<row r=/);
    check(c, bytes);
  });
});

describe("layout corpus, re-saved by LibreOffice", () => {
  const dir = join(__dirname, "../../fixtures/layouts/lo");
  it("has every case re-saved", () => {
    expect(LAYOUT_CASES.filter((c) => !existsSync(join(dir, `${c.id}.xlsx`))).map((c) => c.id)).toEqual([]);
  });
  it.each(LAYOUT_CASES.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    check(c, new Uint8Array(readFileSync(join(dir, `${c.id}.xlsx`))));
  });
});
