/**
 * The real-workbook corpus (test/corpus/files, see SOURCES.md) opened by LibreOffice, an
 * engine that is not ours, after we wrote into it. For a sample of the corpus (every producer
 * represented), two writes per file:
 * - the probe plan (every plan operation, on the first worksheet and on a new sheet) applied to
 *   the file as it is;
 * - the station tables grafted into it, then scored by the real command line (bin/shuangbai.js),
 *   which writes percentages, totals, normalised inputs and a findings sheet into it.
 * LibreOffice converts input and output of each write to CSV, every sheet, text as shown, cached
 * values (no recalculation: what a user sees on opening). Every sheet of the input must come out
 * with the same text in every constant cell the plan did not write (an existing formula may sum
 * a column we wrote into, and LibreOffice computes it afresh), every written cell must show
 * something where the plan wrote a value, and sheets the plan added must be there.
 * All conversions go through one soffice run, which is most of the cost (~90 s budget).
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const corpus = require("../../corpus/real-workbooks.ts");
const { plannedGrid } = require("../../support/plan-grid.ts");
const { evaluate } = require("../../../src/core/evaluate.ts");
const { parseScoreArgs } = require("../../../src/cli/args.ts");
const { loadOptions } = require("../../../src/cli/score.ts");
const { applyPlan, openXlsx, snapshotOf } = require("../../../src/file/index.ts");
const { parseCsv } = require("../lib/soffice");

/** files per producer folder in the sample: enough variety, within the suite's time */
const PER_PRODUCER = 5;

