#!/usr/bin/env node
/**
 * End-to-end suite (`npm run test:e2e`): the built pages in real Chromium, and LibreOffice as an
 * independent engine checking every formula we write. Needs `npm run build`, `npm run build:cli`,
 * /usr/bin/chromium and soffice; see README (CI's .ci/run installs them).
 * Ends with one line `e2e: N passed, N failed` and a non-zero exit on any failure.
 */
"use strict";
require("./lib/ts-register");
const fs = require("fs");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");
const { newest } = require("../support/newest");
const { serveDirectory } = require("./lib/static-server");
const { chromiumPath, launch, watchPage } = require("./lib/browser");
const { sofficePath, compareWithLibreOffice, renderedSheets } = require("./lib/soffice");
const { scoreOnPage, downloadResult } = require("./lib/page-flow");
const { checkScoredWorkbook } = require("./lib/check-scored");
const gen = require("../support/generate-roster.ts");

const ROOT = path.resolve(__dirname, "../..");
// E2E_DIST points the suite at another build (used to try the harness on a stand-in page)
const DIST = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(ROOT, "dist");
const CLI = path.join(ROOT, "bin", "shuangbai.js");
const ARTIFACTS = path.join(ROOT, "test-artifacts", "e2e");
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const INPUT_SHEETS = [gen.ROSTER_SHEET, gen.INDICATOR_SHEET, gen.SCORE_SHEET];

const INSTALL_CHROMIUM = "Chromium is missing: apt-get update && apt-get install -y chromium fonts-noto-cjk (CI's .ci/run does this)";
const INSTALL_SOFFICE = "LibreOffice is missing: apt-get install -y --no-install-recommends libreoffice-calc-nogui (CI's .ci/run does this)";

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

function need(condition, message) {
  if (!condition) throw new Error(message);
}

function requirePage(file) {
  need(fs.existsSync(path.join(DIST, file)), `dist/${file} not built: run npm run build first`);
}

function requireCli() {
  need(fs.existsSync(CLI), "bin/shuangbai.js not found: the command line has not been built yet");
  need(fs.existsSync(path.join(ROOT, "build")), "build/ missing: run npm run build:cli first");
}

const fixtures = {};
async function makeFixtures() {
  fs.mkdirSync(path.join(ARTIFACTS, "fixtures"), { recursive: true });
  const specs = {
    drifted: { rows: 300, seed: 11, slips: true, typedPercents: true },
    clean: { rows: 60, seed: 12 },
  };
  for (const [key, opts] of Object.entries(specs)) {
    const file = path.join(ARTIFACTS, "fixtures", `社工站-${key}-${opts.rows}.xlsx`);
    await gen.writeSeedWorkbook(file, gen.makeSeedWorkbook(opts));
    fixtures[key] = file;
  }
}

function runCli(input, out, report) {
  requireCli();
  const r = spawnSync(process.execPath, [CLI, "score", input, "--out", out, "--report", report, "--force"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 180000,
  });
  need(!r.error, `CLI did not finish: ${r.error && r.error.message}`);
  need(r.status === 0, `CLI exited ${r.status}: ${r.stderr.trim()}`);
  need(fs.existsSync(out), `CLI wrote no output at ${out}`);
  return r;
}

