/** Unit and integration tests. Browser (Chromium) and LibreOffice suites live in test/e2e and run with `npm run test:e2e`. */
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: {
          jsx: "react-jsx",
          module: "commonjs",
          moduleResolution: "node",
          esModuleInterop: true,
          resolveJsonModule: true,
          types: ["office-js", "jest", "node"],
          isolatedModules: true,
        },
      },
    ],
  },
  testMatch: ["<rootDir>/test/**/*.test.ts?(x)"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  globalSetup: "<rootDir>/test/support/global-setup.js",
  testTimeout: 60000,
};
