const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";

/**
 * Where the add-in is served from, written into the manifest. Development keeps the dev server's
 * URL; a production build takes SHUANGBAI_URL and warns when it is missing (the manifest would then
 * point at localhost, fine for sideloading on one machine, wrong for a deployment).
 */
function addinUrl(production) {
  const fromEnv = process.env.SHUANGBAI_URL;
  if (fromEnv) return fromEnv.endsWith("/") ? fromEnv : `${fromEnv}/`;
  if (production) {
    console.warn(
      `\n[shuangbai] SHUANGBAI_URL is not set: the manifest keeps ${DEV_URL}. ` + "Set SHUANGBAI_URL=https://your.server/path/ for a deployable add-in.\n",
    );
  }
  return DEV_URL;
}

// Quotes stay on attributes so tools that read dist/*.html (the bench, the e2e tests) can parse it simply.
const HTML_MINIFY = { collapseWhitespace: true, removeComments: true, removeAttributeQuotes: false };

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const url = addinUrl(production);

  const config = {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    // Office on Windows runs WebView2 and Mac WKWebView; ES2020 covers both and every current browser.
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      index: "./src/web/index.tsx",
      // Its own entry with a fixed name, so the page can start it with new Worker("worker.js").
      worker: { import: "./src/web/worker.ts", chunkLoading: "import-scripts" },
      // The add-in pane's core runs here, off Excel's pane thread.
      "core-worker": { import: "./src/taskpane/coreWorker.ts", chunkLoading: "import-scripts" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: (pathData) => (pathData.chunk.name === "worker" || pathData.chunk.name === "core-worker" ? "[name].js" : "[name].[contenthash:8].js"),
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
      publicPath: "",
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs"],
      // The browser bundles never need Node built-ins; fail loudly if something drags one in.
      fallback: { fs: false, path: false, zlib: false, stream: false, worker_threads: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run lint` (tsc); the bundle only needs the JS.
            options: {
              transpileOnly: true,
              compilerOptions: { noEmit: false, module: "esnext", sourceMap: !production },
            },
          },
        },
      ],
    },
    externals: {
      // The file mode is our own code on fflate; exceljs must never end up in a browser bundle.
      exceljs: "commonjs exceljs",
    },
    optimization: {
      // html-webpack-plugin minifies the pages already; webpack's own HTML minimizer would also
      // strip attribute quotes, which simple readers of dist/*.html trip over.
      minimizeOptions: { html: false },
    },
    performance: {
      hints: production ? "warning" : false,
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 1024 * 1024,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        minify: production ? HTML_MINIFY : false,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        minify: production ? HTML_MINIFY : false,
      }),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/web/index.html",
        chunks: ["index"],
        minify: production ? HTML_MINIFY : false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          // icons only: the script that draws them stays out of dist/
          { from: "assets/*.{png,svg,ico}", to: "assets/[name][ext]", noErrorOnMissing: true },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            noErrorOnMissing: true,
            transform(content) {
              return url === DEV_URL ? content : content.toString().split(DEV_URL).join(url);
            },
          },
        ],
      }),
    ],
  };

  if (serving) {
    // Only `webpack serve` needs certificates; a production build must work offline and in CI.
    config.devServer = {
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await devHttpsOptions() },
      static: { directory: path.resolve(__dirname, "dist") },
      hot: false,
    };
  }

  return config;
};

/**
 * office-addin-dev-certs makes a localhost certificate and trusts its CA. Trusting needs sudo on
 * Linux, where it throws after the certificate files are already written: use those files then,
 * and say that the browser or Office must be told to trust the CA by hand.
 */
async function devHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    const fs = require("node:fs");
    const os = require("node:os");
    const dir = path.join(os.homedir(), ".office-addin-dev-certs");
    const files = { ca: path.join(dir, "ca.crt"), cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
    if (!Object.values(files).every((f) => fs.existsSync(f))) throw e;
    console.warn(`[dev-server] could not trust the dev CA automatically (${e.message.split("\n")[0]}); trust ${files.ca} by hand.`);
    return { ca: fs.readFileSync(files.ca), cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
  }
}
