import { normaliseLabel } from "../text";
import type { PartyId } from "../types";

/**
 * The four evaluating parties and the words that name them, as data. 督导中心 comes before 监督方
 * so 市督导中心 is never the supervisor; 第三方 before 购买方 so 第三方评估机构 is never a buyer.
 */
export const PARTY_WORDS: readonly { party: PartyId; words: RegExp }[] = [
  { party: "supervision-centre", words: /督导中心|督导方|督导机构/ },
  { party: "third-party", words: /第三方|评估机构|专业评估/ },
  { party: "supervisor", words: /监督方|民政局|民政部门|民政科/ },
  { party: "buyer", words: /购买方|街道|镇人民政府|镇政府|街道办/ },
];

/**
 * The first character of every word of PARTY_WORDS. Normalising a label only drops characters or
 * changes ASCII ones, so a label holding none of these names no party: a party block's search
 * turns a roster's names, ID numbers and phones away without normalising each.
 */
const FIRST_CHARS = new Set<number>();
for (const { words } of PARTY_WORDS) for (const w of words.source.split("|")) FIRST_CHARS.add(w.charCodeAt(0));

function mayNameParty(label: string): boolean {
  for (let i = 0; i < label.length; i++) if (FIRST_CHARS.has(label.charCodeAt(i))) return true;
  return false;
}

/** Which party a label names, or null. */
export function partyOf(label: string): PartyId | null {
  if (label.length > 60 || !mayNameParty(label)) return null;
  const t = normaliseLabel(label);
  if (!t || t.length > 40) return null;
  for (const p of PARTY_WORDS) if (p.words.test(t)) return p.party;
  return null;
}

/**
 * partyOf with a memory, for a search over many cells: a roster's 街道 column repeats one
 * 夏港街道 on every row, and each would be normalised again.
 */
export function memoPartyOf(): (label: string) => PartyId | null {
  const memo = new Map<string, PartyId | null>();
  return (label) => {
    if (label.length > 60 || !mayNameParty(label)) return null;
    let party = memo.get(label);
    if (party === undefined) {
      party = partyOf(label);
      memo.set(label, party);
    }
    return party;
  };
}
