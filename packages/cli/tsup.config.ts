import { defineConfig } from "tsup";

/** The Guangyuan scenario (`demo`) is a private workspace package: bundle it into the CLI. */
const noExternal = ["@safety-ledger/example-guangyuan"];

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    tsconfig: "tsconfig.json",
    sourcemap: true,
    clean: true,
    target: "node20",
    noExternal,
  },
  {
    entry: ["src/bin.ts"],
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    noExternal,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
