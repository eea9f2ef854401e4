/**
 * Lets plain Node scripts (the e2e runner, the benchmark) require the project's TypeScript
 * sources directly. Each .ts file is transpiled on load with the project's own TypeScript, type
 * checking skipped — `npx tsc` and jest do the checking; this only has to run the code.
 */
"use strict";
const fs = require("fs");
const ts = require("typescript");

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  jsx: ts.JsxEmit.ReactJSX,
  sourceMap: false,
};

function compile(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
}

if (!require.extensions[".ts"]) {
  require.extensions[".ts"] = compile;
  require.extensions[".tsx"] = compile;
}
