/**
 * A "rich" station workbook for the round-trip fidelity suite: the seed's roster, indicator
 * blocks and four scores (so `score` writes into some sheets and adds others), plus every kind of
 * part a real evaluation workbook may carry that the tool must leave alone — images, comments,
 * validations, conditional formats, defined names, hidden and very hidden sheets, rich text, a
 * chart, a pivot table, an external link, printer settings, a calc chain and (for .xlsm) a VBA
 * project.
 *
 * exceljs makes what it can; what it cannot (charts, pivot tables, external links, printer
 * settings, calc chain, VBA) is grafted onto its package with fflate the way Excel stores it, so
 * the package is structurally the real thing.
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { INDICATOR_SHEET, ROSTER_SHEET, SCORE_SHEET, makeSeedWorkbook, type SheetSpec } from "../support/generate-roster";
import { NS_REL } from "../fixtures/file/build";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export const NOTES_SHEET = "说明";
export const CHART_SHEET = "图表";
export const PIVOT_SHEET = "透视";
export const HIDDEN_SHEET = "隐藏参数";
export const VERY_HIDDEN_SHEET = "深度隐藏";

/** The parts grafted onto the exceljs package, by feature. */
export const GRAFTED = {
  chart: ["xl/charts/chart1.xml", "xl/drawings/drawing90.xml", "xl/drawings/_rels/drawing90.xml.rels"],
  pivot: [
    "xl/pivotCache/pivotCacheDefinition1.xml",
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
    "xl/pivotCache/pivotCacheRecords1.xml",
    "xl/pivotTables/pivotTable1.xml",
    "xl/pivotTables/_rels/pivotTable1.xml.rels",
  ],
  externalLink: ["xl/externalLinks/externalLink1.xml", "xl/externalLinks/_rels/externalLink1.xml.rels"],
  printerSettings: ["xl/printerSettings/printerSettings1.bin"],
  vba: ["xl/vbaProject.bin"],
} as const;

/** a tiny valid PNG (2×2, red), so image parts are real images */
const PNG_2x2 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==", "base64");
/** a second, different image (1×1), so two media parts are placed on different sheets */
const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** exceljs writes range validations from `worksheet.dataValidations`, which its typings leave out */
function validate(ws: ExcelJS.Worksheet, ref: string, rule: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(ref: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(ref, rule);
}

function fill(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  spec.columnWidths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const m of spec.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  spec.rows.forEach((values, r) => {
    values.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      const fmt = spec.cellFormats.find((f) => f.row === r && f.col === c)?.format ?? (r >= spec.formatFromRow ? spec.columnFormats[c] : undefined);
      if (fmt) cell.numFmt = fmt;
    });
  });
}

