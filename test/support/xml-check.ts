/**
 * Well-formedness with namespaces, by a real XML parser (saxes): what Excel, LibreOffice and
 * openpyxl need before they look at a part at all. Returns the first problem, or null.
 */
import { xmlSyntaxProblem } from "../../src/file/well-formed";

export const xmlProblem = xmlSyntaxProblem;

/** Part names that hold XML (so a well-formedness check applies). */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name) || name === "[Content_Types].xml";
}
