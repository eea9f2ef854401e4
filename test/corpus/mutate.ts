/**
 * Mutants of a real workbook, the way files get damaged in the wild: cut short by a download,
 * bytes flipped on a bad disk, entries dropped or doubled by a careless zip tool, names changed
 * in case or written with Windows backslashes, a part's XML cut or garbled by a hand edit (with
 * a valid CRC, so it gets past the container), a CRC that does not match its data.
 *
 * Deterministic: the same file, seed and index give the same mutant.
 */
import { makeRng } from "../support/generate-roster";
import { inflateEntry, makeEntry, readZipEntries, writeZip, type ZipEntry } from "../../src/file/zip";

export const MUTATION_KINDS = [
  "truncate",
  "flip-bytes",
  "drop-entry",
  "duplicate-entry",
  "rename-by-case",
  "case-twin",
  "backslash-name",
  "bad-crc",
  "xml-cut",
  "xml-garble",
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutant {
  kind: MutationKind;
  /** what was done, enough to read a failure by */
  what: string;
  bytes: Uint8Array;
}

/** FNV-1a of a string: a per-file seed that does not depend on the order files are listed in. */
export function hashSeed(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function entriesOf(bytes: Uint8Array): ZipEntry[] | null {
  try {
    return readZipEntries(bytes);
  } catch {
    return null;
  }
}

const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

function changeCase(name: string, rng: () => number): string {
  const letters = [...name].map((ch, i) => (/[a-z]/i.test(ch) ? i : -1)).filter((i) => i >= 0);
  if (!letters.length) return name.toUpperCase();
  const at = letters[Math.floor(rng() * letters.length)];
  const ch = name[at];
  return name.slice(0, at) + (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) + name.slice(at + 1);
}

const GARBAGE = ["<", ">", "&", '"', "'", "/", "</", "<x:", "\u0000", "&#0;", "]]>", "<!--", "\uFFFF", "\uD800", ' r="ZZZ9999999"', '<c r="A1"><v>', ""];

/**
 * Mutant `index` of `bytes` (the file named `file`): the kind cycles with the index so every
 * file sees every kind over enough mutants; its details come from the seeded generator.
 */
export function mutate(bytes: Uint8Array, file: string, index: number, seed: number): Mutant {
  const rng = makeRng(hashSeed(`${file}#${index}`, seed));
  const int = (n: number) => Math.floor(rng() * n);
  const entries = entriesOf(bytes);
  let kind = MUTATION_KINDS[(hashSeed(file, seed) + index) % MUTATION_KINDS.length];
  // a file that is not a readable zip (an encrypted one) can only be cut or flipped
  if (!entries?.length && kind !== "truncate") kind = "flip-bytes";
  const xmlEntries = entries?.filter((e) => isXml(e.name)) ?? [];
  if ((kind === "xml-cut" || kind === "xml-garble") && !xmlEntries.length) kind = "flip-bytes";

  switch (kind) {
    case "truncate": {
      const at = int(bytes.length);
      return { kind, what: `cut at byte ${at} of ${bytes.length}`, bytes: bytes.slice(0, at) };
    }
    case "flip-bytes": {
      const out = bytes.slice();
      const n = 1 + int(8);
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = int(out.length);
        out[p] ^= 1 + int(255);
        at.push(p);
      }
      return { kind, what: `flipped bytes at ${at.join(", ")}`, bytes: out };
    }
    case "drop-entry": {
      const i = int(entries!.length);
      return { kind, what: `dropped ${entries![i].name}`, bytes: writeZip(entries!.filter((_, k) => k !== i)) };
    }
    case "duplicate-entry": {
      const i = int(entries!.length);
      const copy = entries!.slice();
      copy.splice(int(copy.length + 1), 0, entries![i]);
      return { kind, what: `doubled ${entries![i].name}`, bytes: writeZip(copy) };
    }
    case "rename-by-case": {
      const i = int(entries!.length);
      const name = changeCase(entries![i].name, rng);
      return { kind, what: `renamed ${entries![i].name} to ${name}`, bytes: writeZip(entries!.map((e, k) => (k === i ? { ...e, name } : e))) };
    }
    case "case-twin": {
      const i = int(entries!.length);
      const name = changeCase(entries![i].name, rng);
      return { kind, what: `added ${name} beside ${entries![i].name}`, bytes: writeZip([...entries!, { ...entries![i], name }]) };
    }
    case "backslash-name": {
      const nested = entries!.filter((e) => e.name.includes("/"));
      const e = nested.length ? nested[int(nested.length)] : entries![0];
      const name = e.name.replace(/\//g, "\\");
      return { kind, what: `renamed ${e.name} to ${name}`, bytes: writeZip(entries!.map((x) => (x === e ? { ...x, name } : x))) };
    }
    case "bad-crc": {
      const i = int(entries!.length);
      return {
        kind,
        what: `wrong CRC on ${entries![i].name}`,
        bytes: writeZip(entries!.map((e, k) => (k === i ? { ...e, crc: (e.crc ^ (1 + int(0xffff))) >>> 0 } : e))),
      };
    }
    case "xml-cut":
    case "xml-garble": {
      const target = xmlEntries[int(xmlEntries.length)];
      let text: string;
      try {
        text = new TextDecoder().decode(inflateEntry(target));
      } catch {
        return { kind: "flip-bytes", what: `${target.name} does not inflate: left as it is`, bytes };
      }
      let changed: string;
      let what: string;
      if (kind === "xml-cut") {
        const at = int(text.length);
        changed = text.slice(0, at);
        what = `cut ${target.name} at character ${at} of ${text.length}`;
      } else {
        const edits: string[] = [];
        changed = text;
        for (let n = 1 + int(4); n > 0; n--) {
          const at = int(changed.length + 1);
          const cut = int(12);
          const put = GARBAGE[int(GARBAGE.length)];
          changed = changed.slice(0, at) + put + changed.slice(at + cut);
          edits.push(`${JSON.stringify(put)} for ${cut} at ${at}`);
        }
        what = `garbled ${target.name}: ${edits.join("; ")}`;
      }
      const entry = makeEntry(target.name, new TextEncoder().encode(changed), target);
      return { kind, what, bytes: writeZip(entries!.map((e) => (e === target ? entry : e))) };
    }
  }
}
