#!/usr/bin/env node
/**
 * `npm run serve`: serves dist/ on http://127.0.0.1:8080 (PORT to change it) with the same
 * Content-Security-Policy the page carries, using nothing but Node's http module. Only the local
 * machine can reach it; to share the page, copy dist/ to any static web server instead.
 */
const http = require("http");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "dist");
const HOST = "127.0.0.1";
const PORT = Number(process.env.PORT || 8080);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

// The add-in's own pages load office.js from Microsoft's CDN, which loads more from Microsoft; the
// page's strict policy would block it, and those pages are for Excel, not for this server anyway.
const OFFICE_PAGES = new Set(["taskpane.html", "commands.html"]);

function headersFor(file) {
  return OFFICE_PAGES.has(path.basename(file)) ? {} : { "Content-Security-Policy": CSP };
}

function send(res, status, body, type = "text/plain; charset=utf-8") {
  res.writeHead(status, { "Content-Type": type, "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff" });
  res.end(body);
}

/** The file a URL path names inside dist/, or null when it would step outside it. */
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(ROOT, "." + (decoded.endsWith("/") ? decoded + "index.html" : decoded));
  return file === ROOT || file.startsWith(ROOT + path.sep) ? file : null;
}

function handle(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "Method Not Allowed");
  const file = resolvePath(req.url || "/");
  if (!file) return send(res, 400, "Bad Request");
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) return send(res, 404, "Not Found");
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
      "Content-Length": stat.size,
      ...headersFor(file),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-cache",
    });
    if (req.method === "HEAD") return res.end();
    fs.createReadStream(file).pipe(res);
  });
}

function start(port = PORT, host = HOST) {
  if (!fs.existsSync(path.join(ROOT, "index.html"))) {
    console.error("dist/index.html 不存在：请先运行 npm run build");
    process.exit(1);
  }
  const server = http.createServer(handle);
  server.on("error", (e) => {
    console.error(e.code === "EADDRINUSE" ? `端口 ${port} 已被占用，可用 PORT=8081 npm run serve 换一个端口` : e.message);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const addr = server.address();
    console.log(`双百评估助手独立网页：http://${host}:${addr.port}/index.html  （按 Ctrl+C 停止）`);
  });
  return server;
}

if (require.main === module) start();

module.exports = { start, handle, resolvePath, headersFor, CSP, TYPES };
