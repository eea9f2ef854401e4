"use strict";
// A scoring run lives about a second. Much of what V8 spends in it is optimising hot loops on
// its background threads, and that cost grows with the callees it inlines into them; big
// callees inlined also carry paths a cold process has not run yet, which throw the compiled
// loop away when they come and compile it again. Inlining only small functions cut a 20,000-row
// run's CPU by 8–10 % (10,000 rows by ~10 %) with equal or better wall time, and left 100,000
// rows unchanged. The flag is read when V8 compiles a function, so set before any of the
// program is loaded it acts as if given on the command line
// (https://nodejs.org/api/v8.html#v8setflagsfromstringflags). Flags the user gives node win.
// The code cache (bin/code-cache.js) is made with the same flags: V8 refuses a cache made under
// other flags.
function apply() {
  const { execArgv } = process;
  if (!execArgv.some((a) => a.includes("inlin")) && !(process.env.NODE_OPTIONS || "").includes("inlin")) {
    require("node:v8").setFlagsFromString("--max-inlined-bytecode-size=60");
  }
}

module.exports = { apply };
