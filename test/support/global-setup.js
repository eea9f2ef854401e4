// Tests that spawn the command run the compiled build/; rebuild it first when any source it is
// compiled from is newer, so a test never passes or fails against stale code.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { newest } = require("./newest");

module.exports = async function globalSetup() {
  const root = path.join(__dirname, "..", "..");
  const src = Math.max(
    ...["core", "file", "cli", "word"].map((d) => newest(path.join(root, "src", d))),
    fs.statSync(path.join(root, "webpack.cli.config.js")).mtimeMs,
  );
  // what `npm run build:cli` makes: tsc's modules, then the bundle bin/shuangbai.js runs
  const fresh = (file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= src;
  if (!fresh(path.join(root, "build", "cli", "main.js"))) {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], { cwd: root, stdio: "inherit" });
  }
  if (!fresh(path.join(root, "build", "shuangbai.js"))) {
    execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--config", "webpack.cli.config.js"], { cwd: root, stdio: "inherit" });
  }
  // and its code cache (bin/code-cache.js), made from the bundle as it now is
  const { ENTRY, CACHE } = require("../../bin/code-cache");
  if (!fs.existsSync(CACHE) || fs.statSync(CACHE).mtimeMs < fs.statSync(ENTRY).mtimeMs) {
    execFileSync(process.execPath, [path.join(root, "bin", "code-cache.js")], { cwd: root, stdio: "inherit" });
  }
};