function assertAgreement(file, label) {
  need(sofficePath(), INSTALL_SOFFICE);
  const { checked, mismatches } = compareWithLibreOffice(file);
  need(checked > 0, `${label}: no formula cells found to check`);
  if (mismatches.length) {
    const sample = mismatches
      .slice(0, 8)
      .map((m) => `  ${m.sheet}!${m.cell} ${m.formula}: ours ${JSON.stringify(m.ours)} vs LibreOffice ${JSON.stringify(m.libreoffice)}`);
    throw new Error(`${label}: ${mismatches.length} of ${checked} formula cells disagree with LibreOffice:\n${sample.join("\n")}`);
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------

let pageDownload = null;

test("standalone page: score a drifted roster, download, no foreign requests or errors", async () => {
  need(chromiumPath(), INSTALL_CHROMIUM);
  requirePage("index.html");
  const server = await serveDirectory(DIST);
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    const watch = watchPage(page, server.origin);
    const { msToGrade } = await scoreOnPage(page, server.origin, fixtures.drifted, { screenshotDir: ARTIFACTS });
    const dl = await downloadResult(page, ARTIFACTS);
    const expectedName = `${path.basename(fixtures.drifted, ".xlsx")}-评估结果.xlsx`;
    need(dl.name === expectedName, `download named ${dl.name}, expected ${expectedName}`);
    const problems = await checkScoredWorkbook(fs.readFileSync(dl.path), INPUT_SHEETS);
    // findings on screen name their cell, and never show a whole ID number or phone
    const text = await page.locator("body").innerText();
    const planted = gen.makeDriftedRosterRows(300, 11, { slips: true }).slips.find((x) => x.kind === "bad-check-digit");
    const idCell = `${gen.ROSTER_SHEET}!D${planted.dataRow + 3}`;
    if (!text.includes(idCell)) problems.push(`the invalid ID finding's cell ${idCell} is not shown`);
    const people = gen.makeDriftedRosterRows(300, 11, { slips: true }).people;
    const shown = people.filter((p) => text.includes(p.id) || text.includes(p.phone));
    if (shown.length) problems.push(`the page shows ${shown.length} full ID numbers or phones`);
    problems.push(...watch.problems);
    need(problems.length === 0, problems.join("\n"));
    pageDownload = dl.path;
    return `graded in ${msToGrade} ms, ${watch.requests.length} requests all to ${server.origin}`;
  } finally {
    await close();
    await server.close();
  }
});

test("the page allows only its own origin (CSP) and npm run serve serves it with that policy", async () => {
  requirePage("index.html");
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const meta = /<meta[^>]+http-equiv=["']?Content-Security-Policy["']?[^>]*content="([^"]+)"/i.exec(html);
  need(meta, "dist/index.html carries no Content-Security-Policy");
  const checkPolicy = (policy, where) => {
    const directives = new Map(
      policy
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([k, ...v]) => [k, v]),
    );
    need(directives.has("default-src") || directives.has("connect-src"), `${where}: no default-src or connect-src`);
    for (const [k, sources] of directives) {
      const foreign = sources.filter((x) => !["'self'", "'none'", "'unsafe-inline'", "data:", "blob:"].includes(x));
      need(foreign.length === 0, `${where}: ${k} allows ${foreign.join(" ")}`);
    }
  };
  checkPolicy(meta[1], "index.html meta");
  const serveJs = path.join(ROOT, "bin", "serve.js");
  need(fs.existsSync(serveJs), "bin/serve.js missing (npm run serve)");
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = require("child_process").spawn(process.execPath, [serveJs], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: "ignore" });
  try {
    let res = null;
    for (let i = 0; i < 50 && !res; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await fetch(`http://127.0.0.1:${port}/index.html`).catch(() => null);
    }
    need(res && res.status === 200, `npm run serve did not answer on 127.0.0.1:${port}`);
    const header = res.headers.get("content-security-policy");
    need(header, "npm run serve sends no Content-Security-Policy header for the page");
    checkPolicy(header, "serve.js header");
    return "only 'self' (plus data:/blob:) allowed";
  } finally {
    child.kill();
  }
});

