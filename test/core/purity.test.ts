import * as fs from "node:fs";
import * as path from "node:path";

/** The core must stay pure so every host (Office.js, file, browser worker) can run it unchanged. */
const CORE = path.join(__dirname, "..", "..", "src", "core");

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe("src/core is pure", () => {
  const sources = files(CORE).map((f) => ({ f, text: fs.readFileSync(f, "utf8") }));

  it("imports only other core modules", () => {
    for (const { f, text } of sources) {
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        expect({ file: path.relative(CORE, f), module: m[1], relative: m[1].startsWith(".") }).toEqual({
          file: path.relative(CORE, f),
          module: m[1],
          relative: true,
        });
        const resolved = path.resolve(path.dirname(f), m[1]);
        expect(resolved.startsWith(CORE)).toBe(true);
      }
    }
  });

  it("touches no host, DOM or Node globals", () => {
    const forbidden = /\b(Office|Excel|window|document|localStorage|process|require|Buffer|fetch|XMLHttpRequest|WebSocket)\s*[.(]/;
    for (const { f, text } of sources) {
      const code = text
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "")
        .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
      expect({ file: path.relative(CORE, f), hit: forbidden.exec(code)?.[0] ?? null }).toEqual({ file: path.relative(CORE, f), hit: null });
    }
  });

  it("has no `any`", () => {
    for (const { f, text } of sources) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect({ file: path.relative(CORE, f), any: /:\s*any\b|as any\b|<any>/.test(code) }).toEqual({ file: path.relative(CORE, f), any: false });
    }
  });
});

describe("docs/findings.md", () => {
  it("lists every finding code", () => {
    const { FINDING_CATALOGUE } = require("../../src/core/findings") as typeof import("../../src/core/findings");
    const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "findings.md"), "utf8");
    for (const code of Object.keys(FINDING_CATALOGUE)) expect(doc).toContain(`\`${code}\``);
  });
});
