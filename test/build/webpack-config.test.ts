// The production build must never ask for dev certificates (CI and offline builds), and the
// manifest URL must follow SHUANGBAI_URL.
jest.mock("office-addin-dev-certs", () => ({
  getHttpsServerOptions: jest.fn(async () => ({ key: "k", cert: "c" })),
}));

const makeConfig = require("../../webpack.config.js") as (
  env: Record<string, unknown>,
  argv: { mode: string },
) => Promise<{
  entry: Record<string, unknown>;
  devServer?: { port: number; server: { type: string } };
  externals: Record<string, string>;
  plugins: { constructor: { name: string }; patterns?: unknown }[];
}>;
const certs = require("office-addin-dev-certs") as { getHttpsServerOptions: jest.Mock };

type Pattern = { from: string; transform?: (content: Buffer) => string | Buffer };

function manifestPattern(config: Awaited<ReturnType<typeof makeConfig>>): Pattern {
  const copy = config.plugins.find((p) => p.constructor.name === "CopyPlugin") as unknown as { patterns: Pattern[] };
  return copy.patterns.find((p) => p.from === "manifest*.xml")!;
}

const saved = process.env.SHUANGBAI_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.SHUANGBAI_URL;
  else process.env.SHUANGBAI_URL = saved;
  certs.getHttpsServerOptions.mockClear();
});

test("a production build has five entries (pages and their workers), no dev server and no certificates", async () => {
  delete process.env.SHUANGBAI_URL;
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
  expect(Object.keys(config.entry).sort()).toEqual(["commands", "core-worker", "index", "taskpane", "worker"]);
  expect(config.devServer).toBeUndefined();
  expect(certs.getHttpsServerOptions).not.toHaveBeenCalled();
  expect(config.externals.exceljs).toBeDefined();
  // without SHUANGBAI_URL the manifest keeps the dev URL, with a warning
  expect(warn).toHaveBeenCalled();
  const xml = Buffer.from('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  expect(String(manifestPattern(config).transform!(xml))).toContain("https://localhost:3000/taskpane.html");
  warn.mockRestore();
});

test("SHUANGBAI_URL replaces the dev URL in the manifest", async () => {
  process.env.SHUANGBAI_URL = "https://addin.example.org/shuangbai";
  const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
  const xml = Buffer.from('<a u="https://localhost:3000/taskpane.html"/><b u="https://localhost:3000/assets/icon-32.png"/>');
  const out = String(manifestPattern(config).transform!(xml));
  expect(out).toBe('<a u="https://addin.example.org/shuangbai/taskpane.html"/><b u="https://addin.example.org/shuangbai/assets/icon-32.png"/>');
});

test("webpack serve uses https on 3000 with the dev certificates", async () => {
  const config = await makeConfig({ WEBPACK_SERVE: true }, { mode: "development" });
  expect(certs.getHttpsServerOptions).toHaveBeenCalledTimes(1);
  expect(config.devServer?.server.type).toBe("https");
  expect(config.devServer?.port).toBe(3000);
});
