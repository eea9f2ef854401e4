// The newest modification time under a directory: builds that tests run are rebuilt when a
// source is newer (test/support/global-setup.js for build/, test/e2e/run.js for dist/).
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

module.exports = { newest };
