/**
 * The report draft (issue 15) checked by LibreOffice: the 评估报告摘要 sheet's text formulas
 * recalculate to the very text we cached, and the Word document opens in Writer and holds the
 * same paragraphs and the appendix table.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { readCells } = require("../lib/xlsx-cells");
const { recalculate, sofficePath } = require("../lib/soffice");

const SHEET = "评估报告摘要";

function register(ctx) {
  const { test, need, requireCli, assertAgreement, ROOT, CLI, ARTIFACTS, INSTALL_SOFFICE } = ctx;
  const dir = path.join(ARTIFACTS, "report-draft");
  const scored = path.join(dir, "示例-评估结果.xlsx");
  const doc = path.join(dir, "示例-报告摘要.docx");
  const report = path.join(dir, "示例.json");
  let cached = null;

  function score() {
    if (cached) return cached;
    requireCli();
    fs.mkdirSync(dir, { recursive: true });
    const input = path.join(ROOT, "examples", "示例社工站评估表.xlsx");
    const r = spawnSync(
      process.execPath,
      [CLI, "score", input, "--out", scored, "--report", report, "--doc", doc, "--as-of", "2023-11-30", "--force", "--quiet"],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120000,
      },
    );
    need(r.status === 0, `CLI exited ${r.status}: ${(r.stderr || "").trim()}`);
    need(fs.existsSync(scored) && fs.existsSync(doc), "the CLI wrote no scored workbook or no .docx");
    const ours = readCells(fs.readFileSync(scored)).get(SHEET);
    need(ours, `the scored workbook has no ${SHEET} sheet`);
    const texts = [];
    for (const [ref, c] of ours) if (c.formula && typeof c.value === "string" && c.value.length > 12) texts.push({ ref, text: c.value });
    cached = { ours, texts };
    return cached;
  }

  test("report draft: LibreOffice recalculates the 评估报告摘要 text formulas to the same text", async () => {
    need(sofficePath(), INSTALL_SOFFICE);
    const { ours, texts } = score();
    const theirs = readCells(recalculate(scored)).get(SHEET);
    need(theirs, `LibreOffice's copy has no ${SHEET} sheet`);
    const differ = [];
    let formulas = 0;
    for (const [ref, c] of ours) {
      if (!c.formula) continue;
      formulas++;
      const lo = theirs.get(ref);
      const loValue = lo ? lo.value : null;
      const same = typeof c.value === "number" && typeof loValue === "number" ? Math.abs(c.value - loValue) < 1e-9 : c.value === loValue;
      if (!same) differ.push(`${ref}: ours ${JSON.stringify(c.value)} vs LibreOffice ${JSON.stringify(loValue)}`);
    }
    need(
      texts.some((t) => t.text.includes("完成协议指标量的")),
      "no 服务指标完成情况 paragraph among the formulas",
    );
    need(
      texts.some((t) => t.text.startsWith("以上四项总得分")),
      "no 以上四项总得分 line among the formulas",
    );
    need(differ.length === 0, `${differ.length} of ${formulas} report formulas disagree:\n${differ.slice(0, 6).join("\n")}`);
    const all = assertAgreement(scored, "scored example with its report sheet");
    return `${formulas} report-sheet formulas (${texts.length} paragraphs) agree; ${all} formula cells in the workbook`;
  });

  test("report draft: the .docx opens in LibreOffice Writer and holds the same paragraphs and the appendix table", async () => {
    need(sofficePath(), INSTALL_SOFFICE);
    const { texts } = score();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-docx-"));
    const src = path.join(out, "in.docx");
    fs.copyFileSync(doc, src);
    const r = spawnSync(sofficePath(), ["--headless", "--norestore", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out, src], {
      encoding: "utf8",
      timeout: 120000,
    });
    const txt = path.join(out, "in.txt");
    need(!r.error && fs.existsSync(txt), `Writer could not open the .docx (is libreoffice-writer installed?): ${(r.stderr || "").trim()}`);
    const body = fs.readFileSync(txt, "utf8").replace(/^\uFEFF/, "");
    fs.rmSync(out, { recursive: true, force: true });
    const lines = new Set(body.split(/\r?\n/).map((l) => l.trim()));
    const missing = texts.filter((t) => !lines.has(t.text.trim()));
    need(missing.length === 0, `${missing.length} paragraphs of the sheet are not in the document, e.g. ${missing[0] && missing[0].text.slice(0, 60)}`);
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    for (const h of ["七、评估结果", "附件1：指标完成情况统计表", "指标", "完成百分比"]) need(lines.has(h), `the document lacks “${h}”`);
    for (const i of json.indicators.filter((x) => x.percent !== null && x.label)) {
      need(lines.has(i.label), `the appendix table lacks the row label ${i.label}`);
      need(lines.has(`${(Math.round(i.percent * 10000) / 100).toFixed(2)}%`), `the appendix table lacks ${i.label}'s percentage`);
    }
    return `${texts.length} paragraphs and ${json.indicators.length} appendix rows found in Writer's text`;
  });
}

module.exports = { register };
