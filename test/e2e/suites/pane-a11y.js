/**
 * The pane as a user meets it (issue 12), in real Chromium: axe-core on every screen, a
 * keyboard-only run, no sideways scrolling at 320 px, the language switch re-rendering findings,
 * files refused on pick — on the standalone page and on the add-in pane under the stand-in
 * office.js. Every screen is saved at 320, 450 and 1280 px in both languages to
 * test-artifacts/e2e/screens/ for a human look.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { serveDirectory } = require("../lib/static-server");
const { chromiumPath, launch, watchPage } = require("../lib/browser");

const gen = require("../../support/generate-roster.ts");

const AXE = path.join(__dirname, "..", "..", "..", "node_modules", "axe-core", "axe.min.js");
const WIDTHS = [320, 450, 1280];
const LANGS = ["zh", "en"];
const WORDS = {
  zh: { run: "一键评分", settings: "设置", language: "语言", save: "保存并应用", mapping: /列对应核对/, findings: /^发现的问题/ },
  en: { run: "Score workbook", settings: "Settings", language: "Language", save: "Save and apply", mapping: /Column mapping/, findings: /^Findings/ },
};
const PREPARING = { zh: "下载评估结果（正在生成…）", en: "Download scored workbook (being created…)" };
const READY = { zh: "下载评估结果", en: "Download scored workbook" };

/**
 * Holds the page worker's write ("apply") until window.__releaseApply() is called, so the screen
 * between the grade and the finished file (the download being prepared) can be looked at. Runs in
 * the page before its own scripts.
 */
function holdWrites() {
  const Real = window.Worker;
  const held = [];
  window.__releaseApply = () => held.splice(0).forEach((go) => go());
  window.Worker = function (url, options) {
    const worker = new Real(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, transfer) => {
      if (message && message.type === "apply") held.push(() => post(message, transfer));
      else post(message, transfer);
    };
    return worker;
  };
}

/**
 * The add-in's workbook under the stand-in office.js: the seed's indicator and score sheets and a
 * drifted roster with planted slips, so the pane shows every screen there too (the mapping review
 * needs a roster whose headers drifted).
 */
function addinBook() {
  const seed = gen.makeSeedWorkbook({ rows: 40, seed: 21, slips: true });
  return { name: "社工站评估表.xlsx", sheets: seed.sheets.map((sheet) => ({ name: sheet.name, values: sheet.rows })) };
}