test("add-in pane mounts under a stand-in office.js and shows 一键评分", async () => {
  need(chromiumPath(), INSTALL_CHROMIUM);
  requirePage("taskpane.html");
  const server = await serveDirectory(DIST);
  const { context, close } = await launch();
  try {
    const standIn = fs.readFileSync(path.join(__dirname, "office-stand-in.js"), "utf8");
    let officeJsServed = 0;
    await context.route(/^https?:\/\/appsforoffice\.microsoft\.com\/.*office\.js$/, (route) => {
      officeJsServed++;
      return route.fulfill({ status: 200, contentType: "text/javascript", body: standIn });
    });
    const page = await context.newPage();
    const watch = watchPage(page, server.origin, { allowUrls: [OFFICE_JS_CDN] });
    await page.goto(`${server.origin}/taskpane.html`, { waitUntil: "load" });
    await page.getByRole("button", { name: "一键评分" }).first().waitFor({ state: "visible", timeout: 30000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane.png"), fullPage: true });
    need(officeJsServed > 0, "the pane never asked for office.js from Microsoft's CDN");
    const foreign = watch.requests.filter((u) => u !== OFFICE_JS_CDN && /^https?:/.test(u) && new URL(u).origin !== server.origin);
    need(foreign.length === 0, `unexpected requests: ${foreign.join(", ")}`);
    need(watch.problems.length === 0, watch.problems.join("\n"));
    return "mounted, stand-in office.js served";
  } finally {
    await close();
    await server.close();
  }
});

test("add-in pane: 一键评分 then 撤销上次运行 on an in-memory workbook through the stand-in office.js", async () => {
  need(chromiumPath(), INSTALL_CHROMIUM);
  requirePage("taskpane.html");
  const server = await serveDirectory(DIST);
  const { context, close } = await launch();
  try {
    const standIn = fs.readFileSync(path.join(__dirname, "office-stand-in.js"), "utf8");
    await context.route(/^https?:\/\/appsforoffice\.microsoft\.com\/.*office\.js$/, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: standIn }),
    );
    const page = await context.newPage();
    const watch = watchPage(page, server.origin, { allowUrls: [OFFICE_JS_CDN] });
    await page.goto(`${server.origin}/taskpane.html`, { waitUntil: "load" });
    const book = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__officeStandIn.book.sheets)));
    // blanks may come back as "" or null; what matters is the cell is empty again
    const normal = (sheets) =>
      sheets.map((s) => ({
        name: s.name,
        values: s.values
          .map((r) => (r || []).map((v) => (v === null || v === undefined ? "" : v)))
          .map((r) => {
            while (r.length && r[r.length - 1] === "") r.pop();
            return r;
          })
          .filter((r, i, all) => r.length || all.slice(i).some((x) => x.length)),
      }));
    const before = normal(await book());
    await page.getByRole("button", { name: "一键评分" }).first().click();
    await page.getByText("优秀", { exact: true }).first().waitFor({ state: "visible", timeout: 60000 });
    await page.getByText("185.50%").first().waitFor({ state: "visible", timeout: 10000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-scored.png"), fullPage: true });
    const after = await book();
    const indicator = after.find((s) => s.name === "指标完成情况");
    need(indicator.values[1][3] === '=IFERROR(C2/B2,"")', `D2 holds ${JSON.stringify(indicator.values[1][3])}`);
    need(indicator.values[1][1] === 200, `B2 not normalised to 200: ${JSON.stringify(indicator.values[1][1])}`);
    const scores = after.find((s) => s.name === "评估结果");
    need(
      scores.values.some((r) => (r || []).some((v) => typeof v === "string" && /^=ROUND\(/.test(v))),
      "no ROUND total formula written",
    );
    const undo = page.getByRole("button", { name: "撤销上次运行" }).first();
    await page.waitForFunction((el) => el && !el.disabled, await undo.elementHandle(), { timeout: 10000 });
    await undo.click();
    await page.waitForFunction((n) => window.__officeStandIn.book.sheets.length === n, before.length, { timeout: 30000 });
    const restored = normal(await book());
    need(JSON.stringify(restored) === JSON.stringify(before), `undo left ${JSON.stringify(restored)}\n expected ${JSON.stringify(before)}`);
    need(watch.problems.length === 0, watch.problems.join("\n"));
    return `scored, then undone exactly (${after.length} sheets → ${restored.length})`;
  } finally {
    await close();
    await server.close();
  }
});

