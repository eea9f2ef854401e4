/**
 * Makes every way Node can reach the network throw, and records who tried. The privacy test
 * installs it in-process (and restores afterwards); `node --require` of this file with
 * SHUANGBAI_DENY_NETWORK=1 installs it in the command line's own process.
 */
"use strict";
const net = require("net");
const tls = require("tls");
const http = require("http");
const https = require("https");
const dns = require("dns");

const attempts = [];
const TARGETS = [
  [net.Socket.prototype, "connect", "net.Socket#connect"],
  [net, "connect", "net.connect"],
  [net, "createConnection", "net.createConnection"],
  [tls, "connect", "tls.connect"],
  [http, "request", "http.request"],
  [http, "get", "http.get"],
  [https, "request", "https.request"],
  [https, "get", "https.get"],
  [dns, "lookup", "dns.lookup"],
  [dns, "resolve", "dns.resolve"],
  [dns.promises, "lookup", "dns.promises.lookup"],
  [globalThis, "fetch", "fetch"],
  [globalThis, "WebSocket", "WebSocket"],
];
let saved = null;

function deny(what) {
  return function denied() {
    attempts.push(what);
    process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
    throw new Error(`network access denied in tests: ${what}`);
  };
}

function install() {
  if (saved) return;
  saved = TARGETS.map(([obj, key]) => [obj, key, obj[key]]);
  for (const [obj, key, what] of TARGETS) obj[key] = deny(what);
}

function restore() {
  if (!saved) return;
  for (const [obj, key, original] of saved) obj[key] = original;
  saved = null;
}

if (process.env.SHUANGBAI_DENY_NETWORK === "1") install();

module.exports = { attempts, install, restore };
