"use strict";
// A scoring run lives about a second, and V8's defaults are tuned for programs that live longer.
// Flags the user gives node win: each is set only when node's own options do not mention it. They
// are read when V8 compiles a function, so set before any of the program is loaded they act as if
// given on the command line (https://nodejs.org/api/v8.html#v8setflagsfromstringflags). The code
// cache (bin/code-cache.js) is made with the same flags: V8 refuses a cache made under other flags.
const FLAGS = [
  // Much of what V8 spends is optimising hot loops on its background threads, and that cost grows
  // with the callees it inlines into them; big callees inlined also carry paths a cold process has
  // not run yet, which throw the compiled loop away when they come and compile it again. Inlining
  // only small functions cut a 20,000-row run's CPU by 8–10 % (10,000 rows by ~10 %) with equal
  // or better wall time, and left 100,000 rows unchanged.
  ["inlin", "--max-inlined-bytecode-size=60"],
  // Most of the program's functions run thousands of times in one pass over a roster and are
  // then done: until V8 has optimised one (on a background thread, after enough calls) it runs
  // in the interpreter. Compiling each to baseline machine code at its first call (Sparkplug, a
  // quick translation of the bytecode, no optimising) costs less than that interpreting: 20,000
  // rows 771→748 ms CPU and 100,000 rows 3.15→2.67 s (medians of 21 and 5 interleaved runs), for
  // ~5 ms more on the small example workbook.
  ["sparkplug", "--always-sparkplug"],
];

function apply() {
  const given = [...process.execArgv, process.env.NODE_OPTIONS || ""].join(" ");
  const v8 = require("node:v8");
  for (const [word, flag] of FLAGS) if (!given.includes(word)) v8.setFlagsFromString(flag);
}

module.exports = { apply };
