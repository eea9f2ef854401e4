// The command-line bundle's stand-in for fflate (src/cli/fflate-on-demand.ts) must give exactly
// what fflate gives: the file mode's zip writer and the summary workbook run through it.
import * as fflate from "fflate";
import * as onDemand from "../../src/cli/fflate-on-demand";

const text = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'.repeat(2000);
const bytes = new TextEncoder().encode(text);

describe("fflate on demand", () => {
  it("deflates and inflates byte for byte as fflate does", () => {
    for (const level of [1, 6] as const) expect(onDemand.deflateSync(bytes, { level })).toEqual(fflate.deflateSync(bytes, { level }));
    const packed = fflate.deflateSync(bytes);
    expect(onDemand.inflateSync(packed)).toEqual(bytes);
    expect(onDemand.inflateSync(packed, { out: new Uint8Array(bytes.length) })).toEqual(bytes);
  });

  it("streams through `new Deflate(opts, cb)` as fflate's own stream", () => {
    const run = (Make: typeof fflate.Deflate): Uint8Array[] => {
      const out: Uint8Array[] = [];
      const stream = new Make({ level: 6 }, (chunk) => out.push(chunk));
      stream.push(bytes.subarray(0, 5000));
      stream.push(bytes.subarray(5000), true);
      return out;
    };
    expect(run(onDemand.Deflate)).toEqual(run(fflate.Deflate));
  });

  it("zips and encodes text as fflate does", () => {
    const mtime = new Date(2024, 0, 2, 3, 4, 6);
    const files = { "a.xml": onDemand.strToU8("<a>中文</a>"), "b/c.xml": bytes };
    expect(onDemand.strToU8("<a>中文</a>")).toEqual(fflate.strToU8("<a>中文</a>"));
    expect(onDemand.zipSync(files, { mtime })).toEqual(fflate.zipSync(files, { mtime }));
  });
});
