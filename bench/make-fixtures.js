#!/usr/bin/env node
/**
 * Writes the synthetic workbooks the benchmark uses into bench/tmp/ (gitignored):
 *   node bench/make-fixtures.js [rows ...]      (default: 10000 20000)
 * Each is the seed layout: a drifted roster of that many rows, the 14 indicator blocks, four scores.
 * Existing files are kept: the generator is deterministic, so the same name means the same bytes.
 */
"use strict";
require("../test/e2e/lib/ts-register");
const fs = require("fs");
const path = require("path");
const gen = require("../test/support/generate-roster.ts");

const TMP = path.join(__dirname, "tmp");

function fixturePath(rows) {
  return path.join(TMP, `roster-${rows}.xlsx`);
}

async function ensureFixture(rows) {
  const file = fixturePath(rows);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(TMP, { recursive: true });
  const partial = `${file}.partial`;
  await gen.writeSeedWorkbook(partial, gen.makeSeedWorkbook({ rows, seed: 2023, slips: true }));
  fs.renameSync(partial, file);
  return file;
}

module.exports = { ensureFixture, fixturePath, TMP };

if (require.main === module) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  (async () => {
    for (const rows of sizes.length ? sizes : [10000, 20000]) {
      const t0 = Date.now();
      const file = await ensureFixture(rows);
      console.log(`${path.relative(process.cwd(), file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KB  (${Date.now() - t0} ms)`);
    }
  })().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
