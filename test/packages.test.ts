/**
 * Every published package (packages/*\/package.json without "private": true) carries what a
 * release needs: a README with an install section, a runnable example and its guarantees, the
 * MIT LICENSE, a CHANGELOG.md, the registry metadata, and a place in the changesets' fixed
 * group. The examples themselves run against the packed packages in the release rehearsal
 * (scripts/release-rehearsal.ts, docs/releasing.md).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  commonJsVariant,
  entryPoints,
  publishedPackages,
  REQUIRED_FILES,
  ROOT,
  readmeExamples,
  relativeReferences,
} from "../scripts/release-lib";

const packages = publishedPackages();
const rootLicense = readFileSync(join(ROOT, "LICENSE"), "utf8");
const changesetConfig = JSON.parse(readFileSync(join(ROOT, ".changeset", "config.json"), "utf8")) as {
  fixed: string[][];
  privatePackages: { version: boolean; tag: boolean };
};
const matches = (pattern: string, name: string) =>
  pattern === name || (pattern.endsWith("/*") && name.startsWith(pattern.slice(0, -1)));

describe("the published packages", () => {
  it("are found, and include the five known ones", () => {
    expect(packages.map((p) => p.manifest.name)).toEqual(
      expect.arrayContaining([
        "@safety-ledger/cli",
        "@safety-ledger/core",
        "@safety-ledger/eventstoredb",
        "@safety-ledger/sqlite",
        "@safety-ledger/testkit",
      ]),
    );
  });

  it("the root LICENSE is MIT, copyright the safety-ledger authors", () => {
    expect(rootLicense).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the safety-ledger authors\n/);
  });

  it("share one version (the changesets' fixed group) and private packages are never versioned", () => {
    expect(new Set(packages.map((p) => p.manifest.version)).size).toBe(1);
    expect(changesetConfig.privatePackages).toEqual({ version: false, tag: false });
    expect(changesetConfig.fixed).toHaveLength(1);
  });

  it("every changeset names published packages only", () => {
    const names = new Set(packages.map((p) => p.manifest.name));
    const files = readdirSync(join(ROOT, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
    for (const file of files) {
      const front = readFileSync(join(ROOT, ".changeset", file), "utf8").split("---")[1] ?? "";
      const named = [...front.matchAll(/^"([^"]+)":\s*(patch|minor|major)\s*$/gm)].map((m) => m[1]!);
      expect(named.length, file).toBeGreaterThan(0);
      for (const name of named) expect(names.has(name), `${file} names ${name}`).toBe(true);
    }
  });

  describe.each(packages.map((p) => [p.manifest.name, p] as const))("%s", (name, pkg) => {
    const manifest = pkg.manifest;
    const file = (path: string) => join(pkg.dir, path);

    it("has a README: what it is, Install, a ```ts example block, Guarantees, a link to the docs", () => {
      const readme = readFileSync(file("README.md"), "utf8");
      expect(readme.startsWith(`# ${name}\n`)).toBe(true);
      expect(readme).toContain("\n## Install\n");
      expect(readme).toContain("\n## Guarantees\n");
      expect(readme).toMatch(/\n## Docs\n[\s\S]*\/docs\/[a-z-]+\.md/);
      const examples = readmeExamples(readme);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(example.code).toContain(`from "${name}"`);
      for (const example of examples.filter((e) => e.runner === "node"))
        expect(() => commonJsVariant(example.code)).not.toThrow();
    });

    it("has the root's LICENSE and a CHANGELOG.md, and lists them in files", () => {
      expect(readFileSync(file("LICENSE"), "utf8")).toBe(rootLicense);
      expect(readFileSync(file("CHANGELOG.md"), "utf8").startsWith(`# ${name}\n`)).toBe(true);
      expect(manifest.license).toBe("MIT");
      expect(manifest.files).toEqual(
        expect.arrayContaining(["dist", ...REQUIRED_FILES.filter((f) => f !== "package.json")]),
      );
    });

    it("has engines, repository, homepage, bugs, keywords in English and Chinese, public access", () => {
      expect(manifest.engines?.node).toMatch(/^>=\d+/);
      expect(manifest.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
      expect(manifest.repository?.directory).toBe(`packages/${pkg.folder}`);
      expect(manifest.homepage).toMatch(new RegExp(`^https://.+/packages/${pkg.folder}#readme$`));
      expect(manifest.bugs?.url).toMatch(/^https:\/\//);
      expect(manifest.description?.length).toBeGreaterThan(0);
      const keywords = manifest.keywords ?? [];
      expect(keywords.some((k) => /^[a-z0-9-]+$/.test(k))).toBe(true);
      expect(keywords.some((k) => /\p{Script=Han}/u.test(k))).toBe(true);
      expect(manifest.publishConfig?.access).toBe("public");
    });

    it("is in the changesets' fixed group", () => {
      expect(changesetConfig.fixed[0]!.some((pattern) => matches(pattern, name))).toBe(true);
    });
  });
});

describe("the rehearsal's helpers", () => {
  it("find ```ts example blocks and leave other blocks alone", () => {
    const md = "```ts\nshown();\n```\n\n```ts example\nrun();\n```\n\n```ts example vitest\ntest();\n```\n";
    expect(readmeExamples(md)).toEqual([
      { runner: "node", code: "run();\n" },
      { runner: "vitest", code: "test();\n" },
    ]);
  });

  it("make the CommonJS variant: imports kept, the rest inside an async main", () => {
    const cjs = commonJsVariant('import { a } from "x";\nimport {\n  b,\n} from "y";\n\nawait a(b);\n');
    expect(cjs).toBe(
      'import { a } from "x";\nimport {\n  b,\n} from "y";\n\nasync function main(): Promise<void> {\n  await a(b);\n}\n\nmain().catch((error: unknown) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n',
    );
    expect(() => commonJsVariant('run();\nimport { a } from "x";\n')).toThrow(/imports first/);
  });

  it("list a manifest's entry points and the relative modules a built file loads", () => {
    expect(
      entryPoints({
        name: "x",
        version: "1.0.0",
        main: "./dist/index.cjs",
        types: "./dist/index.d.cts",
        exports: { ".": { import: "./dist/index.js" }, "./package.json": "./package.json" },
        bin: { x: "./dist/bin.js" },
      }),
    ).toEqual(["dist/bin.js", "dist/index.cjs", "dist/index.d.cts", "dist/index.js", "package.json"]);
    const js =
      'import { a } from "./chunk-A.js";\nconst r = () => import("./report-B.js");\nrequire("../x.cjs");\nimport "fp-ts";';
    expect(relativeReferences("dist/index.js", js)).toEqual([
      ["dist/chunk-A.js"],
      ["dist/report-B.js"],
      ["x.cjs"],
    ]);
    expect(relativeReferences("dist/index.d.ts", 'export * from "./types";')[0]).toContain("dist/types.d.ts");
  });
});
