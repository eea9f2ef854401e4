/**
 * The corpus checks themselves: a corpus run that passes must mean the outputs are sound, so
 * each property is shown to catch the damage it is about, on an output spoiled on purpose.
 */
import { evaluate } from "../../src/core/evaluate";
import { makeEntry, readZipEntries, inflateEntry, writeZip } from "../../src/file/zip";
import { applyAndCheck, corpusFiles, graftPlan, openAndRead, outputProblems, probePlan, readCorpus } from "./real-workbooks";

const FILE = "rust_xlsxwriter/format01.xlsx";

function probed() {
  const input = readCorpus(FILE);
  const opened = openAndRead(input, FILE);
  if (!opened.ok) throw new Error(`${FILE} should open`);
  const plan = probePlan(opened.snapshot, opened.pkg);
  const { output, problems } = applyAndCheck(input, opened.pkg, opened.snapshot, plan);
  if (!output) throw new Error(`${FILE} should take the probe plan`);
  return { input, pkg: opened.pkg, snapshot: opened.snapshot, plan, output, problems };
}

/** The output with one part's text changed by `edit`. */
function spoil(output: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  return writeZip(
    readZipEntries(output).map((e) => {
      if (e.name !== part) return e;
      const text = new TextDecoder().decode(inflateEntry(e));
      return makeEntry(e.name, new TextEncoder().encode(edit(text)), e);
    }),
  );
}

describe("the real-workbook corpus checks", () => {
  it("holds the 276 files SOURCES.md lists", () => {
    expect(corpusFiles()).toHaveLength(276);
  });

  // Refusing a workbook Excel opens would be a failure too: only these real files are refused,
  // each for the reason its name or its source's test says it is damaged or encrypted.
  it("refuses only the damaged and encrypted files, each with its own code", () => {
    const refused: Record<string, string> = {};
    for (const file of corpusFiles()) {
      const opened = openAndRead(readCorpus(file), file);
      if (!opened.ok) refused[file] = opened.error.code;
    }
    expect(refused).toEqual({
      "calamine/issue252.xlsx": "corrupt", // a part whose declared size is not what it inflates to
      "calamine/issue_530.xlsx": "backslash-path", // docProps\app.xml
      "calamine/pass_protected.xlsx": "encrypted",
      "excelize/encryptAES.xlsx": "encrypted",
      "excelize/encryptSHA1.xlsx": "encrypted",
      "excelize/encryptSHA512.xlsx": "encrypted",
      "exceljs/missing-bits.xlsx": "not-xlsx", // no xl/workbook.xml
      "xlsx-populate/e2e-generate_encrypted_out.xlsx": "encrypted",
      "xlsx-populate/examples_encryption_in.xlsx": "encrypted",
      "xlsx-populate/examples_encryption_out.xlsx": "encrypted",
    });
  });

  it("pass a sound output", () => {
    expect(probed().problems).toEqual([]);
  });

  it("catch an untouched part that is not byte-identical", () => {
    const p = probed();
    const bad = spoil(p.output, "docProps/app.xml", (x) => x.replace("<Application>", "<Application>x"));
    expect(outputProblems(p.input, p.pkg, p.snapshot, p.plan, bad)).toContain("untouched part docProps/app.xml is not byte-identical");
  });

  it("catch a dropped part", () => {
    const p = probed();
    const bad = writeZip(readZipEntries(p.output).filter((e) => e.name !== "xl/theme/theme1.xml"));
    expect(outputProblems(p.input, p.pkg, p.snapshot, p.plan, bad)).toContain("part xl/theme/theme1.xml was dropped");
  });

  it("catch a rewritten part that is not well-formed", () => {
    const p = probed();
    const bad = spoil(p.output, "xl/workbook.xml", (x) => x.replace("<sheets>", "<sheets><x:sheet/>"));
    expect(outputProblems(p.input, p.pkg, p.snapshot, p.plan, bad).join("\n")).toMatch(/xl\/workbook\.xml is not well-formed XML: .*prefix/);
  });

  it("catch a cell changed where nothing was written, and a written cell that is not what the plan said", () => {
    const p = probed();
    // Sheet1 holds A1 (a shared string, overwritten by the probe with 200) and A2 = 123 (left alone)
    const sheet = p.pkg.sheets[0].path!;
    const text = new TextDecoder().decode(inflateEntry(readZipEntries(p.output).find((e) => e.name === sheet)!));
    expect(text).toContain("<v>123</v>");
    expect(text).toContain("<v>200</v>");
    const changed = spoil(p.output, sheet, (x) => x.replace("<v>123</v>", "<v>987654</v>"));
    expect(outputProblems(p.input, p.pkg, p.snapshot, p.plan, changed)).toContain("Sheet1!R2C1 changed from 123 to 987654 though nothing was written there");
    const wrong = spoil(p.output, sheet, (x) => x.replace("<v>200</v>", "<v>201</v>"));
    expect(outputProblems(p.input, p.pkg, p.snapshot, p.plan, wrong)).toContain("Sheet1!R1C1 reads 201, the plan wrote 200");
  });

  it("graft station tables that the engine finds and writes into", () => {
    const input = readCorpus(FILE);
    const opened = openAndRead(input, FILE);
    if (!opened.ok) throw new Error(`${FILE} should open`);
    const grafted = applyAndCheck(input, opened.pkg, opened.snapshot, graftPlan(opened.snapshot, opened.pkg));
    expect(grafted.problems).toEqual([]);
    const again = openAndRead(grafted.output!, FILE);
    if (!again.ok) throw new Error("the grafted workbook should open");
    const { report, plan } = evaluate(again.snapshot, {});
    expect(report.nothingToScore).toBeFalsy();
    expect(report.indicators.map((i) => i.percent)).toEqual([371 / 200, 607 / 270, 43 / 90]);
    expect(plan.some((op) => op.kind === "cells" && op.sheet === opened.snapshot.sheets[0].name && op.purpose === "percent")).toBe(true);
  });
});
