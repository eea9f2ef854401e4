// Tests that spawn the command run the compiled build/; rebuild it first when any source it is
// compiled from is newer, so a test never passes or fails against stale code.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

module.exports = async function globalSetup() {
  const root = path.join(__dirname, "..", "..");
  const stamp = path.join(root, "build", "cli", "main.js");
  const src = Math.max(...["core", "file", "cli"].map((d) => newest(path.join(root, "src", d))));
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= src) return;
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], { cwd: root, stdio: "inherit" });
};
