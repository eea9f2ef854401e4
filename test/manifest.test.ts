/**
 * Offline checks of manifest.xml. `office-addin-manifest validate` posts the file to Microsoft's
 * service, so CI cannot rely on it; this test checks what that service would reject most often:
 * well-formedness, the XSD's element order, required elements, resids, https URLs, icon sizes.
 */
import { readFileSync, existsSync } from "fs";
import { join } from "path";

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** a small, strict XML reader: enough for a manifest; throws on anything unbalanced */
function parseXml(src: string): XmlNode {
  let i = 0;
  const root: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlNode[] = [root];
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  while (i < src.length) {
    if (src.startsWith("<?", i)) {
      const end = src.indexOf("?>", i);
      if (end < 0) throw new Error("unterminated declaration");
      i = end + 2;
    } else if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i);
      if (end < 0) throw new Error("unterminated comment");
      i = end + 3;
    } else if (src.startsWith("</", i)) {
      const end = src.indexOf(">", i);
      const name = src.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      i = end + 1;
    } else if (src[i] === "<") {
      const end = src.indexOf(">", i);
      if (end < 0) throw new Error("unterminated tag");
      let body = src.slice(i + 1, end);
      const selfClosing = body.endsWith("/");
      if (selfClosing) body = body.slice(0, -1);
      const m = /^([\w:.-]+)([\s\S]*)$/.exec(body.trim());
      if (!m) throw new Error(`bad tag <${body}>`);
      const attrs: Record<string, string> = {};
      const rest = m[2].trim();
      const re = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
      for (let a = re.exec(rest); a; a = re.exec(rest)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${m[1]}>`);
        attrs[a[1]] = decode(a[2]);
      }
      if (rest.replace(re, "").trim() !== "") throw new Error(`bad attributes on <${m[1]}>: ${rest}`);
      const node: XmlNode = { name: m[1], attrs, children: [], text: "" };
      stack[stack.length - 1].children.push(node);
      if (!selfClosing) stack.push(node);
      i = end + 1;
    } else {
      const next = src.indexOf("<", i);
      const text = src.slice(i, next < 0 ? src.length : next);
      if (/[<>]/.test(text)) throw new Error("stray bracket");
      stack[stack.length - 1].text += decode(text).trim();
      i = next < 0 ? src.length : next;
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new Error("a document has exactly one root element");
  return root.children[0];
}

function all(node: XmlNode): XmlNode[] {
  return [node, ...node.children.flatMap(all)];
}

function child(node: XmlNode, name: string): XmlNode {
  const c = node.children.find((n) => n.name === name);
  if (!c) throw new Error(`<${node.name}> has no <${name}>`);
  return c;
}

/** PNG width and height from the IHDR chunk */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const ROOT = join(__dirname, "..");
const DEV_URL = "https://localhost:3000/";
const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const app = parseXml(xml);

describe("manifest.xml (offline checks)", () => {
  it("is a TaskPaneApp with the OfficeApp children in the XSD's order", () => {
    expect(app.name).toBe("OfficeApp");
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(app.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    // OfficeApp sequence for task pane add-ins (docs: develop/manifest-element-ordering)
    const order = [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "Dictionary",
      "VersionOverrides",
    ];
    const names = app.children.map((c) => c.name);
    const positions = names.map((n) => order.indexOf(n));
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(names).size).toBe(names.length);
    for (const required of [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "Hosts",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ]) {
      expect(names).toContain(required);
    }
  });

  it("has a fixed GUID, version 1.0.0.0, Workbook host and ReadWriteDocument", () => {
    expect(child(app, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(app, "Version").text).toBe("1.0.0.0");
    expect(child(app, "ProviderName").text.length).toBeGreaterThan(0);
    expect(child(app, "Hosts").children.map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(child(app, "Permissions").text).toBe("ReadWriteDocument");
    expect(child(child(app, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(`${DEV_URL}taskpane.html`);
  });

  it("asks for ExcelApi 1.7 at most, so Excel 2019 can load it", () => {
    const sets = child(child(app, "Requirements"), "Sets");
    const version = (v: string) => v.split(".").map(Number);
    const atMost17 = (v: string) => {
      const [a, b] = version(v);
      return a < 1 || (a === 1 && b <= 7);
    };
    expect(atMost17(sets.attrs.DefaultMinVersion)).toBe(true);
    const excel = sets.children.filter((s) => s.attrs.Name === "ExcelApi");
    expect(excel).toHaveLength(1);
    expect(atMost17(excel[0].attrs.MinVersion)).toBe(true);
  });

  it("defaults to zh-CN and overrides names, descriptions and ribbon strings in en-US", () => {
    expect(child(app, "DefaultLocale").text).toBe("zh-CN");
    for (const el of [child(app, "DisplayName"), child(app, "Description")]) {
      expect(el.attrs.DefaultValue).toMatch(/[\u4e00-\u9fff]/);
      const en = el.children.filter((o) => o.name === "Override" && o.attrs.Locale === "en-US");
      expect(en).toHaveLength(1);
      expect(en[0].attrs.Value).toMatch(/^[\x20-\x7e]+$/);
    }
    const strings = all(app).filter((n) => n.name === "bt:String");
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings) {
      expect(s.children.filter((o) => o.name === "bt:Override" && o.attrs.Locale === "en-US")).toHaveLength(1);
    }
    // ShortStrings ≤ 125 characters, LongStrings ≤ 250
    for (const s of all(app)
      .filter((n) => n.name === "bt:ShortStrings")
      .flatMap((n) => n.children)) {
      for (const v of [s.attrs.DefaultValue, ...s.children.map((o) => o.attrs.Value)]) expect(v.length).toBeLessThanOrEqual(125);
    }
    for (const s of all(app)
      .filter((n) => n.name === "bt:LongStrings")
      .flatMap((n) => n.children)) {
      for (const v of [s.attrs.DefaultValue, ...s.children.map((o) => o.attrs.Value)]) expect(v.length).toBeLessThanOrEqual(250);
    }
  });

  it("puts a ShowTaskpane button on the Home tab, with a FunctionFile", () => {
    const vo = child(app, "VersionOverrides");
    expect(vo.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
    const host = child(child(vo, "Hosts"), "Host");
    expect(host.attrs["xsi:type"]).toBe("Workbook");
    const desktop = child(host, "DesktopFormFactor");
    expect(desktop.children.map((c) => c.name)).toEqual(["GetStarted", "FunctionFile", "ExtensionPoint"]);
    const tab = child(child(desktop, "ExtensionPoint"), "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const action = all(tab).find((n) => n.name === "Action");
    expect(action?.attrs["xsi:type"]).toBe("ShowTaskpane");
    const ids = all(app)
      .filter((n) => n.attrs.id && n.name !== "bt:Image" && n.name !== "bt:Url" && n.name !== "bt:String" && n.name !== "OfficeTab")
      .map((n) => n.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("defines every resid it uses, once, and uses every resource it defines", () => {
    const resources = child(child(app, "VersionOverrides"), "Resources");
    const defined = resources.children.flatMap((group) => group.children.map((r) => r.attrs.id));
    expect(new Set(defined).size).toBe(defined.length);
    for (const id of defined) expect(id.length).toBeLessThanOrEqual(32);
    const used = all(app)
      .map((n) => n.attrs.resid)
      .filter((r): r is string => r !== undefined);
    for (const r of used) expect(defined).toContain(r);
    for (const d of defined) expect(used).toContain(d);
  });

  it("uses https everywhere, always under the dev URL the build replaces", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(\w+:\/\/[^"]*)"/g)].map((m) => m[1]);
    urls.push(
      ...all(app)
        .filter((n) => n.name === "AppDomain")
        .map((n) => n.text),
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) {
      expect(u.startsWith("https://")).toBe(true);
      expect(u.startsWith(DEV_URL)).toBe(true);
    }
    expect(xml).not.toMatch(/http:\/\/(?!schemas\.microsoft\.com|www\.w3\.org)/);
  });

  it("lists no AppDomain that repeats the SourceLocation origin, ends with a slash or holds a path", () => {
    // learn.microsoft.com/javascript/api/manifest/appdomain: "the domain … mustn't have a trailing
    // forward slash", and the SourceLocation's own domain needs no entry (the pane loads it anyway)
    const source = new URL(child(child(app, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).origin;
    const domains = all(app)
      .filter((n) => n.name === "AppDomain")
      .map((n) => n.text.trim());
    for (const d of domains) {
      expect(d.endsWith("/")).toBe(false);
      const u = new URL(d);
      expect(u.pathname === "/" || u.pathname === "").toBe(true);
      expect(u.origin).not.toBe(source);
    }
  });

  it("names icons that exist at exactly their sizes", () => {
    const icon = (url: string) => join(ROOT, url.slice(DEV_URL.length));
    expect(pngSize(icon(child(app, "IconUrl").attrs.DefaultValue))).toEqual({ width: 32, height: 32 });
    expect(pngSize(icon(child(app, "HighResolutionIconUrl").attrs.DefaultValue))).toEqual({ width: 64, height: 64 });
    const images = new Map(
      all(app)
        .filter((n) => n.name === "bt:Image" && n.attrs.DefaultValue)
        .map((n) => [n.attrs.id, n.attrs.DefaultValue]),
    );
    const uses = all(app).filter((n) => n.name === "bt:Image" && n.attrs.resid);
    expect(new Set(uses.map((u) => u.attrs.size))).toEqual(new Set(["16", "32", "80"]));
    for (const u of uses) {
      const file = icon(images.get(u.attrs.resid) ?? "");
      expect(existsSync(file)).toBe(true);
      const size = Number(u.attrs.size);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  it("points at pages the build emits", () => {
    const pages = [...xml.matchAll(/https:\/\/localhost:3000\/([\w.-]+\.html)/g)].map((m) => m[1]);
    expect(new Set(pages)).toEqual(new Set(["taskpane.html", "commands.html", "index.html"]));
    const webpack = readFileSync(join(ROOT, "webpack.config.js"), "utf8");
    for (const p of new Set(pages)) expect(webpack).toContain(`filename: "${p}"`);
  });

  it("the XML reader itself rejects broken documents", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml("<a>")).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml("<a/><b/>")).toThrow();
    expect(parseXml('<a k="&amp;"><b/>t</a>')).toEqual({
      name: "a",
      attrs: { k: "&" },
      text: "t",
      children: [{ name: "b", attrs: {}, children: [], text: "" }],
    });
  });
});
