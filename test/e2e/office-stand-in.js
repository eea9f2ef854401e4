/*
 * Stand-in for Microsoft's office.js, served by the e2e test in place of the CDN script. It tells
 * the pane it runs in Excel and offers a small in-memory workbook through Excel.run: enough for
 * the pane to mount and for a read of sheets, used ranges and values. It is not an Excel emulator.
 */
(function () {
  "use strict";
  // a suite may hand in its own workbook (page.addInitScript setting window.__standInBook)
  var book = (typeof window !== "undefined" && window.__standInBook) || {
    name: "演示工作簿.xlsx",
    sheets: [
      {
        name: "指标完成情况",
        values: [
          ["服务对象建档", "指标要求", "完成情况", "完成百分比"],
          ["", "200个", "371个", ""],
        ],
      },
      {
        name: "评估结果",
        values: [
          ["评估方", "权重", "得分"],
          ["购买方评估（街道）", 0.2, 20],
          ["监督方评估（区民政局）", 0.1, 9],
          ["督导中心评估", 0.15, 14.55],
          ["第三方评估", 0.55, 50.35],
        ],
      },
    ],
  };

  function letters(col) {
    var n = col + 1,
      s = "";
    while (n > 0) {
      var m = (n - 1) % 26;
      s = String.fromCharCode(65 + m) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function parseCell(ref) {
    var m = /^\$?([A-Z]+)\$?(\d*)$/.exec(ref.toUpperCase());
    if (!m[2]) m[2] = "1";
    var c = 0;
    for (var i = 0; i < m[1].length; i++) c = c * 26 + (m[1].charCodeAt(i) - 64);
    return { row: Number(m[2]) - 1, col: c - 1 };
  }
  function grid(sheet, r, c, rows, cols, pick) {
    var out = [];
    for (var i = 0; i < rows; i++) {
      var line = [];
      for (var j = 0; j < cols; j++) {
        var row = sheet.values[r + i] || [];
        var v = row[c + j];
        line.push(pick(v === undefined || v === null ? "" : v));
      }
      out.push(line);
    }
    return out;
  }
  function setGrid(sheet, r, c, data) {
    for (var i = 0; i < data.length; i++) {
      sheet.values[r + i] = sheet.values[r + i] || [];
      for (var j = 0; j < data[i].length; j++) sheet.values[r + i][c + j] = data[i][j];
    }
  }
  function loadable(obj) {
    obj.load = function () {
      return obj;
    };
    obj.track = function () {
      return obj;
    };
    obj.untrack = function () {
      return obj;
    };
    obj.isNullObject = false;
    return obj;
  }

  function makeRange(sheet, r, c, rows, cols) {
    var range = loadable({
      rowIndex: r,
      columnIndex: c,
      rowCount: rows,
      columnCount: cols,
      cellCount: rows * cols,
      address: "'" + sheet.name + "'!" + letters(c) + (r + 1) + (rows * cols > 1 ? ":" + letters(c + cols - 1) + (r + rows) : ""),
      format: loadable({
        fill: loadable({ color: "#FFFFFF", clear: function () {} }),
        font: loadable({ bold: false, color: "#000000" }),
        autofitColumns: function () {},
        columnWidth: 64,
      }),
      select: function () {},
      // no tables and no dynamic-array spills in this workbook (Range.getTables 1.9, Range.hasSpill 1.12)
      hasSpill: false,
      getTables: function () {
        return loadable({ items: [] });
      },
      conditionalFormats: {
        add: function () {
          return { cellValue: { format: { fill: {}, font: {} }, rule: {} } };
        },
        clearAll: function () {},
        // none of the user's own: the host keeps a user's conditional formats (ConditionalFormatCollection.getCount)
        getCount: function () {
          return { value: 0 };
        },
      },
      dataValidation: { rule: {}, clear: function () {} },
      merge: function () {},
      unmerge: function () {},
      getCell: function (i, j) {
        return makeRange(sheet, r + i, c + j, 1, 1);
      },
      getResizedRange: function (dr, dc) {
        return makeRange(sheet, r, c, rows + dr, cols + dc);
      },
      getOffsetRange: function (dr, dc) {
        return makeRange(sheet, r + dr, c + dc, rows, cols);
      },
      // Range.getIntersectionOrNullObject (ExcelApi 1.4): the overlap, or a null object when none
      // (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getintersectionornullobject-member(1))
      getIntersectionOrNullObject: function (other) {
        var r1 = Math.max(r, other.rowIndex),
          c1 = Math.max(c, other.columnIndex),
          r2 = Math.min(r + rows, other.rowIndex + other.rowCount),
          c2 = Math.min(c + cols, other.columnIndex + other.columnCount);
        if (r2 <= r1 || c2 <= c1) {
          var none = loadable({ address: "" });
          none.isNullObject = true;
          return none;
        }
        return makeRange(sheet, r1, c1, r2 - r1, c2 - c1);
      },
      // Range.autoFill(destination, "FillSeries") (ExcelApi 1.9): the source rows' numbers continued
      // down the destination by their step (one number: step 1)
      // (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-autofill-member(1))
      autoFill: function (destination, type) {
        var dest = typeof destination === "string" ? makeWorksheet(sheet).getRange(destination.replace(/^.*!/, "")) : destination;
        if (type && type !== "FillSeries") throw new Error("InvalidArgument: the stand-in fills series only");
        for (var j = 0; j < cols; j++) {
          var first = Number((sheet.values[r] || [])[c + j]);
          var second = rows > 1 ? Number((sheet.values[r + 1] || [])[c + j]) : first + 1;
          var step = second - first;
          for (var i = 0; i < dest.rowCount; i++) {
            var row = dest.rowIndex + i;
            sheet.values[row] = sheet.values[row] || [];
            sheet.values[row][dest.columnIndex + j] = first + step * (row - r);
          }
        }
      },
      getMergedAreasOrNullObject: function () {
        var n = loadable({ areas: { items: [] }, areaCount: 0 });
        n.isNullObject = true;
        return n;
      },
      clear: function () {
        setGrid(
          sheet,
          r,
          c,
          grid(sheet, r, c, rows, cols, function () {
            return "";
          }),
        );
      },
    });
    Object.defineProperty(range, "values", {
      enumerable: true,
      get: function () {
        return grid(sheet, r, c, rows, cols, function (v) {
          return v;
        });
      },
      set: function (data) {
        setGrid(sheet, r, c, data);
      },
    });
    Object.defineProperty(range, "formulas", {
      enumerable: true,
      get: function () {
        return grid(sheet, r, c, rows, cols, function (v) {
          return v;
        });
      },
      set: function (data) {
        setGrid(sheet, r, c, data);
      },
    });
    // A scalar lands in every cell, as in real Excel (techcommunity.microsoft.com/idea/
    // microsoft365developerplatform/allow-passing-a-single-value-to-the-range-object-values-and-formulas/4211172);
    // the stand-in keeps the R1C1 text as written.
    Object.defineProperty(range, "formulasR1C1", {
      enumerable: true,
      get: function () {
        return grid(sheet, r, c, rows, cols, function (v) {
          return v;
        });
      },
      set: function (data) {
        setGrid(
          sheet,
          r,
          c,
          Array.isArray(data)
            ? data
            : grid(sheet, r, c, rows, cols, function () {
                return data;
              }),
        );
      },
    });
    Object.defineProperty(range, "text", {
      enumerable: true,
      get: function () {
        return grid(sheet, r, c, rows, cols, function (v) {
          return String(v);
        });
      },
    });
    range.numberFormat = grid(sheet, r, c, rows, cols, function () {
      return "General";
    });
    range.valueTypes = grid(sheet, r, c, rows, cols, function (v) {
      return v === "" ? "Empty" : typeof v === "number" ? "Double" : "String";
    });
    return range;
  }

  function usedBounds(sheet) {
    var rows = sheet.values.length,
      cols = 0;
    sheet.values.forEach(function (row) {
      cols = Math.max(cols, (row || []).length);
    });
    return { rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
  }

  function makeWorksheet(sheet) {
    return loadable({
      name: sheet.name,
      id: "{" + sheet.name + "}",
      visibility: "Visible",
      position: book.sheets.indexOf(sheet),
      tabColor: "",
      protection: loadable({ protected: false }),
      freezePanes: {
        freezeRows: function () {},
        freezeColumns: function () {},
        freezeAt: function () {},
        unfreeze: function () {},
        getLocationOrNullObject: function () {
          var n = loadable({ address: "" });
          n.isNullObject = true;
          return n;
        },
      },
      getUsedRange: function () {
        var b = usedBounds(sheet);
        return makeRange(sheet, 0, 0, b.rows, b.cols);
      },
      getUsedRangeOrNullObject: function () {
        var b = usedBounds(sheet);
        return makeRange(sheet, 0, 0, b.rows, b.cols);
      },
      getRange: function (addr) {
        var parts = String(addr || "A1").split(":");
        var a = parseCell(parts[0]),
          z = parts[1] ? parseCell(parts[1]) : a;
        return makeRange(sheet, a.row, a.col, z.row - a.row + 1, z.col - a.col + 1);
      },
      getRangeByIndexes: function (r, c, rows, cols) {
        return makeRange(sheet, r, c, rows, cols);
      },
      getCell: function (r, c) {
        return makeRange(sheet, r, c, 1, 1);
      },
      activate: function () {},
      delete: function () {
        book.sheets.splice(book.sheets.indexOf(sheet), 1);
      },
    });
  }

  function findSheet(name) {
    for (var i = 0; i < book.sheets.length; i++) if (book.sheets[i].name === name) return book.sheets[i];
    return null;
  }

  // Workbook.customXmlParts, where the add-in keeps its undo record (ExcelApi 1.5)
  var parts = [];
  var nextPart = 1;
  function partProxy(p) {
    return loadable({
      id: p.id,
      namespaceUri: p.ns,
      getXml: function () {
        return { value: p.xml };
      },
      setXml: function (xml) {
        p.xml = xml;
      },
      delete: function () {
        var i = parts.indexOf(p);
        if (i < 0) throw new Error("ItemNotFound: " + p.id);
        parts.splice(i, 1);
      },
    });
  }
  function customXmlParts() {
    return {
      add: function (xml) {
        var m = /xmlns\s*=\s*"([^"]*)"/.exec(xml);
        var p = { id: "{part-" + nextPart++ + "}", ns: m ? m[1] : "", xml: xml };
        parts.push(p);
        return partProxy(p);
      },
      getItem: function (id) {
        for (var i = 0; i < parts.length; i++) if (parts[i].id === id) return partProxy(parts[i]);
        throw new Error("ItemNotFound: " + id);
      },
      getByNamespace: function (ns) {
        var scoped = loadable({});
        Object.defineProperty(scoped, "items", {
          get: function () {
            return parts
              .filter(function (p) {
                return p.ns === ns;
              })
              .map(partProxy);
          },
        });
        return scoped;
      },
    };
  }

  function makeContext() {
    var worksheets = loadable({
      getItem: function (name) {
        var s = findSheet(name);
        if (!s) throw new Error("ItemNotFound: " + name);
        return makeWorksheet(s);
      },
      getItemOrNullObject: function (name) {
        var s = findSheet(name);
        return s ? makeWorksheet(s) : loadable({ isNullObject: true, name: name });
      },
      add: function (name) {
        var s = { name: name || "Sheet" + (book.sheets.length + 1), values: [] };
        book.sheets.push(s);
        return makeWorksheet(s);
      },
      getActiveWorksheet: function () {
        return makeWorksheet(book.sheets[0]);
      },
      getCount: function () {
        return { value: book.sheets.length };
      },
    });
    Object.defineProperty(worksheets, "items", {
      get: function () {
        return book.sheets.map(makeWorksheet);
      },
    });
    return {
      workbook: loadable({
        name: book.name,
        worksheets: worksheets,
        application: loadable({ calculationMode: "Automatic", suspendApiCalculationUntilNextSync: function () {}, calculate: function () {} }),
        // a test selects a range with window.__officeStandIn.selection = { sheet, row, col, rows, cols }
        getSelectedRange: function () {
          var sel = window.__officeStandIn.selection;
          var sheet =
            sel &&
            book.sheets.filter(function (x) {
              return x.name === sel.sheet;
            })[0];
          return sheet ? makeRange(sheet, sel.row, sel.col, sel.rows, sel.cols) : makeRange(book.sheets[0], 0, 0, 1, 1);
        },
        getActiveCell: function () {
          return makeRange(book.sheets[0], 0, 0, 1, 1);
        },
        properties: loadable({ title: "" }),
        protection: loadable({ protected: false }),
        customXmlParts: customXmlParts(),
      }),
      application: loadable({ calculationMode: "Automatic", suspendApiCalculationUntilNextSync: function () {}, calculate: function () {} }),
      trackedObjects: { add: function () {}, remove: function () {} },
      runtime: loadable({ enableEvents: true }),
      sync: function () {
        window.__officeStandIn.syncs++;
        return Promise.resolve();
      },
    };
  }

  var settings = {};
  var info = { host: "Excel", platform: "PC" };
  window.__officeStandIn = { book: book, syncs: 0, customXmlParts: parts, selection: null };
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady: function (cb) {
      if (typeof cb === "function")
        setTimeout(function () {
          cb(info);
        }, 0);
      return Promise.resolve(info);
    },
    initialize: function () {},
    actions: { associate: function () {} },
    context: {
      host: "Excel",
      platform: "PC",
      displayLanguage: "zh-CN",
      contentLanguage: "zh-CN",
      diagnostics: { host: "Excel", platform: "PC", version: "16.0.0.0" },
      requirements: {
        isSetSupported: function () {
          return true;
        },
      },
      document: {
        settings: {
          get: function (k) {
            return Object.prototype.hasOwnProperty.call(settings, k) ? settings[k] : null;
          },
          set: function (k, v) {
            settings[k] = v;
          },
          remove: function (k) {
            delete settings[k];
          },
          saveAsync: function (opt, cb) {
            var done = typeof opt === "function" ? opt : cb;
            if (done) done({ status: "succeeded" });
          },
        },
      },
    },
  };
  window.Excel = {
    // Excel.run(batch) or Excel.run(options, batch), as the real API allows
    run: function (a, b) {
      var batch = typeof a === "function" ? a : b;
      return Promise.resolve().then(function () {
        return batch(makeContext());
      });
    },
    ErrorCodes: {
      invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
      accessDenied: "AccessDenied",
      requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
    },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  };
})();
