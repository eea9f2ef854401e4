import fs from "fs";
import path from "path";

// bin/serve.js is plain CommonJS with no types.
const serve = require("../../bin/serve.js") as {
  resolvePath(urlPath: string): string | null;
  CSP: string;
  TYPES: Record<string, string>;
};

const DIST = path.resolve(__dirname, "..", "..", "dist");

test("paths stay inside dist/", () => {
  expect(serve.resolvePath("/index.html")).toBe(path.join(DIST, "index.html"));
  expect(serve.resolvePath("/")).toBe(path.join(DIST, "index.html"));
  expect(serve.resolvePath("/assets/icon-32.png?v=1")).toBe(path.join(DIST, "assets", "icon-32.png"));
  expect(serve.resolvePath("/../package.json")).toBeNull();
  expect(serve.resolvePath("/%2e%2e/package.json")).toBeNull();
  expect(serve.resolvePath("/%E0%A4%A")).toBeNull();
  expect(serve.resolvePath("/a%00b")).toBeNull();
});

test("the header CSP is the page's meta CSP", () => {
  const html = fs.readFileSync(path.resolve(__dirname, "..", "..", "src", "web", "index.html"), "utf8");
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  expect(meta?.[1]).toBe(serve.CSP);
  expect(serve.CSP).toContain("connect-src 'self'");
  expect(serve.CSP).not.toMatch(/https?:/);
});

test("MIME types for what dist/ holds", () => {
  expect(serve.TYPES[".wasm"]).toBe("application/wasm");
  expect(serve.TYPES[".js"]).toMatch(/^text\/javascript/);
  expect(serve.TYPES[".xml"]).toMatch(/^application\/xml/);
  expect(serve.TYPES[".html"]).toMatch(/^text\/html/);
});

test("the add-in pages go without the page's CSP, which would block office.js", () => {
  const { headersFor } = serve as unknown as { headersFor(file: string): Record<string, string> };
  expect(headersFor(path.join(DIST, "index.html"))["Content-Security-Policy"]).toBe(serve.CSP);
  expect(headersFor(path.join(DIST, "worker.js"))["Content-Security-Policy"]).toBe(serve.CSP);
  expect(headersFor(path.join(DIST, "taskpane.html"))["Content-Security-Policy"]).toBeUndefined();
  expect(headersFor(path.join(DIST, "commands.html"))["Content-Security-Policy"]).toBeUndefined();
});
