/** The standalone page's one-click flow, shared by the e2e test and the benchmark. */
"use strict";

const GRADE_TIMEOUT_MS = 120000;

/**
 * Open index.html, choose `file`, press 一键评分 and wait until `grade` shows (`timeoutMs` for
 * reading and for scoring each; big workbooks get more).
 * @returns {Promise<{msToGrade: number}>} time from choosing the file to the grade on screen
 */
async function scoreOnPage(page, origin, file, { grade = "优秀", screenshotDir = null, timeoutMs = GRADE_TIMEOUT_MS } = {}) {
  await page.goto(`${origin}/index.html`, { waitUntil: "load" });
  const input = page.locator('input[type="file"]').first();
  await input.waitFor({ state: "attached", timeout: 30000 });
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/page-loaded.png`, fullPage: true });
  const button = page.getByRole("button", { name: "一键评分" }).first();
  const t0 = Date.now();
  await input.setInputFiles(file);
  await button.waitFor({ state: "visible", timeout: 30000 });
  await page.waitForFunction((el) => el && !el.disabled && el.getAttribute("aria-disabled") !== "true", await button.elementHandle(), {
    timeout: Math.max(60000, timeoutMs),
  });
  await button.click();
  await page.getByText(grade, { exact: true }).first().waitFor({ state: "visible", timeout: timeoutMs });
  const msToGrade = Date.now() - t0;
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/page-scored.png`, fullPage: true });
  return { msToGrade };
}

/** Press the button whose name starts with 下载 and save what it downloads. */
async function downloadResult(page, saveDir) {
  const button = page.getByRole("button", { name: /^下载/ }).first();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), button.click()]);
  const name = download.suggestedFilename();
  const target = `${saveDir}/${name}`;
  await download.saveAs(target);
  return { name, path: target };
}

module.exports = { scoreOnPage, downloadResult };
