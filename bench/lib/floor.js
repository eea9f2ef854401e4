/**
 * The physical floor of one scoring run: what any tool that writes the same output must do at the
 * least, with no parsing and no logic — read the input, inflate every part, deflate the parts the
 * output changes (at the levels the command line uses), lay out the zip and write it.
 *   node bench/lib/floor.js <in.xlsx> <out.xlsx the command line wrote> <floor-out.xlsx> [runs]
 * Which parts changed, and their new content, are found before the clock starts (by comparing
 * the command line's output with the input); then only the floor's work is timed, in this
 * process (node's own start-up is not counted, the stricter reading of the budget).
 * Prints one JSON line: { times: [wall ms…], cpu: [user + system ms…], changedParts, changedBytes }.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const ROOT = path.resolve(__dirname, "../..");
const { readZipEntries, inflateEntry, makeEntry, writeZip } = require(path.join(ROOT, "build/file/zip.js"));
const { nodeZlibCodec } = require(path.join(ROOT, "build/cli/nodeCodec.js"));

const [input, produced, target, runsArg] = process.argv.slice(2);
const before = new Map(readZipEntries(fs.readFileSync(input)).map((e) => [e.name, e]));
const same = (a, b) => a && a.compressedSize === b.compressedSize && a.crc === b.crc && Buffer.compare(a.data, b.data) === 0;
const changed = readZipEntries(fs.readFileSync(produced))
  .filter((e) => !same(before.get(e.name), e))
  .map((e) => ({ name: e.name, content: inflateEntry(e, nodeZlibCodec) }));
const changedNames = new Set(changed.map((c) => c.name));

const times = [];
const cpu = [];
for (let i = 0; i < Number(runsArg || 1); i++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const entries = readZipEntries(fs.readFileSync(input));
  for (const e of entries) inflateEntry(e, nodeZlibCodec);
  const out = entries.filter((e) => !changedNames.has(e.name));
  for (const c of changed) out.push(makeEntry(c.name, c.content, undefined, nodeZlibCodec));
  fs.writeFileSync(target, writeZip(out));
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
process.stdout.write(JSON.stringify({ times, cpu, changedParts: changed.length, changedBytes: changed.reduce((n, c) => n + c.content.length, 0) }) + "\n");
