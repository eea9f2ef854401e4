import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Write through a temporary file in the same folder and rename it into place, so a crash or a
 * full disk never leaves a half-written workbook behind under the real name.
 */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw e;
  }
}