// cached values as the file holds them: LibreOffice must not recalculate on load
const NO_RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item>
</oor:items>
`;

/** The sample: the first PER_PRODUCER readable files of each producer folder, in name order. */
function sample() {
  const byProducer = new Map();
  for (const file of corpus.corpusFiles()) {
    const producer = file.split(/[\\/]/)[0];
    const list = byProducer.get(producer) || [];
    if (list.length >= PER_PRODUCER) continue;
    const opened = corpus.openAndRead(corpus.readCorpus(file), file);
    if (!opened.ok) continue;
    // LibreOffice names each sheet's CSV after the sheet: keep to sheets it can name plainly
    if (opened.snapshot.sheets.some((s) => /[\\/:*?"<>|]/.test(s.name))) continue;
    list.push({ file, opened });
    byProducer.set(producer, list);
  }
  return [...byProducer.values()].flat();
}

exports.register = function register(ctx) {
  const { test, need, requireCli, CLI, ARTIFACTS, INSTALL_SOFFICE, ROOT } = ctx;

  test("real-workbook corpus: LibreOffice opens what we wrote into each producer's files, every unwritten cell as it was", () => {
    const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"].find((p) => fs.existsSync(p));
    need(soffice, INSTALL_SOFFICE);
    requireCli();
    const dir = path.join(ARTIFACTS, "corpus-libreoffice");
    fs.rmSync(dir, { recursive: true, force: true });
    const booksDir = path.join(dir, "books");
    const csvDir = path.join(dir, "csv");
    fs.mkdirSync(booksDir, { recursive: true });
    fs.mkdirSync(csvDir, { recursive: true });

    // pairs: [label, input file, output file, snapshot of the input, plan written]
    const pairs = [];
    const files = sample();
    need(files.length >= 20, `only ${files.length} corpus files in the sample`);
    files.forEach(({ file, opened }, i) => {
      const bytes = corpus.readCorpus(file);
      const stem = `f${String(i).padStart(2, "0")}`;
      const original = path.join(booksDir, `${stem}a.xlsx`);
      fs.writeFileSync(original, bytes);
      const probe = corpus.probePlan(opened.snapshot, opened.pkg);
      const probed = path.join(booksDir, `${stem}b.xlsx`);
      fs.writeFileSync(probed, applyPlan(opened.pkg, probe, opened.snapshot));
      pairs.push({ label: `${file} (probe plan)`, input: original, output: probed, snapshot: opened.snapshot, plan: probe });

      const graftedBytes = applyPlan(opened.pkg, corpus.graftPlan(opened.snapshot, opened.pkg), opened.snapshot);
      const grafted = path.join(booksDir, `${stem}c.xlsx`);
      fs.writeFileSync(grafted, graftedBytes);
      const scored = path.join(booksDir, `${stem}d.xlsx`);
      const r = spawnSync(process.execPath, [CLI, "score", grafted, "--out", scored, "--force"], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
      need(r.status === 0 && fs.existsSync(scored), `${file} grafted: the command line exited ${r.status}: ${(r.stderr || "").trim()}`);
      // the plan the command line wrote, made again from the same bytes with the same defaults
      const pkg = openXlsx(graftedBytes);
      const snapshot = snapshotOf(pkg, path.basename(grafted));
      const { plan, report } = evaluate(snapshot, loadOptions(parseScoreArgs([grafted])));
      need(!report.nothingToScore, `${file} grafted: the station tables were not found`);
      pairs.push({ label: `${file} (station tables scored)`, input: grafted, output: scored, snapshot, plan });
    });

    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-lo-norecalc-"));
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), NO_RECALC_PROFILE);
    const books = fs.readdirSync(booksDir).map((f) => path.join(booksDir, f));
    const t0 = Date.now();
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        // comma, double quote, UTF-8, from row 1, …, "as shown", every sheet (-1)
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        "--outdir",
        csvDir,
        ...books,
      ],
      { encoding: "utf8", timeout: 240000 },
    );
    fs.rmSync(profile, { recursive: true, force: true });
    need(!r.error, `soffice did not finish: ${r.error && r.error.message}`);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);

    const csv = (book, sheet) => {
      const f = path.join(csvDir, `${path.basename(book, ".xlsx")}-${sheet}.csv`);
      return fs.existsSync(f) ? parseCsv(fs.readFileSync(f, "utf8")) : null;
    };
    const problems = [];
    let compared = 0;
    let written = 0;
    let formulas = 0;
    for (const pair of pairs) {
      const added = pair.plan.filter((op) => op.kind === "addSheet").map((op) => op.sheet);
      for (const name of added) if (!csv(pair.output, name)) problems.push(`${pair.label}: LibreOffice shows no sheet ${name}`);
      for (const sheet of pair.snapshot.sheets) {
        if (added.includes(sheet.name)) continue;
        const before = csv(pair.input, sheet.name);
        const after = csv(pair.output, sheet.name);
        if (!before) continue; // a chart sheet or a sheet LibreOffice exports nothing for
        if (!after) {
          problems.push(`${pair.label}: LibreOffice shows sheet ${sheet.name} of the input but not of the output`);
          continue;
        }
        const grid = plannedGrid(pair.plan, sheet.name, pair.snapshot);
        const rows = Math.max(before.length, after.length);
        let reported = 0;
        for (let r = 0; r < rows; r++) {
          const cols = Math.max((before[r] || []).length, (after[r] || []).length);
          for (let c = 0; c < cols; c++) {
            const was = (before[r] || [])[c] || "";
            const now = (after[r] || [])[c] || "";
            const planned = (grid[r] || [])[c];
            if (planned) {
              written++;
              if (planned.value !== null && planned.value !== "" && now === "" && reported++ < 3)
                problems.push(`${pair.label}: ${sheet.name}!R${r + 1}C${c + 1} was written (${JSON.stringify(planned.value)}) but LibreOffice shows it blank`);
              continue;
            }
            // a formula may depend on what was written (SUM(E:E) over a percent column), and
            // LibreOffice computes it afresh: only constants must show as they did
            if (pair.snapshot.sheets.find((x) => x.name === sheet.name).formulas?.[r]?.[c]) {
              formulas++;
              continue;
            }
            compared++;
            if (was !== now && reported++ < 3)
              problems.push(
                `${pair.label}: ${sheet.name}!R${r + 1}C${c + 1} shows ${JSON.stringify(now)} in LibreOffice, ${JSON.stringify(was)} before, and nothing was written there`,
              );
          }
        }
      }
    }
    need(compared > 1000, `only ${compared} cells compared`);
    if (problems.length) throw new Error(`${problems.length} problems:\n  ${problems.slice(0, 20).join("\n  ")}`);
    return `${files.length} files, ${pairs.length} writes; ${compared} unwritten cells the same and ${written} written cells shown by LibreOffice, ${formulas} existing formula cells not compared (${books.length} books converted in ${seconds} s)`;
  });
};