async function exceljsPart(rows: number): Promise<Uint8Array> {
  const seed = makeSeedWorkbook({ rows, seed: 7 });
  const wb = new ExcelJS.Workbook();
  wb.creator = "shuangbai fidelity fixture";
  const red = wb.addImage({ buffer: PNG_2x2 as unknown as ExcelJS.Buffer, extension: "png" });
  const dot = wb.addImage({ buffer: PNG_1x1 as unknown as ExcelJS.Buffer, extension: "png" });

  // --- sheets the run writes into -----------------------------------------------------------
  const [rosterSpec, indicatorSpec, scoreSpec] = seed.sheets;
  const roster = wb.addWorksheet(ROSTER_SHEET);
  fill(roster, rosterSpec);
  roster.getCell("A1").note = "台账由各站点每月更新";
  roster.getCell("A1").font = { bold: true, size: 14, color: { argb: "FF1F4E79" } };
  roster.addImage(red, { tl: { col: 20, row: 2 }, ext: { width: 40, height: 40 } });
  validate(roster, `C3:C${rows + 2}`, { type: "list", allowBlank: true, formulae: ['"男,女"'] });
  roster.addConditionalFormatting({
    ref: `A3:A${rows + 2}`,
    rules: [
      { type: "expression", priority: 1, formulae: ["LEN(A3)=0"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } },
    ],
  });
  roster.pageSetup.printArea = `A1:H${rows + 2}`;

  const ind = wb.addWorksheet(INDICATOR_SHEET, { properties: { tabColor: { argb: "FF2E75B6" } }, views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  fill(ind, indicatorSpec);
  // cells beside the blocks the run must leave exactly as they are
  ind.getCell("F2").value = "备注";
  ind.getCell("F2").font = { italic: true, color: { argb: "FF7F7F7F" } };
  ind.getCell("F2").border = { bottom: { style: "double" } };
  ind.getCell("F3").value = { richText: [{ text: "按", font: { bold: true } }, { text: "季度", font: { color: { argb: "FFFF0000" } } }, { text: "统计" }] };
  ind.getCell("G3").value = { formula: "B3&C3", result: "200个371个" };
  ind.getCell("G4").value = 0.125;
  ind.getCell("G4").numFmt = "0.0%;[Red]-0.0%";
  ind.getCell("G5").value = new Date(Date.UTC(2023, 10, 30));
  ind.getCell("G5").numFmt = 'yyyy"年"m"月"d"日"';
  ind.mergeCells("F6:G7");
  ind.getCell("F6").value = "合并备注";
  ind.getCell("F6").alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  ind.getCell("A2").note = { texts: [{ font: { bold: true }, text: "审核：" }, { text: "按季度核对" }] };
  ind.addImage(dot, "H2:I4");
  // formulas the patcher must not unshare or flatten, and row settings it must not drop
  ind.getCell("G8").value = { formula: "LEN(A8)", result: 4, shareType: "shared", ref: "G8:G10" } as ExcelJS.CellValue;
  ind.getCell("G9").value = { sharedFormula: "G8", result: 0 } as ExcelJS.CellValue;
  ind.getCell("G10").value = { sharedFormula: "G8", result: 0 } as ExcelJS.CellValue;
  ind.getCell("H6").value = { formula: "SUM(G8:G10*1)", result: 4, shareType: "array", ref: "H6" } as ExcelJS.CellValue;
  ind.getCell("A30").value = { text: "评估细则", hyperlink: `#'${NOTES_SHEET}'!A1` };
  ind.getRow(31).height = 30;
  ind.getCell("A31").value = "内部备注";
  ind.getRow(32).hidden = true;
  ind.getCell("A32").value = "不打印";
  ind.getRow(33).outlineLevel = 1;
  ind.getCell("A33").value = "分组行";
  validate(ind, "H10:H20", {
    type: "whole",
    operator: "between",
    allowBlank: false,
    formulae: [0, 1000],
    showErrorMessage: true,
    error: "0 到 1000",
  });
  ind.addConditionalFormatting({
    ref: "G4:G10",
    rules: [{ type: "cellIs", operator: "greaterThan", priority: 2, formulae: ["0.1"], style: { font: { color: { argb: "FF006100" } } } }],
  });

  const score = wb.addWorksheet(SCORE_SHEET);
  fill(score, scoreSpec);
  score.getCell("E2").value = "评分口径见说明页";
  score.getCell("E2").font = { underline: true };

  // --- sheets nothing writes to ------------------------------------------------------------
  const notes = wb.addWorksheet(NOTES_SHEET);
  notes.getCell("A1").value = {
    richText: [{ text: "双百", font: { bold: true, size: 16 } }, { text: "社工站", font: { italic: true } }, { text: "评估说明" }],
  };
  notes.getCell("A2").value = "本表由社工站填报";
  notes.getCell("A2").note = "请勿删除此页";
  notes.getCell("A3").value = { text: "填报指引", hyperlink: "#'评估结果'!A1" };
  notes.getCell("B5").value = { formula: "SUM(B3:B4)", result: 0 };
  notes.mergeCells("A7:D8");
  notes.addImage(red, { tl: { col: 5, row: 1 }, ext: { width: 30, height: 30 } });
  validate(notes, "B3:B4", { type: "decimal", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0] });

  notes.addTable({
    name: "联系人",
    ref: "A12",
    headerRow: true,
    columns: [{ name: "岗位" }, { name: "人数" }],
    rows: [
      ["社工", 6],
      ["助理", 2],
    ],
  });

  wb.addWorksheet(CHART_SHEET).getCell("A1").value = "指标完成率图";
  const pivot = wb.addWorksheet(PIVOT_SHEET);
  pivot.getCell("A1").value = "四方得分透视";

  const hidden = wb.addWorksheet(HIDDEN_SHEET, { state: "hidden" });
  hidden.getCell("A1").value = "男";
  hidden.getCell("A2").value = "女";
  const veryHidden = wb.addWorksheet(VERY_HIDDEN_SHEET, { state: "veryHidden" });
  veryHidden.getCell("A1").value = "版本";
  veryHidden.getCell("B1").value = 3;

  // sheet-scoped names on sheets after the one the run inserts a sheet beside: their scope must follow them
  ind.pageSetup.printTitlesRow = "1:1";
  notes.pageSetup.printArea = "A1:D8";
  // opened on the score sheet, which the inserted sheet moves one place right
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: "visible" }];
  wb.definedNames.add(`'${HIDDEN_SHEET}'!$A$1:$A$2`, "性别列表");
  wb.definedNames.add(`'${SCORE_SHEET}'!$C$3:$C$6`, "四方得分");
  wb.definedNames.add(`'${VERY_HIDDEN_SHEET}'!$B$1`, "版本号");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function addOverride(ct: string, part: string, type: string): string {
  return ct.replace("</Types>", `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
}

function addRel(rels: string | undefined, id: string, type: string, target: string, external = false): string {
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ""}/>`;
  return rels ? rels.replace("</Relationships>", `${rel}</Relationships>`) : `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rel}</Relationships>`;
}

/** sheet name → worksheet part path, read from workbook.xml and its rels */
export function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const wb = strFromU8(files["xl/workbook.xml"]);
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])![1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])![1];
    targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(m[0])![1]);
    const id = /\br:id="([^"]+)"/.exec(m[0])![1];
    out.set(name, targets.get(id)!);
  }
  return out;
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Insert `el` into a worksheet before the first of the elements that must follow it. */
function insertBefore(sheet: string, el: string, followers: string[]): string {
  const re = new RegExp(`<(${followers.join("|")})\\b`);
  const m = re.exec(sheet);
  const at = m ? m.index : sheet.lastIndexOf("</worksheet>");
  return sheet.slice(0, at) + el + sheet.slice(at);
}

