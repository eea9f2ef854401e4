#!/usr/bin/env node
"use strict";
// A scoring run lives about a second. Much of what V8 spends in it is optimising hot loops on
// its background threads, and that cost grows with the callees it inlines into them; big
// callees inlined also carry paths a cold process has not run yet, which throw the compiled
// loop away when they come and compile it again. Inlining only small functions cut a 20,000-row
// run's CPU by 8–10 % (10,000 rows by ~10 %) with equal or better wall time, and left 100,000
// rows unchanged. The flag is read when V8 compiles a function,
// so set before any of the program is loaded it acts as if given on the command line
// (https://nodejs.org/api/v8.html#v8setflagsfromstringflags). Flags the user gives node win.
const { execArgv } = process;
if (!execArgv.some((a) => a.includes("inlin")) && !(process.env.NODE_OPTIONS || "").includes("inlin")) {
  require("node:v8").setFlagsFromString("--max-inlined-bytecode-size=60");
}
// The command runs from the compiled build/ (made by `npm ci` through the prepare script): one
// bundled file, which loads in about half the CPU time of tsc's separate modules.
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "build", "shuangbai.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("shuangbai: 尚未编译，请先运行 npm ci（或 npm run build:cli）\n");
  process.exit(2);
}
// A reader that stops early (`| head`) closes the pipe; the result file is already written, so
// end quietly rather than with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e && e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const internal = (e) => {
  process.stderr.write(`shuangbai: 内部错误，请把这条信息报告给维护者：${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
};
let code;
try {
  code = require(entry).main(process.argv.slice(2));
} catch (e) {
  internal(e);
}
// writing a Word document is asynchronous; everything else returns the code at once
Promise.resolve(code).then((c) => (process.exitCode = c), internal);
