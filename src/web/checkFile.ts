import type { PageLimits } from "./limits";

/**
 * Why a chosen file cannot be scored, found from its name, size and first bytes before anything
 * is read in full, so the user hears it at once instead of after pressing 一键评分.
 */
export type FileProblem = "empty" | "xls" | "encrypted" | "not-excel" | "corrupt" | "too-big" | "too-big-unpacked" | "too-many-cells";

/** what the check needs of a picked file; 8 bytes tell a zip (an .xlsx) from a compound file */
export interface FileFacts {
  name: string;
  size: number;
  head: Uint8Array;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// Compound File Binary: both the old .xls format and an .xlsx saved with an open password.
// https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cfb/05060311-bfce-4b12-874d-71fd4ce63aea
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

export function checkFile(f: FileFacts, limits: Pick<PageLimits, "maxFileBytes">): FileProblem | null {
  if (f.size === 0) return "empty";
  const lower = f.name.toLowerCase();
  const cfb = startsWith(f.head, CFB);
  if (lower.endsWith(".xls") || lower.endsWith(".et")) return cfb || !startsWith(f.head, ZIP) ? "xls" : null;
  if (cfb) return lower.endsWith(".xlsx") || lower.endsWith(".xlsm") ? "encrypted" : "xls";
  if (!lower.endsWith(".xlsx") && !lower.endsWith(".xlsm")) return "not-excel";
  if (!startsWith(f.head, ZIP)) return "not-excel";
  if (f.size > limits.maxFileBytes) return "too-big";
  return null;
}

/** The first bytes of a File, through FileReader where Blob.arrayBuffer is missing (older webviews). */
export async function headOf(file: Blob, n = 8): Promise<Uint8Array> {
  const part = file.slice(0, n);
  if (typeof part.arrayBuffer === "function") return new Uint8Array(await part.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(part);
  });
}
