/** Debian's Chromium driven by playwright-core: never a downloaded browser, nothing phoning home. */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function chromiumPath() {
  return fs.existsSync(CHROMIUM) ? CHROMIUM : null;
}

/** A fresh persistent context (own user-data-dir) that accepts downloads; caller closes it. */
async function launch(extraArgs = []) {
  const { chromium } = require("playwright-core");
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-pw-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: [...ARGS, ...extraArgs],
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close, userDataDir };
}

/**
 * Watch a page for everything that should fail a test: requests leaving the allowed origins,
 * uncaught exceptions, console errors.
 */
function watchPage(page, allowedOrigin, { allowUrls = [] } = {}) {
  const problems = [];
  const requests = [];
  page.on("request", (req) => {
    const url = req.url();
    requests.push(url);
    if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) return;
    if (allowUrls.includes(url)) return;
    if (new URL(url).origin !== allowedOrigin) problems.push(`request left the page's origin: ${url}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location() && msg.location().url;
    if (where && where.endsWith("/favicon.ico")) return;
    problems.push(`console error: ${msg.text()}${where ? ` (${where})` : ""}`);
  });
  return { problems, requests };
}

module.exports = { chromiumPath, launch, watchPage };
