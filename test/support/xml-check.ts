/**
 * Well-formedness with namespaces, by a real XML parser (saxes): what Excel, LibreOffice and
 * openpyxl need before they look at a part at all. Returns the first problem, or null.
 */
import { SaxesParser } from "saxes";

export function xmlProblem(text: string): string | null {
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

/** Part names that hold XML (so a well-formedness check applies). */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name) || name === "[Content_Types].xml";
}
