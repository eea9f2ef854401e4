const path = require("path");

/**
 * The command line as one file, build/shuangbai.js, which bin/shuangbai.js runs. Loading the
 * ~85 CommonJS modules tsc emits costs about twice the CPU of loading them bundled and hoisted
 * into one scope (resolving and stat-ing each file, one wrapper compiled per module): ~25 ms a
 * run, which matters for a command whose whole 20k-row run is under a second. tsc's build/ stays
 * beside it: the type check, and build/file/*.js for the benchmark's floor.
 *
 * Not minified: stack traces of an internal error stay readable.
 */
module.exports = {
  mode: "production",
  target: "node20",
  devtool: false,
  entry: "./src/cli/main.ts",
  context: __dirname,
  output: {
    path: path.resolve(__dirname, "build"),
    filename: "shuangbai.js",
    // the Word writer, loaded only for --doc
    chunkFilename: "shuangbai-[name].js",
    library: { type: "commonjs2" },
    // build/ also holds tsc's output
    clean: false,
  },
  resolve: {
    extensions: [".ts", ".js"],
    // the file mode's fflate, loaded on first use: the command's own DEFLATE is node:zlib
    alias: { fflate$: path.resolve(__dirname, "src/cli/fflate-on-demand.ts") },
  },
  module: {
    // a name missing from the fflate stand-in fails the build rather than the run
    parser: { javascript: { exportsPresence: "error" } },
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          // tsc -p tsconfig.cli.json type-checks; ES modules here let webpack hoist them into one scope
          options: { transpileOnly: true, configFile: "tsconfig.cli.json", compilerOptions: { module: "esnext" } },
        },
      },
    ],
  },
  externals: {
    // several megabytes, loaded from node_modules only when a Word document is asked for
    docx: "commonjs docx",
    // fflate itself, from node_modules when first needed (see src/cli/fflate-on-demand.ts): out of
    // the bundle, it is not even parsed on a run that never uses it
    "fflate/node": "commonjs fflate/node",
  },
  // Node's own semantics: no process.env.NODE_ENV substitution, real __dirname
  node: { global: false, __dirname: false, __filename: false },
  optimization: { minimize: false, nodeEnv: false },
  performance: { hints: false },
  stats: "errors-warnings",
};
