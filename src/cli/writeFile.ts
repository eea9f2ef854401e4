import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Write through a temporary file in the same folder and rename it into place, so a crash or a
 * full disk never leaves a half-written workbook behind under the real name.
 */
export function writeFileAtomic(file: string, bytes: Uint8Array | readonly Uint8Array[]): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    if (bytes instanceof Uint8Array) fs.writeFileSync(tmp, bytes);
    else writePieces(tmp, bytes);
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

/** A file written from its pieces in order (a scored workbook is never joined into one buffer first). */
function writePieces(file: string, pieces: readonly Uint8Array[]): void {
  const fd = fs.openSync(file, "w");
  try {
    for (const piece of pieces) {
      // writeSync may write less than asked (a pipe, a signal): go on from where it stopped
      for (let at = 0; at < piece.length;) at += fs.writeSync(fd, piece, at, piece.length - at);
    }
  } finally {
    fs.closeSync(fd);
  }
}