function register(ctx) {
  const { test, need, requirePage, ARTIFACTS, OFFICE_JS_CDN, INSTALL_CHROMIUM } = ctx;
  const SCREENS = path.join(ARTIFACTS, "screens");

  async function withBrowser(fn) {
    need(chromiumPath(), INSTALL_CHROMIUM);
    const server = await serveDirectory(ctx.DIST);
    const { context, close } = await launch();
    try {
      return await fn(context, server);
    } finally {
      await close();
      await server.close();
    }
  }

  async function standIn(context) {
    const body = fs.readFileSync(path.join(__dirname, "..", "office-stand-in.js"), "utf8");
    await context.route(/^https?:\/\/appsforoffice\.microsoft\.com\/.*office\.js$/, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body }),
    );
  }

  /** axe-core's violations on the page as it is now, one line each */
  async function axe(page, where) {
    // colours are measured after Fluent's transitions end (a fading button reads as low contrast)
    await page.waitForTimeout(600);
    const loaded = await page.evaluate(() => typeof window.axe !== "undefined");
    // evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it
    if (!loaded) await page.evaluate(fs.readFileSync(AXE, "utf8"));
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(" ")} — ${v.nodes[0].failureSummary.split("\n")[1] || ""}`,
      );
    });
    return violations.map((v) => `${where}: ${v}`);
  }

  async function sideways(page, where) {
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    return w.scroll > w.client ? [`${where}: scrolls sideways (${w.scroll} > ${w.client} px)`] : [];
  }

  async function shot(page, name) {
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.waitForTimeout(150);
    // the window is made as tall as the page for the picture, so a sticky footer (the settings'
    // 保存并应用) is drawn at the end where a user scrolling down meets it, not over the middle
    const size = page.viewportSize();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (size && height > size.height) await page.setViewportSize({ width: size.width, height });
    await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
    if (size && height > size.height) await page.setViewportSize(size);
  }

  async function switchLanguage(page, from, to) {
    await page.getByRole("button", { name: WORDS[from].settings, exact: true }).click();
    await page.getByRole("combobox", { name: WORDS[from].language, exact: true }).selectOption(to);
    await page.getByRole("button", { name: WORDS[from].save }).click();
    await page.getByRole("button", { name: WORDS[to].run }).waitFor({ state: "visible", timeout: 10000 });
  }

  async function waitEnabled(page, button) {
    await page.waitForFunction((el) => el && !el.disabled && el.getAttribute("aria-disabled") !== "true", await button.elementHandle(), { timeout: 60000 });
  }

  /**
   * Walk one host's screens at one width and language: first view, results, mapping review,
   * a finding opened, settings. Returns problems; `checks` says whether axe runs here too.
   */
  async function walk(page, { kind, width, lang, file, checks, needMapping = true }) {
    const problems = [];
    const w = WORDS[lang];
    const tag = `${kind}-${width}-${lang}`;
    const check = async (screen) => {
      problems.push(...(await sideways(page, `${tag} ${screen}`)));
      if (checks) problems.push(...(await axe(page, `${tag} ${screen}`)));
      await shot(page, `${tag}-${screen}`);
    };
    await page.getByRole("button", { name: WORDS.zh.run }).waitFor({ state: "visible", timeout: 30000 });
    if (lang === "en") await switchLanguage(page, "zh", "en");
    need((await page.evaluate(() => document.documentElement.lang)) === (lang === "zh" ? "zh-CN" : "en"), `${tag}: <html lang> does not follow the language`);
    await check("1-first-view");
    if (file) {
      await page.locator('input[type="file"]').first().setInputFiles(file);
      await page.getByTestId("file-chip").waitFor({ state: "visible", timeout: 30000 });
      await check("2-file-chosen");
    }
    const run = page.getByRole("button", { name: w.run });
    await waitEnabled(page, run);
    await run.click();
    await page.getByTestId("result-card").first().waitFor({ state: "visible", timeout: 120000 });
    if (kind === "page") {
      // the grade is shown while the scored file is still being made: the button says so, and works
      const preparing = page.getByRole("button", { name: PREPARING[lang], exact: true });
      await preparing.waitFor({ state: "visible", timeout: 10000 });
      if ((await preparing.getAttribute("aria-busy")) !== "true") problems.push(`${tag}: the preparing download button is not aria-busy`);
      await check("3-results-preparing-download");
      await page.evaluate(() => window.__releaseApply());
      await page.getByRole("button", { name: READY[lang], exact: true }).waitFor({ state: "visible", timeout: 60000 });
    }
    await page
      .getByRole("status")
      .filter({ hasText: lang === "zh" ? "评分完成" : "Scoring finished" })
      .waitFor({ state: "attached", timeout: 10000 });
    // the findings list is its own chunk, fetched as the run starts
    await page.getByRole("heading", { name: w.findings }).waitFor({ state: "visible", timeout: 10000 });
    await check("3-results");
    const mapping = page.getByRole("button", { name: w.mapping });
    if (await mapping.count()) {
      await mapping.first().click();
      await page.locator("table").first().waitFor({ state: "visible", timeout: 5000 });
      await check("4-mapping-review");
      await mapping.first().click();
    } else if (needMapping) problems.push(`${tag}: no mapping review shown`);
    const row = page.locator("[data-finding-row]").first();
    if (await row.count()) {
      await row.click();
      if (kind === "page") await page.locator("table[aria-label]").first().waitFor({ state: "visible", timeout: 10000 });
      else await page.locator('[data-finding-row][aria-current="true"]').first().waitFor({ state: "visible", timeout: 10000 });
      await check("5-finding-opened");
    } else problems.push(`${tag}: no finding rows to open`);
    await page.getByRole("button", { name: w.settings, exact: true }).click();
    await page.getByRole("heading", { name: w.settings, exact: true }).waitFor({ state: "visible", timeout: 5000 });
    await check("6-settings");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: w.run }).waitFor({ state: "visible", timeout: 5000 });
    return problems;
  }

  test("pane screens on the page: axe finds nothing at 320 px, nothing scrolls sideways, screenshots at 320/450/1280 in both languages", async () => {
    requirePage("index.html");
    return withBrowser(async (context, server) => {
      const problems = [];
      for (const lang of LANGS) {
        for (const width of WIDTHS) {
          const page = await context.newPage();
          await page.setViewportSize({ width, height: 800 });
          await page.emulateMedia({ reducedMotion: "reduce" });
          const watch = watchPage(page, server.origin);
          await page.addInitScript(holdWrites);
          await page.goto(`${server.origin}/index.html`, { waitUntil: "load" });
          // each page starts from the default language: settings live in the browser
          await page.evaluate(() => localStorage.clear());
          await page.reload({ waitUntil: "load" });
          problems.push(...(await walk(page, { kind: "page", width, lang, file: ctx.fixtures.drifted, checks: width === 320 })));
          problems.push(...watch.problems);
          await page.close();
        }
      }
      need(problems.length === 0, problems.join("\n"));
      return `${LANGS.length * WIDTHS.length} walks, screens in ${path.relative(ctx.ROOT, SCREENS)}/`;
    });
  });

  test("pane screens on the add-in (stand-in office.js): axe finds nothing at 320 px, nothing scrolls sideways, screenshots in both languages", async () => {
    requirePage("taskpane.html");
    return withBrowser(async (context, server) => {
      await standIn(context);
      const book = addinBook();
      const problems = [];
      for (const lang of LANGS) {
        for (const width of WIDTHS) {
          const page = await context.newPage();
          await page.setViewportSize({ width, height: 800 });
          await page.emulateMedia({ reducedMotion: "reduce" });
          const watch = watchPage(page, server.origin, { allowUrls: [OFFICE_JS_CDN] });
          await page.addInitScript((book) => {
            window.__standInBook = book;
          }, book);
          await page.goto(`${server.origin}/taskpane.html`, { waitUntil: "load" });
          problems.push(...(await walk(page, { kind: "addin", width, lang, file: null, checks: width === 320 })));
          problems.push(...watch.problems);
          await page.close();
        }
      }
      need(problems.length === 0, problems.join("\n"));
      return `${LANGS.length * WIDTHS.length} walks`;
    });
  });

  test("keyboard only on the page: Tab to 一键评分, Enter, focus stays off the body, arrows walk the findings, Enter opens, Esc closes", async () => {
    requirePage("index.html");
    return withBrowser(async (context, server) => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${server.origin}/index.html`, { waitUntil: "load" });
      await page.locator('input[type="file"]').first().setInputFiles(ctx.fixtures.drifted);
      await page.getByTestId("file-chip").waitFor({ state: "visible", timeout: 30000 });
      await waitEnabled(page, page.getByRole("button", { name: "一键评分" }));
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      const focused = () =>
        page.evaluate(() => ({
          text: (document.activeElement || {}).textContent || "",
          tag: document.activeElement ? document.activeElement.tagName : "",
          row: document.activeElement && document.activeElement.getAttribute("data-finding-row"),
        }));
      let tabs = 0;
      while ((await focused()).text !== "一键评分" && tabs < 12) {
        await page.keyboard.press("Tab");
        tabs++;
      }
      need((await focused()).text === "一键评分", `一键评分 not reached in ${tabs} Tabs`);
      await page.keyboard.press("Enter");
      // while busy the button keeps focus
      const during = await focused();
      need(during.tag !== "BODY", "focus fell to the body when the run started");
      await page.getByTestId("result-card").waitFor({ state: "visible", timeout: 120000 });
      await page.getByRole("heading", { name: WORDS.zh.findings }).waitFor({ state: "visible", timeout: 10000 });
      await page.waitForTimeout(300);
      const after = await focused();
      need(after.tag !== "BODY", "focus fell to the body after the run");
      let toRow = 0;
      while (!(await focused()).row && toRow < 15) {
        await page.keyboard.press("Tab");
        toRow++;
      }
      const first = (await focused()).row;
      need(first, `no finding row reached in ${toRow} Tabs after the run`);
      await page.keyboard.press("ArrowDown");
      const second = (await focused()).row;
      need(second && second !== first, `ArrowDown did not move to the next finding (${first} → ${second})`);
      await page.keyboard.press("ArrowUp");
      need((await focused()).row === first, "ArrowUp did not move back");
      await page.keyboard.press("Enter");
      await page.locator(`[data-finding-row="${first}"][aria-expanded="true"]`).waitFor({ state: "attached", timeout: 10000 });
      need(await page.locator("table[aria-label]").first().isVisible(), "Enter opened no preview");
      await page.keyboard.press("Escape");
      await page.locator(`[data-finding-row="${first}"][aria-expanded="false"]`).waitFor({ state: "attached", timeout: 10000 });
      need((await focused()).row === first, "Esc moved focus away from the finding");
      // the list is one Tab stop: Tab from a row leaves the list's rows
      await page.keyboard.press("Tab");
      const next = await focused();
      need(!next.row, "Tab from a finding went to another finding (the list should be one Tab stop)");
      return `run button after ${tabs} Tabs, first finding ${toRow} Tabs after the run`;
    });
  });

  test("keyboard only on the add-in pane: Tab to 一键评分, Enter, focus after the run is not the body", async () => {
    requirePage("taskpane.html");
    return withBrowser(async (context, server) => {
      await standIn(context);
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${server.origin}/taskpane.html`, { waitUntil: "load" });
      await page.getByRole("button", { name: "一键评分" }).waitFor({ state: "visible", timeout: 30000 });
      let tabs = 0;
      while ((await page.evaluate(() => (document.activeElement || {}).textContent)) !== "一键评分" && tabs < 12) {
        await page.keyboard.press("Tab");
        tabs++;
      }
      need(tabs < 12, "一键评分 not reached by Tab");
      await page.keyboard.press("Enter");
      await page.getByTestId("result-card").waitFor({ state: "visible", timeout: 60000 });
      await page.getByRole("heading", { name: WORDS.zh.findings }).waitFor({ state: "visible", timeout: 10000 });
      await page.waitForTimeout(300);
      const tag = await page.evaluate(() => document.activeElement && document.activeElement.tagName);
      need(tag && tag !== "BODY", "focus fell to the body after the run");
      const row = page.locator("[data-finding-row]").first();
      if (await row.count()) {
        await row.focus();
        await page.keyboard.press("Enter");
        await page.locator('[data-finding-row][aria-current="true"]').first().waitFor({ state: "attached", timeout: 10000 });
      }
      return `run button after ${tabs} Tabs; focus on ${tag} after the run`;
    });
  });

  test("switching the language after a run re-renders the findings without running again", async () => {
    requirePage("index.html");
    return withBrowser(async (context, server) => {
      const page = await context.newPage();
      await page.goto(`${server.origin}/index.html`, { waitUntil: "load" });
      await page.locator('input[type="file"]').first().setInputFiles(ctx.fixtures.drifted);
      const run = page.getByRole("button", { name: "一键评分" });
      await waitEnabled(page, run);
      await run.click();
      await page.getByTestId("result-card").waitFor({ state: "visible", timeout: 120000 });
      await page.getByRole("heading", { name: WORDS.zh.findings }).waitFor({ state: "visible", timeout: 10000 });
      const messages = () => page.locator("[data-finding-row] > span:first-child").allInnerTexts();
      const zh = await messages();
      need(zh.length > 0, "no findings shown");
      await switchLanguage(page, "zh", "en");
      const en = await messages();
      need(en.length === zh.length, `${zh.length} findings in Chinese, ${en.length} in English`);
      const cjkOnly = /^[^A-Za-z]*$/;
      const untranslated = en.filter((m, i) => m === zh[i] || cjkOnly.test(m));
      need(untranslated.length === 0, `findings still in Chinese after the switch: ${untranslated.slice(0, 3).join(" | ")}`);
      need(await page.getByRole("heading", { name: WORDS.en.findings }).isVisible(), "the findings heading is not in English");
      need((await page.evaluate(() => document.documentElement.lang)) === "en", "<html lang> stays zh-CN");
      return `${en.length} findings re-rendered, e.g. “${en[0]}”`;
    });
  });

  test("an empty file and a renamed .txt are refused as soon as they are picked, with 一键评分 disabled", async () => {
    requirePage("index.html");
    const dir = path.join(ARTIFACTS, "fixtures");
    fs.mkdirSync(dir, { recursive: true });
    const empty = path.join(dir, "空文件.xlsx");
    const renamed = path.join(dir, "说明（改名）.xlsx");
    fs.writeFileSync(empty, "");
    fs.writeFileSync(renamed, "这是一个文本文件，只是改了扩展名。\n");
    return withBrowser(async (context, server) => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${server.origin}/index.html`, { waitUntil: "load" });
      const said = [];
      for (const [file, words] of [
        [empty, "空文件"],
        [renamed, "不是 Excel 工作簿"],
      ]) {
        await page.locator('input[type="file"]').first().setInputFiles(file);
        const alert = page.getByRole("alert").filter({ hasText: words });
        await alert.waitFor({ state: "visible", timeout: 10000 });
        const text = await alert.innerText();
        need(!/zip/i.test(text), `jargon in "${text}"`);
        need(await page.getByRole("button", { name: "一键评分" }).isDisabled(), `一键评分 enabled after picking ${path.basename(file)}`);
        need((await page.getByTestId("file-chip").count()) === 0, `${path.basename(file)} shown as the chosen file`);
        said.push(text);
        const problems = [...(await axe(page, path.basename(file))), ...(await sideways(page, path.basename(file)))];
        need(problems.length === 0, problems.join("\n"));
      }
      await shot(page, "page-320-zh-0-refused-file");
      return said.join(" / ");
    });
  });
}

module.exports = { register };