function graft(xlsx: Uint8Array, macro: boolean): Uint8Array {
  const files = unzipSync(xlsx);
  const parts = sheetParts(files);
  let ct = strFromU8(files["[Content_Types].xml"]);
  let wbRels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
  let wbXml = strFromU8(files["xl/workbook.xml"]);
  const relsOf = (sheetPath: string) => sheetPath.replace(/worksheets\/(sheet\d+\.xml)$/, "worksheets/_rels/$1.rels");
  const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
  const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
  const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

  // chart on its own sheet, reading the indicator sheet's blocks
  const chartSheet = parts.get(CHART_SHEET)!;
  files["xl/charts/chart1.xml"] = strToU8(
    `${XML_HEAD}<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${NS_REL}"><c:chart><c:plotArea><c:layout/>` +
      '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/>' +
      `<c:cat><c:strRef><c:f>'${SCORE_SHEET}'!$A$3:$A$6</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>'${SCORE_SHEET}'!$C$3:$C$6</c:f></c:numRef></c:val></c:ser>` +
      '<c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
      '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>',
  );
  files["xl/drawings/drawing90.xml"] = strToU8(
    `${XML_HEAD}<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}"><xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      "<xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
      '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${NS_REL}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  files["xl/drawings/_rels/drawing90.xml.rels"] = strToU8(addRel(undefined, "rId1", `${NS_REL}/chart`, "../charts/chart1.xml"));
  files[relsOf(chartSheet)] = strToU8(
    addRel(files[relsOf(chartSheet)] && strFromU8(files[relsOf(chartSheet)]), "rIdChart90", `${NS_REL}/drawing`, "../drawings/drawing90.xml"),
  );
  files[chartSheet] = strToU8(
    insertBefore(strFromU8(files[chartSheet]), '<drawing r:id="rIdChart90"/>', [
      "legacyDrawing",
      "legacyDrawingHF",
      "picture",
      "oleObjects",
      "tableParts",
      "extLst",
    ]),
  );
  ct = addOverride(ct, "xl/drawings/drawing90.xml", "application/vnd.openxmlformats-officedocument.drawing+xml");
  ct = addOverride(ct, "xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");

  // pivot table of the four scores on its own sheet
  const pivotSheet = parts.get(PIVOT_SHEET)!;
  const parties = ["购买方评估（街道）", "监督方评估（区民政局）", "督导中心评估", "第三方评估"];
  const scores = [20, 9, 14.55, 50.35];
  files["xl/pivotCache/pivotCacheDefinition1.xml"] = strToU8(
    `${XML_HEAD}<pivotCacheDefinition xmlns="${NS_MAIN}" xmlns:r="${NS_REL}" r:id="rId1" refreshedBy="fixture" refreshedDate="45260" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="4">` +
      `<cacheSource type="worksheet"><worksheetSource ref="A2:C6" sheet="${SCORE_SHEET}"/></cacheSource><cacheFields count="3">` +
      `<cacheField name="评估方" numFmtId="0"><sharedItems count="4">${parties.map((p) => `<s v="${p}"/>`).join("")}</sharedItems></cacheField>` +
      '<cacheField name="权重" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" minValue="0.1" maxValue="0.55"/></cacheField>' +
      '<cacheField name="得分" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" minValue="9" maxValue="50.35"/></cacheField>' +
      "</cacheFields></pivotCacheDefinition>",
  );
  files["xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels"] = strToU8(addRel(undefined, "rId1", `${NS_REL}/pivotCacheRecords`, "pivotCacheRecords1.xml"));
  const weights = [0.2, 0.1, 0.15, 0.55];
  files["xl/pivotCache/pivotCacheRecords1.xml"] = strToU8(
    `${XML_HEAD}<pivotCacheRecords xmlns="${NS_MAIN}" xmlns:r="${NS_REL}" count="4">` +
      parties.map((_, i) => `<r><x v="${i}"/><n v="${weights[i]}"/><n v="${scores[i]}"/></r>`).join("") +
      "</pivotCacheRecords>",
  );
  files["xl/pivotTables/pivotTable1.xml"] = strToU8(
    `${XML_HEAD}<pivotTableDefinition xmlns="${NS_MAIN}" name="数据透视表1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" indent="0" outline="1" outlineData="1">` +
      '<location ref="A3:B8" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="3">' +
      `<pivotField axis="axisRow" showAll="0"><items count="5">${parties.map((_, i) => `<item x="${i}"/>`).join("")}<item t="default"/></items></pivotField>` +
      '<pivotField showAll="0"/><pivotField dataField="1" showAll="0"/></pivotFields>' +
      `<rowFields count="1"><field x="0"/></rowFields><rowItems count="5">${parties.map((_, i) => (i ? `<i><x v="${i}"/></i>` : "<i><x/></i>")).join("")}<i t="grand"><x/></i></rowItems>` +
      '<colItems count="1"><i/></colItems><dataFields count="1"><dataField name="求和项:得分" fld="2" baseField="0" baseItem="0"/></dataFields>' +
      '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>',
  );
  files["xl/pivotTables/_rels/pivotTable1.xml.rels"] = strToU8(
    addRel(undefined, "rId1", `${NS_REL}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml"),
  );
  files[relsOf(pivotSheet)] = strToU8(
    addRel(files[relsOf(pivotSheet)] && strFromU8(files[relsOf(pivotSheet)]), "rIdPivot1", `${NS_REL}/pivotTable`, "../pivotTables/pivotTable1.xml"),
  );
  ct = addOverride(ct, "xl/pivotCache/pivotCacheDefinition1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml");
  ct = addOverride(ct, "xl/pivotCache/pivotCacheRecords1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml");
  ct = addOverride(ct, "xl/pivotTables/pivotTable1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml");
  wbRels = addRel(wbRels, "rIdPivotCache1", `${NS_REL}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml");

  // an external link to last year's workbook
  files["xl/externalLinks/externalLink1.xml"] = strToU8(
    `${XML_HEAD}<externalLink xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="评估结果"/></sheetNames>` +
      '<sheetDataSet><sheetData sheetId="0"><row r="3"><cell r="C3"><v>18</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
  );
  files["xl/externalLinks/_rels/externalLink1.xml.rels"] = strToU8(addRel(undefined, "rId1", `${NS_REL}/externalLinkPath`, "2022年评估表.xlsx", true));
  ct = addOverride(ct, "xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml");
  wbRels = addRel(wbRels, "rIdExtLink1", `${NS_REL}/externalLink`, "externalLinks/externalLink1.xml");

  // Excel 2010 extensions on the indicator sheet, which the run adds conditional formats to: a
  // dropdown reading another sheet and a data bar. They live in extLst, which must stay last.
  const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
  const XM = "http://schemas.microsoft.com/office/excel/2006/main";
  const extLst =
    `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${XM}">` +
    '<x14:cfRule type="dataBar" id="{00000000-000E-0000-0000-000001000000}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/>' +
    '<x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>G4:G5</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>' +
    `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14}"><x14:dataValidations count="1" xmlns:xm="${XM}"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">` +
    `<x14:formula1><xm:f>'${HIDDEN_SHEET}'!$A$1:$A$2</xm:f></x14:formula1><xm:sqref>I10:I20</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>`;
  // cells other producers write and exceljs does not: an inline string and an error value (row 8 ends at G8)
  const indXml = strFromU8(files[parts.get(INDICATOR_SHEET)!])
    .replace(/(<row r="8"[^>]*>[\s\S]*?)<\/row>/, '$1<c r="H8" t="inlineStr"><is><t>内联文本</t></is></c><c r="I8" t="e"><v>#N/A</v></c></row>')
    // a shared formula whose master sits in a percent cell the run overwrites: the follower must keep its formula
    .replace(/(<c r="C5"[^>]*>[\s\S]*?<\/c>)/, '$1<c r="D5"><f t="shared" ref="D5:E5" si="8">C5/B5</f><v>0</v></c><c r="E5"><f t="shared" si="8"/><v>0</v></c>')
    // another, whose followers run down into rows the run does not write (8, and 9 beside its D9): a
    // writer that copies untouched rows as they are must still reach them to give them the formula
    .replace(
      /(<c r="C7"[^>]*>[\s\S]*?<\/c>)/,
      '$1<c r="D7"><f t="shared" ref="D7:E9" si="9">LEN(B7)</f><v>0</v></c><c r="E7"><f t="shared" si="9"/><v>0</v></c>',
    )
    .replace(/(<c r="D8"[^>]*>[\s\S]*?<\/c>)/, '$1<c r="E8"><f t="shared" si="9"/><v>0</v></c>')
    .replace(/(<c r="C9"[^>]*>[\s\S]*?<\/c>)/, '$1<c r="E9"><f t="shared" si="9"/><v>0</v></c>')
    .replace("</worksheet>", `${extLst}</worksheet>`);
  if (!indXml.includes('r="H8" t="inlineStr"') || !["E5", "E7", "E8", "E9"].every((a) => indXml.includes(`<c r="${a}">`)))
    throw new Error("fixture: rows 5 to 9 of the indicator sheet not as expected");
  files[parts.get(INDICATOR_SHEET)!] = strToU8(indXml);

  // printer settings of the indicator sheet
  const indSheet = parts.get(INDICATOR_SHEET)!;
  files["xl/printerSettings/printerSettings1.bin"] = new Uint8Array(220).map((_, i) => (i * 13 + 5) & 0xff);
  files[relsOf(indSheet)] = strToU8(
    addRel(
      files[relsOf(indSheet)] && strFromU8(files[relsOf(indSheet)]),
      "rIdPrinter1",
      `${NS_REL}/printerSettings`,
      "../printerSettings/printerSettings1.bin",
    ),
  );
  ct = addOverride(ct, "xl/printerSettings/printerSettings1.bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings");

  // workbook.xml: externalReferences after sheets, pivotCaches after calcPr (schema order)
  wbXml = wbXml.replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rIdExtLink1"/></externalReferences>');
  const pivotCaches = '<pivotCaches><pivotCache cacheId="1" r:id="rIdPivotCache1"/></pivotCaches>';
  wbXml = /<calcPr\b[^>]*\/>/.test(wbXml)
    ? wbXml.replace(/(<calcPr\b[^>]*\/>)/, `$1${pivotCaches}`)
    : wbXml.replace("</workbook>", `${pivotCaches}</workbook>`);

  // a sheet-scoped name of the kind exceljs cannot write
  const scoped = `<definedName name="本页合计" localSheetId="${[...parts.keys()].indexOf(NOTES_SHEET)}">'${NOTES_SHEET}'!$B$5</definedName>`;
  wbXml = wbXml.includes("</definedNames>")
    ? wbXml.replace("</definedNames>", `${scoped}</definedNames>`)
    : wbXml.replace("</sheets>", `</sheets><definedNames>${scoped}</definedNames>`);

  // a calc chain naming the one formula on the notes sheet and the indicator sheet's G3
  const sheetIds = [...wbXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: unescapeXml(/\bname="([^"]*)"/.exec(m[0])![1]),
    id: /\bsheetId="(\d+)"/.exec(m[0])![1],
  }));
  const idOf = (name: string) => sheetIds.find((s) => s.name === name)!.id;
  files["xl/calcChain.xml"] = strToU8(
    `${XML_HEAD}<calcChain xmlns="${NS_MAIN}"><c r="G3" i="${idOf(INDICATOR_SHEET)}"/><c r="B5" i="${idOf(NOTES_SHEET)}"/></calcChain>`,
  );
  ct = addOverride(ct, "xl/calcChain.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml");
  wbRels = addRel(wbRels, "rIdCalcChain", `${NS_REL}/calcChain`, "calcChain.xml");

  if (macro) {
    // Not a working VBA project: only its bytes matter here, and they must come back unchanged.
    files["xl/vbaProject.bin"] = new Uint8Array(1536).map((_, i) => (i < 8 ? [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1][i] : (i * 31 + 7) & 0xff));
    ct = ct.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_MAIN_TYPE);
    ct = addOverride(ct, "xl/vbaProject.bin", "application/vnd.ms-office.vbaProject");
    wbRels = addRel(wbRels, "rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin");
    wbXml = wbXml.replace(/<workbookPr\b/, '<workbookPr codeName="ThisWorkbook"');
  }

  files["[Content_Types].xml"] = strToU8(ct);
  files["xl/_rels/workbook.xml.rels"] = strToU8(wbRels);
  files["xl/workbook.xml"] = strToU8(wbXml);
  const ordered: Zippable = { "[Content_Types].xml": files["[Content_Types].xml"] };
  for (const [k, v] of Object.entries(files)) if (k !== "[Content_Types].xml") ordered[k] = v;
  return zipSync(ordered);
}

export const MACRO_MAIN_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

/** The rich workbook as .xlsx bytes (macro = false) or .xlsm bytes (macro = true). */
export async function richWorkbook(options: { rosterRows?: number; macro?: boolean } = {}): Promise<Uint8Array> {
  return graft(await exceljsPart(options.rosterRows ?? 40), options.macro ?? false);
}
