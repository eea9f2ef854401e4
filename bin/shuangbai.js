#!/usr/bin/env node
"use strict";
require("./v8-flags").apply();
// The command runs from the compiled build/ (made by `npm ci` through the prepare script): one
// bundled file, which loads in about half the CPU time of tsc's separate modules, and with the
// code cache the build made for it (bin/code-cache.js) in less again.
const fs = require("node:fs");
const codeCache = require("./code-cache");
if (!fs.existsSync(codeCache.ENTRY)) {
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
  code = codeCache.load().exports.main(process.argv.slice(2));
} catch (e) {
  internal(e);
}
// writing a Word document is asynchronous; everything else returns the code at once
Promise.resolve(code).then((c) => (process.exitCode = c), internal);
