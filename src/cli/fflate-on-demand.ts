/**
 * fflate for the command-line bundle, loaded on first use (webpack.cli.config.js points the file
 * mode's `import … from "fflate"` here). The command deflates and inflates with node:zlib
 * (nodeCodec.ts); only the --summary workbook and a caller that passes no codec reach fflate.
 * Loading it up front costs ~5 ms of CPU on every run: its tables are built at load, and its
 * Node build loads worker_threads. The browser bundles import fflate itself, tree-shaken.
 *
 * Every name src/file imports from fflate must be here (the bundle build fails otherwise).
 */
import type * as Fflate from "fflate";

let lib: typeof Fflate | undefined;
function fflate(): typeof Fflate {
  // "fflate/node" is what "fflate" resolves to in Node; "fflate" itself would lead back here
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require("fflate/node") as typeof Fflate);
}

export function inflateSync<T extends ArrayBufferLike = ArrayBuffer>(data: Uint8Array, opts?: Fflate.InflateOptions<T>): Uint8Array<T> {
  return fflate().inflateSync(data, opts);
}
export const deflateSync: typeof Fflate.deflateSync = (data, opts) => fflate().deflateSync(data, opts);
export const zipSync: typeof Fflate.zipSync = (data, opts) => fflate().zipSync(data, opts);
export const strToU8: typeof Fflate.strToU8 = (str, latin1) => fflate().strToU8(str, latin1);

/** `new Deflate(opts, cb)`: a constructor that returns fflate's own stream */
export const Deflate = function (...args: [Fflate.DeflateOptions, Fflate.FlateStreamHandler?]) {
  return new (fflate().Deflate)(...args);
} as unknown as typeof Fflate.Deflate;
