/**
 * Is a part well-formed XML, namespaces included? The hand scanner (xml.ts) finds what it looks
 * for by position and would patch a garbled part into a worse one — a stray quote makes it read
 * an attribute to the next quote, swallowing elements — so the package-level parts every write
 * rests on are checked by a real parser first (saxes: strict XML 1.0 with namespaces, the same
 * test Excel, LibreOffice and openpyxl apply before they look at a part at all). They are small;
 * worksheets and the string table, which can be hundreds of megabytes, are left to the scanner's
 * own checks.
 */
import { SaxesParser } from "saxes";

/** The parser's first complaint about `text`, or null when it is well-formed. */
export function xmlSyntaxProblem(text: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let problem: string | null = null;
  parser.on("error", (e) => {
    problem ??= e.message;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    problem ??= String(e);
  }
  return problem;
}