test("request log catches a request to another origin (harness self-check)", async () => {
  need(chromiumPath(), INSTALL_CHROMIUM);
  const { context, close } = await launch();
  try {
    // TEST-NET-1 address: never routed; aborted here so nothing waits on it
    await context.route("http://192.0.2.1/**", (route) => route.abort());
    const page = await context.newPage();
    const watch = watchPage(page, "http://127.0.0.1:1");
    await page.goto("about:blank");
    await page.evaluate(() => fetch("http://192.0.2.1/beacon").catch(() => null));
    need(
      watch.problems.some((p) => p.includes("192.0.2.1")),
      `not caught: ${JSON.stringify(watch.problems)}`,
    );
    return "a foreign fetch is reported";
  } finally {
    await close();
  }
});

test("LibreOffice check catches a wrong cached value (harness self-check)", async () => {
  need(sofficePath(), INSTALL_SOFFICE);
  const ExcelJS = require("exceljs");
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("检查");
  ws.getCell("A1").value = 371;
  ws.getCell("B1").value = 200;
  ws.getCell("C1").value = { formula: 'IFERROR(A1/B1,"")', result: 371 / 200 };
  ws.getCell("C2").value = { formula: "A1*2", result: 999 };
  ws.getCell("C3").value = { formula: 'IF(A2="","",A2)', result: "" };
  const file = path.join(ARTIFACTS, "fixtures", "self-check.xlsx");
  await book.xlsx.writeFile(file);
  const { checked, mismatches } = compareWithLibreOffice(file);
  need(checked === 3, `expected 3 formula cells, found ${checked}`);
  need(
    mismatches.length === 1 && mismatches[0].cell === "C2" && mismatches[0].libreoffice === 742,
    `expected only C2 to disagree (742), got ${JSON.stringify(mismatches)}`,
  );
  return "a stale cached value is caught, right ones pass";
});

test("CLI on a drifted roster: report right, output agrees with LibreOffice", async () => {
  const out = path.join(ARTIFACTS, "cli-drifted-评估结果.xlsx");
  const report = path.join(ARTIFACTS, "cli-drifted-report.json");
  const r = runCli(fixtures.drifted, out, report);
  const problems = await checkScoredWorkbook(fs.readFileSync(out), INPUT_SHEETS);
  need(problems.length === 0, problems.join("\n"));
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  const text = fs.readFileSync(report, "utf8") + r.stdout;
  const people = gen.makeDriftedRosterRows(300, 11, { slips: true }).people;
  const leaked = people.filter((p) => text.includes(p.id) || text.includes(p.phone));
  need(leaked.length === 0, `report or stdout shows ${leaked.length} full ID numbers or phones`);
  need(json.scores.length > 0 && json.scores[0].grade === gen.SEED_GRADE, `report grade ${json.scores[0] && json.scores[0].grade}`);
  const checked = assertAgreement(out, "CLI drifted roster");
  return `${checked} formula cells agree`;
});

test("CLI output shows the appendix's percentages as printed (185.50% …) in LibreOffice", async () => {
  need(sofficePath(), INSTALL_SOFFICE);
  const out = path.join(ARTIFACTS, "cli-drifted-评估结果.xlsx");
  need(fs.existsSync(out), "no CLI output to render (the drifted-roster CLI test failed)");
  const sheet = renderedSheets(out, [gen.INDICATOR_SHEET]).get(gen.INDICATOR_SHEET);
  need(sheet, `LibreOffice rendered no ${gen.INDICATOR_SHEET}`);
  const expected = gen.SEED_BLOCKS.map((b) => `${(Math.round(b.percent * 10000) / 100).toFixed(2)}%`);
  const shown = gen.SEED_BLOCKS.map((_, i) => (sheet[2 + 2 * i] || [])[3]);
  need(JSON.stringify(shown) === JSON.stringify(expected), `shown ${shown.join(" ")}\n expected ${expected.join(" ")}`);
  return shown.join(" ");
});

test("CLI on a clean roster: output agrees with LibreOffice", async () => {
  const out = path.join(ARTIFACTS, "cli-clean-评估结果.xlsx");
  runCli(fixtures.clean, out, path.join(ARTIFACTS, "cli-clean-report.json"));
  const checked = assertAgreement(out, "CLI clean roster");
  return `${checked} formula cells agree`;
});

