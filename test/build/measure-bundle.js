#!/usr/bin/env node
/**
 * Gzipped size of each page's own JavaScript in dist/ (run `npm run build` first). Exits 1 when
 * the add-in pane's JS is over its budget: the pane loads inside Excel on every open.
 *   node test/build/measure-bundle.js [--json]
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const DIST = path.resolve(__dirname, "..", "..", "dist");
const TASKPANE_BUDGET = 200 * 1024;

function gzipSize(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** Local scripts a page loads (remote ones, such as office.js from Microsoft's CDN, are not ours). */
function scriptsOf(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)) {
    if (!/^[a-z]+:|^\/\//i.test(m[1])) out.push(m[1]);
  }
  return out;
}

function measure() {
  if (!fs.existsSync(DIST)) {
    console.error("dist/ not found: run `npm run build` first");
    process.exit(2);
  }
  const pages = {};
  for (const name of fs.readdirSync(DIST).filter((f) => f.endsWith(".html"))) {
    const scripts = scriptsOf(fs.readFileSync(path.join(DIST, name), "utf8"));
    const files = scripts.map((src) => {
      const file = path.join(DIST, src.split("?")[0]);
      return { src, bytes: fs.statSync(file).size, gzip: gzipSize(file) };
    });
    pages[name] = { files, bytes: files.reduce((a, f) => a + f.bytes, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
  }
  // The page's worker is loaded on demand, not by a script tag.
  const worker = path.join(DIST, "worker.js");
  if (fs.existsSync(worker)) {
    pages["worker.js (page, on demand)"] = {
      files: [{ src: "worker.js", bytes: fs.statSync(worker).size, gzip: gzipSize(worker) }],
      bytes: fs.statSync(worker).size,
      gzip: gzipSize(worker),
    };
  }
  return pages;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pages = measure();
if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ budget: { "taskpane.html": TASKPANE_BUDGET }, pages }, null, 2));
} else {
  for (const [page, m] of Object.entries(pages)) {
    console.log(`${page.padEnd(30)} ${kb(m.gzip).padStart(10)} gzipped  (${kb(m.bytes)} minified)`);
  }
}
const pane = pages["taskpane.html"];
if (!pane) {
  console.error("dist/taskpane.html is missing");
  process.exit(1);
}
if (pane.gzip > TASKPANE_BUDGET) {
  console.error(`taskpane JS is ${kb(pane.gzip)} gzipped, over the ${kb(TASKPANE_BUDGET)} budget`);
  process.exit(1);
}
