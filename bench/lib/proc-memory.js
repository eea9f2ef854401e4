/**
 * Samples the resident memory of Chromium's renderer processes (where the page and its Web
 * Worker run) from /proc, because the CDP heap figure sees only the page's main thread.
 */
"use strict";
const fs = require("fs");

function readProc(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

function allPids() {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

function parentOf(pid) {
  const stat = readProc(pid, "stat");
  const close = stat.lastIndexOf(")");
  return close < 0 ? -1 : Number(stat.slice(close + 2).split(" ")[1]);
}

function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readProc(pid, "status"));
  return m ? Number(m[1]) * 1024 : 0;
}

/** RSS summed over renderer processes descending from the browser started with `userDataDir` */
function rendererRss(userDataDir) {
  const pids = allPids();
  const root = pids.find((p) => readProc(p, "cmdline").includes(userDataDir) && !readProc(p, "cmdline").includes("--type="));
  if (root === undefined) return 0;
  const parents = new Map(pids.map((p) => [p, parentOf(p)]));
  const inTree = (p) => {
    for (let q = p, hops = 0; q > 1 && hops < 10; q = parents.get(q), hops++) if (q === root) return true;
    return false;
  };
  return pids.filter((p) => inTree(p) && readProc(p, "cmdline").includes("--type=renderer")).reduce((n, p) => n + rssBytes(p), 0);
}

/** Start sampling every 50 ms; stop() returns the peak growth over the first sample, in bytes. */
function sampleProcessTree(userDataDir) {
  const base = rendererRss(userDataDir);
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, rendererRss(userDataDir));
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, rendererRss(userDataDir));
      return peak - base;
    },
  };
}

module.exports = { sampleProcessTree, rendererRss };
