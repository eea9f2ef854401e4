/**
 * One-click on the recording Excel fake at one size, in its own process:
 *   node bench/lib/host-worker.js <rows>
 * Prints one JSON line: context.sync calls, the largest request in bytes, and the time taken.
 */
"use strict";
require("../../test/e2e/lib/ts-register");
const fake = require("../../test/support/fake-excel.ts");

(async () => {
  const rows = Number(process.argv[2]);
  const run = fake.runOneClickOnFake;
  if (typeof run !== "function") throw new Error(`test/support/fake-excel.ts exports no runOneClickOnFake (has: ${Object.keys(fake).join(", ")})`);
  const t0 = process.hrtime.bigint();
  const out = await run(rows);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(
    JSON.stringify({
      rows,
      syncs: out.syncs,
      maxRequestBytes: out.maxRequestBytes,
      maxResponseBytes: out.maxResponseBytes,
      totalRequestBytes: out.totalRequestBytes,
      applyRequestBytes: out.applyRequestBytes,
      ms,
    }) + "\n",
  );
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exitCode = 1;
});
