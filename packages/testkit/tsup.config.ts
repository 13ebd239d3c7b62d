import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"], // ESM only: vitest, which the suites are made of, cannot be require()d
  dts: true,
  tsconfig: "tsconfig.json",
  sourcemap: true,
  clean: true,
  target: "node20",
});
