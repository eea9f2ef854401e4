/**
 * 「指定表格」 (issue 9) in real Chromium: a table under headers no vocabulary knows is not scored;
 * the evaluator teaches it — on the page by picking the sheet and typing the range, in the add-in
 * pane (stand-in office.js) by selecting it in the workbook — assigns the roles, saves, scores
 * again, and the indicators are now scored and written. axe-core finds nothing on the review at
 * 320 px; the review is saved at 320, 450 and 1280 px to test-artifacts/e2e/screens/.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { serveDirectory } = require("../lib/static-server");
const { chromiumPath, launch, watchPage } = require("../lib/browser");
const { downloadResult } = require("../lib/page-flow");
const { readCells } = require("../lib/xlsx-cells");

const AXE = path.join(__dirname, "..", "..", "..", "node_modules", "axe-core", "axe.min.js");
const SHEET = "年度工作";
// the detector knows none of these headers: only a taught layout reads the table (A2:E5)
const ROWS = [
  ["某某社工站年度工作", null, null, null, null],
  ["事项", "量词", "年初定的", "到现在", "进度比"],
  ["建档", "份", 200, 150, null],
  ["电访", "人次", 400, 500, null],
  ["小组", "节", 12, 9, null],
];
const ROLES = [
  ["“量词”（B 列）的用途", "unit"],
  ["“年初定的”（C 列）的用途", "target"],
  ["“到现在”（D 列）的用途", "completed"],
  ["“进度比”（E 列）的用途", "percent"],
];

function register(ctx) {
  const { test, need, requirePage, ARTIFACTS, OFFICE_JS_CDN, INSTALL_CHROMIUM } = ctx;
  const SCREENS = path.join(ARTIFACTS, "screens");
  const DIR = path.join(ARTIFACTS, "teach-layout");

  async function workbookFile() {
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(SHEET);
    ROWS.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getRow(r + 1).getCell(c + 1).value = v)));
    fs.mkdirSync(DIR, { recursive: true });
    const file = path.join(DIR, "年度工作（未识别的表头）.xlsx");
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    return file;
  }

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

  async function axe(page, where) {
    // colours are measured after Fluent's transitions end
    await page.waitForTimeout(600);
    if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(fs.readFileSync(AXE, "utf8"));
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(" ")}`);
    });
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    if (w.scroll > w.client) found.push(`scrolls sideways (${w.scroll} > ${w.client} px)`);
    return found.map((v) => `${where}: ${v}`);
  }

  async function shots(page, name) {
    fs.mkdirSync(SCREENS, { recursive: true });
    for (const width of [320, 450, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(SCREENS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 320, height: 900 });
  }

  async function waitEnabled(page, button) {
    await page.waitForFunction((el) => el && !el.disabled && el.getAttribute("aria-disabled") !== "true", await button.elementHandle(), { timeout: 60000 });
  }

  /** Assign the roles, check the live preview, run axe, take the screens, then save. */
  async function teach(page, tag) {
    const review = page.getByTestId("layout-review");
    await review.waitFor({ state: "visible", timeout: 30000 });
    const preview = page.getByTestId("layout-preview");
    need(/需要一列指标要求和一列完成情况/.test(await preview.innerText()), `${tag}: the preview does not say what the guess lacks`);
    for (const [name, role] of ROLES) await page.getByRole("combobox", { name, exact: true }).selectOption(role);
    await preview.getByText("125.00%").waitFor({ state: "visible", timeout: 5000 });
    const text = await preview.innerText();
    for (const want of ["建档", "75.00%", "写入 E3", "电访", "125.00%", "写入 E4"]) need(text.includes(want), `${tag}: the preview lacks ${want}: ${text}`);
    const problems = await axe(page, `${tag} review at 320 px`);
    need(problems.length === 0, problems.join("\n"));
    await shots(page, `teach-layout-${tag}`);
    await page.getByRole("textbox", { name: "布局名称" }).fill("年度工作表");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("已保存表格布局“年度工作表”", { exact: false }).first().waitFor({ state: "visible", timeout: 10000 });
    need((await review.count()) === 0, `${tag}: the review stays open after 保存`);
  }

  test("teach a table on the page: pick the sheet and range, assign roles, save, score again — the indicators are scored and written", async () => {
    requirePage("index.html");
    const file = await workbookFile();
    return withBrowser(async (context, server) => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 900 });
      await page.emulateMedia({ reducedMotion: "reduce" });
      const watch = watchPage(page, server.origin);
      await page.goto(`${server.origin}/index.html`, { waitUntil: "load" });
      await page.evaluate(() => localStorage.clear());
      await page.reload({ waitUntil: "load" });
      await page.locator('input[type="file"]').first().setInputFiles(file);
      const run = page.getByRole("button", { name: "一键评分" });
      await waitEnabled(page, run);
      await run.click();
      await page.getByText("没有找到可评估的内容", { exact: false }).first().waitFor({ state: "visible", timeout: 60000 });

      // by keyboard: Enter on 指定表格 moves focus to the panel's heading, Tab walks into the picker
      await page.getByRole("button", { name: "指定表格", exact: true }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "指定表格", level: 2 }).waitFor({ state: "visible", timeout: 30000 });
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === "teach-layout-heading", null, { timeout: 5000 });
      let tabs = 0;
      const onSheet = () => page.evaluate(() => document.activeElement && document.activeElement.tagName === "SELECT");
      while (!(await onSheet()) && tabs < 5) {
        await page.keyboard.press("Tab");
        tabs++;
      }
      need(await onSheet(), "Tab from the panel's heading does not reach the sheet dropdown");
      await page.getByRole("combobox", { name: "工作表", exact: true }).selectOption(SHEET);
      const range = page.getByRole("textbox", { name: /区域（含表头）/ });
      // a bad range is refused on its field before anything is read
      await range.fill("A2");
      await page.getByRole("button", { name: "读取表格" }).click();
      await page.getByText("请输入有效的单元格区域，如 A2:F14").waitFor({ state: "visible", timeout: 5000 });
      await range.fill("a2:e5");
      await page.getByRole("button", { name: "读取表格" }).click();
      await teach(page, "page");

      await waitEnabled(page, run);
      await run.click();
      await page.getByText("评分完成，可以下载评估结果。").waitFor({ state: "visible", timeout: 60000 });
      await page.getByText("125.00%", { exact: true }).first().waitFor({ state: "visible", timeout: 30000 });
      const saved = await page.evaluate(() => localStorage.getItem("shuangbai.settings.v1"));
      need(saved && saved.includes("年初定的") && !/建档|电访|150|500/.test(saved), `the browser's settings hold cell values or no layout: ${saved}`);

      const { path: out } = await downloadResult(page, DIR);
      const cells = readCells(fs.readFileSync(out)).get(SHEET);
      need(cells, `the scored workbook has no ${SHEET} sheet`);
      const e3 = cells.get("E3");
      const e4 = cells.get("E4");
      need(e3 && /D3\/C3/.test(e3.formula || "") && Math.abs(e3.value - 0.75) < 1e-9, `E3 is not 到现在 ÷ 年初定的: ${JSON.stringify(e3)}`);
      need(e4 && /D4\/C4/.test(e4.formula || "") && Math.abs(e4.value - 1.25) < 1e-9, `E4 is not 到现在 ÷ 年初定的: ${JSON.stringify(e4)}`);
      need(watch.problems.length === 0, watch.problems.join("\n"));
      return `E3 ${e3.formula} = ${e3.value}, E4 = ${e4.value}; screens teach-layout-page-{320,450,1280}.png`;
    });
  });

  test("teach a table in the add-in pane (stand-in office.js): the range selected in the workbook is reviewed, saved, and scored", async () => {
    requirePage("taskpane.html");
    return withBrowser(async (context, server) => {
      const body = fs.readFileSync(path.join(__dirname, "..", "office-stand-in.js"), "utf8");
      await context.route(/^https?:\/\/appsforoffice\.microsoft\.com\/.*office\.js$/, (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript", body }),
      );
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 900 });
      await page.emulateMedia({ reducedMotion: "reduce" });
      const watch = watchPage(page, server.origin, { allowUrls: [OFFICE_JS_CDN] });
      await page.goto(`${server.origin}/taskpane.html`, { waitUntil: "load" });
      await page.getByRole("button", { name: "一键评分" }).waitFor({ state: "visible", timeout: 30000 });
      // the workbook gets the odd sheet; the evaluator selects its table A2:E5
      await page.evaluate(
        ({ name, rows }) => {
          window.__officeStandIn.book.sheets.push({ name, values: rows.map((r) => r.map((v) => (v === null ? "" : v))) });
          window.__officeStandIn.selection = { sheet: name, row: 1, col: 0, rows: 4, cols: 5 };
        },
        { name: SHEET, rows: ROWS },
      );
      await page.getByRole("button", { name: "指定表格", exact: true }).click();
      await page.getByRole("heading", { name: `${SHEET}!A2:E5 的表格布局` }).waitFor({ state: "visible", timeout: 30000 });
      await teach(page, "addin");

      const run = page.getByRole("button", { name: "一键评分" });
      await waitEnabled(page, run);
      await run.click();
      await page.getByTestId("result-card").first().waitFor({ state: "visible", timeout: 60000 });
      await page.getByText("125.00%", { exact: true }).first().waitFor({ state: "visible", timeout: 30000 });
      const written = await page.evaluate((name) => {
        const s = window.__officeStandIn.book.sheets.find((x) => x.name === name);
        return [s.values[2][4], s.values[3][4]];
      }, SHEET);
      need(
        written.every((f) => typeof f === "string" && /IFERROR/.test(f)),
        `the pane wrote no percentage formulas into E3:E4 of the workbook: ${JSON.stringify(written)}`,
      );
      need(watch.problems.length === 0, watch.problems.join("\n"));
      return `E3:E4 ${written.join(" ")}`;
    });
  });
}

module.exports = { register };
