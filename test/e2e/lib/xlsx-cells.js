/**
 * Reads every cell of an .xlsx straight from its XML: value, type, and whether it holds a formula.
 * Used to compare the cached results our writer put in a file with what LibreOffice computes.
 * Reading the XML ourselves (rather than through exceljs) keeps the values exactly as stored:
 * exceljs turns date-formatted numbers into Date objects and drops empty-string results.
 */
"use strict";
const { unzipSync, strFromU8 } = require("fflate");

function decodeXml(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]] = decodeXml(m[2]);
  return out;
}

function textOf(xml) {
  // rich text runs concatenate; phonetic runs (<rPh>) are not part of the value
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let s = "";
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) s += decodeXml(m[1]);
  return s;
}

function colIndex(letters) {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function colLetters(col) {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function resolveTarget(target) {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ("xl/" + target).split("/");
  const out = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

/**
 * @param {Uint8Array} bytes
 * @returns {Map<string, Map<string, {formula: string|null, type: string, value: number|string|boolean|null}>>}
 */
function readCells(bytes) {
  const files = unzipSync(bytes);
  const text = (name) => (files[name] ? strFromU8(files[name]) : null);
  const workbook = text("xl/workbook.xml");
  if (!workbook) throw new Error("no xl/workbook.xml");
  const rels = new Map();
  for (const m of (text("xl/_rels/workbook.xml.rels") || "").matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    rels.set(a.Id, resolveTarget(a.Target));
  }
  const shared = [];
  const sst = text("xl/sharedStrings.xml");
  if (sst) for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(m[1] ? textOf(m[1]) : "");

  const result = new Map();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const part = rels.get(a["r:id"]);
    const xml = part && text(part);
    const cells = new Map();
    result.set(a.name, cells);
    if (!xml) continue;
    let rowNo = 0;
    for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const ra = attrs(rm[1]);
      rowNo = ra.r ? Number(ra.r) : rowNo + 1;
      let col = -1;
      for (const cm of (rm[2] || "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ca = attrs(cm[1]);
        col = ca.r ? colIndex(/^[A-Z]+/.exec(ca.r)[0]) : col + 1;
        const inner = cm[2] || "";
        const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner);
        const raw = v ? decodeXml(v[1]) : null;
        const t = ca.t || "n";
        let value = null;
        if (t === "s") value = raw === null ? null : shared[Number(raw)];
        else if (t === "str") value = raw === null ? null : raw;
        else if (t === "inlineStr") value = textOf(inner);
        else if (t === "b") value = raw === null ? null : raw === "1";
        else if (t === "e") value = raw;
        else value = raw === null || raw === "" ? null : Number(raw);
        cells.set(colLetters(col) + rowNo, { formula: f ? (f[2] !== undefined ? decodeXml(f[2]) : "(shared)") : null, type: t, value });
      }
    }
  }
  return result;
}

module.exports = { readCells, colLetters, colIndex };
