import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { main } from "../../src/cli/main";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "示例社工站评估表.xlsx");

const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };

function documentXml(file: string): string {
  return strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))["word/document.xml"]);
}

describe("shuangbai score --doc", () => {
  it("writes the report summary as a Word document: headings in Word's styles, the appendix as a table", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-doc-"));
    const doc = path.join(dir, "报告摘要.docx");
    const code = await main(["score", EXAMPLE, "--out", path.join(dir, "o.xlsx"), "--doc", doc, "--quiet"], quiet);
    expect(code).toBe(0);
    const xml = documentXml(doc);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain("七、评估结果");
    expect(xml).toContain("以上四项总得分 93.9 分，等级：优秀");
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain("185.50%");
    // an existing document is not overwritten without --force
    expect(await main(["score", EXAMPLE, "--out", path.join(dir, "o2.xlsx"), "--doc", doc, "--quiet"], quiet)).toBe(2);
  });

  it("writes one per station with --out-dir", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-doc-"));
    const a = path.join(dir, "甲站.xlsx");
    const b = path.join(dir, "乙站.xlsx");
    fs.copyFileSync(EXAMPLE, a);
    fs.copyFileSync(EXAMPLE, b);
    const out = path.join(dir, "out");
    expect(await main(["score", a, b, "--out-dir", out, "--quiet"], quiet)).toBe(0);
    expect(
      fs
        .readdirSync(out)
        .filter((f) => f.endsWith(".docx"))
        .sort(),
    ).toEqual(["乙站-评估结果-报告摘要.docx", "甲站-评估结果-报告摘要.docx"]);
  });
});
