import {
  attr,
  childElements,
  decodeEntities,
  decodeStringText,
  escapeAttr,
  escapeStringText,
  findElement,
  parseAttrs,
  removeAttr,
  rootPrefix,
  setAttr,
  stringItemText,
  utf8Decode,
  utf8Encode,
} from "../../src/file/xml";

describe("xml helpers", () => {
  it("decodes named, decimal and hex entities and keeps unknown ones", () => {
    expect(decodeEntities("a&lt;b&gt;&amp;&quot;&apos; &#20013;&#x6587; &#x1F600; &nbsp;")).toBe("a<b>&\"' 中文 😀 &nbsp;");
  });

  it("decodes _xHHHH_ escapes after entities, and an escaped underscore stays literal", () => {
    expect(decodeStringText("a_x000D__x000A_b _x005F_x0041_ &amp;_x0041_")).toBe("a\r\nb _x0041_ &A");
  });

  it("escapes strings so they read back identically", () => {
    for (const s of ["<a & b>", "_x0041_", "tab\there", "bell\u0007", "  lead", "中文\n第二行"]) {
      expect(decodeStringText(escapeStringText(s))).toBe(s);
    }
    expect(escapeAttr('a"b<c>&\n')).toBe("a&quot;b&lt;c&gt;&amp;&#10;");
  });

  it("reads, sets and removes attributes without touching the others", () => {
    const tag = `<row r="3" spans='1:5' ht="20" customHeight="1">`;
    expect(attr(tag, "spans")).toBe("1:5");
    expect(attr(tag, "s")).toBeUndefined();
    expect(parseAttrs(tag).get("ht")).toBe("20");
    expect(removeAttr(tag, "spans")).toBe(`<row r="3" ht="20" customHeight="1">`);
    expect(setAttr(tag, "ht", "30")).toBe(`<row r="3" spans='1:5' ht="30" customHeight="1">`);
    expect(setAttr(`<c r="A1"/>`, "s", "4")).toBe(`<c r="A1" s="4"/>`);
    expect(attr(`<sheet name="A&amp;B" r:id="rId1"/>`, "r:id")).toBe("rId1");
    expect(attr(`<sheet name="A&amp;B" r:id="rId1"/>`, "name")).toBe("A&B");
  });

  it("finds elements and direct children, skipping comments and nested elements", () => {
    const xml = `<?xml version="1.0"?><!-- <sheetData> --><root a="x>y"><a/><b><a/><c>t</c></b><!-- c --><d x="1">z</d></root>`;
    const root = findElement(xml, "root")!;
    expect(childElements(xml, root.openEnd).map((s) => [s.name, xml.slice(s.start, s.end)])).toEqual([
      ["a", "<a/>"],
      ["b", "<b><a/><c>t</c></b>"],
      ["d", '<d x="1">z</d>'],
    ]);
    expect(rootPrefix(xml)).toBe("");
    expect(rootPrefix('<?xml?><x:worksheet xmlns:x="u"/>')).toBe("x:");
  });

  // found by the corpus fuzzer (a garbled worksheet tag left "<!--" unclosed): the scan went back to
  // the start of the part for ever
  it("stops at an unterminated comment, declaration or processing instruction instead of starting over", () => {
    for (const tail of ["<!-- never closed <b/>", "<!DOCTYPE never closed <b/>", "<?pi never closed <b/>"]) {
      const xml = `<root><a/>${tail}`;
      expect(childElements(xml, "<root>".length).map((s) => s.name)).toEqual(["a"]);
    }
    expect(rootPrefix("<?xml version")).toBe("");
    expect(rootPrefix("<!-- no end")).toBe("");
  });

  it("joins rich-text runs and skips phonetic guides", () => {
    const si = '<si><r><t>漢</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 字</t></r><rPh sb="0" eb="1"><t>かん</t></rPh><phoneticPr fontId="1"/></si>';
    expect(stringItemText(si, 4, si.length - 5, "")).toBe("漢 字");
  });

  it("round-trips UTF-8 including a byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8Encode("<a>中</a>")]);
    expect(utf8Encode(utf8Decode(bytes))).toEqual(bytes);
  });
});
