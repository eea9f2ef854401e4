/**
 * One core benchmark size in its own process, so memory figures belong to that size alone:
 *   node bench/lib/core-worker.js prepare <rows> <snapshot.v8>   (writes the snapshot once)
 *   node --expose-gc bench/lib/core-worker.js run <snapshot.v8> <runs>
 * The snapshot is built in a separate process and read back with v8.deserialize, so building
 * it leaves no high-water mark behind: the peak RSS growth measured is evaluate's own.
 * `run` prints one JSON line.
 */
"use strict";
require("../../test/e2e/lib/ts-register");
const fs = require("fs");
const v8 = require("v8");

const [mode, a, b] = process.argv.slice(2);

if (mode === "prepare") {
  const gen = require("../../test/support/generate-roster.ts");
  const snapshot = gen.makeSeedSnapshot(Number(a), 2023, { slips: true });
  fs.writeFileSync(`${b}.partial`, v8.serialize(snapshot));
  fs.renameSync(`${b}.partial`, b);
} else if (mode === "run") {
  const { evaluate } = require("../../src/core/evaluate.ts");
  const gen = require("../../test/support/generate-roster.ts");
  // warm the JIT on a small workbook so the timed runs are not mostly compilation
  evaluate(gen.makeSeedSnapshot(300, 7, { slips: true }));
  let snapshot = v8.deserialize(fs.readFileSync(a));
  const runs = Number(b || 3);
  global.gc();
  const rssBefore = process.memoryUsage().rss;
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const times = [];
  let peakRssGrowth = 0;
  let result = null;
  for (let i = 0; i < runs; i++) {
    result = null;
    global.gc();
    const t0 = process.hrtime.bigint();
    result = evaluate(snapshot);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (i === 0) peakRssGrowth = Math.max(0, process.resourceUsage().maxRSS * 1024 - Math.max(rssBefore, maxRssBefore));
  }
  global.gc();
  const report = result.report;
  process.stdout.write(
    JSON.stringify({
      rows: snapshot.sheets[0].values.length - 2,
      times,
      peakRssGrowth,
      heapRetained: process.memoryUsage().heapUsed - heapBefore,
      planOps: result.plan.length,
      findings: report.findings.length,
      grade: report.scores[0] ? report.scores[0].grade : null,
    }) + "\n",
  );
  snapshot = null;
} else {
  console.error("usage: core-worker.js prepare <rows> <file> | run <file> <runs>");
  process.exitCode = 2;
}
