/**
 * ISO/IEC 29500 Strict packages use the same parts and content types as Transitional ones, but
 * their vocabularies live under purl.oclc.org names. A part we add to a Strict package must use
 * those names, or Excel reads it as a foreign vocabulary and drops it.
 */
const TO_STRICT: readonly [string, string][] = [
  ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
  ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"],
];

/** `xml` (or a relationship type) with each Transitional namespace name swapped for its Strict one. */
export function strictNamespaces(xml: string): string {
  let out = xml;
  for (const [transitional, strict] of TO_STRICT) out = out.split(transitional).join(strict);
  return out;
}