test("CLI on the bundled example workbook: output agrees with LibreOffice", async () => {
  const examples = path.join(ROOT, "examples");
  const inputs = fs.existsSync(examples) ? fs.readdirSync(examples).filter((f) => f.endsWith(".xlsx")) : [];
  need(inputs.length > 0, "no example workbook in examples/");
  let checked = 0;
  for (const name of inputs) {
    const out = path.join(ARTIFACTS, `example-${name.replace(/\.xlsx$/, "")}-评估结果.xlsx`);
    runCli(path.join(examples, name), out, path.join(ARTIFACTS, `example-${name}.report.json`));
    checked += assertAgreement(out, `examples/${name}`);
  }
  return `${inputs.length} workbook(s), ${checked} formula cells agree`;
});

test("page download agrees with LibreOffice", async () => {
  need(pageDownload, "no page download to check (the page test failed)");
  const checked = assertAgreement(pageDownload, "page download");
  return `${checked} formula cells agree`;
});

// ---------------------------------------------------------------------------------------------

/**
 * Further suites live one file each in test/e2e/suites/*.js, so work on different areas adds
 * files instead of editing this one. Each exports `register(ctx)` and calls ctx.test(name, fn).
 */
function loadSuites() {
  const dir = path.join(__dirname, "suites");
  if (!fs.existsSync(dir)) return;
  const ctx = {
    test,
    need,
    requirePage,
    requireCli,
    runCli,
    assertAgreement,
    fixtures,
    ROOT,
    DIST,
    CLI,
    ARTIFACTS,
    OFFICE_JS_CDN,
    INSTALL_CHROMIUM,
    INSTALL_SOFFICE,
    getPageDownload: () => pageDownload,
  };
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort()) {
    require(path.join(dir, file)).register(ctx);
  }
}

/**
 * The pages and the command line as the suites need them, built when missing or older than their
 * sources: after `npm ci` a newcomer's `npm run test:e2e` would otherwise find no dist/.
 */
async function buildIfStale() {
  await require("../support/global-setup.js")();
  if (process.env.E2E_DIST) return;
  const sources = Math.max(
    newest(path.join(ROOT, "src")),
    newest(path.join(ROOT, "assets")),
    ...["webpack.config.js", "manifest.xml"].map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs),
  );
  const fresh = (file) => fs.existsSync(path.join(DIST, file)) && fs.statSync(path.join(DIST, file)).mtimeMs >= sources;
  if (fresh("index.html") && fresh("taskpane.html")) return;
  console.log("dist/ is missing or older than src/: building it (npm run build)");
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], { cwd: ROOT, stdio: "inherit" });
  // webpack leaves a file whose content is unchanged as it was: mark the build as fresh
  const now = new Date();
  for (const file of ["index.html", "taskpane.html"]) fs.utimesSync(path.join(DIST, file), now, now);
}

async function main() {
  await buildIfStale();
  loadSuites();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await makeFixtures();
  let passed = 0;
  let failed = 0;
  // E2E_ONLY=regex runs only the tests whose names match (working on one area); CI runs them all
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
  if (only) console.log(`E2E_ONLY=${process.env.E2E_ONLY}: ${tests.filter((t) => only.test(t.name)).length} of ${tests.length} tests`);
  for (const t of only ? tests.filter((x) => only.test(x.name)) : tests) {
    const t0 = Date.now();
    try {
      const note = await t.fn();
      passed++;
      console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)${note ? ` — ${note}` : ""}`);
    } catch (err) {
      failed++;
      console.log(
        `  ✗ ${t.name} (${Date.now() - t0} ms)\n    ${String(err && err.message ? err.message : err)
          .split("\n")
          .join("\n    ")}`,
      );
    }
  }
  console.log(`\nartefacts: ${path.relative(ROOT, ARTIFACTS)}/`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  console.log("e2e: 0 passed, 1 failed");
  process.exitCode = 1;
});
