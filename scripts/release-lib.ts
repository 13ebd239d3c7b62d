/**
 * What the release rehearsal (scripts/release-rehearsal.ts) and the package checks
 * (test/packages.test.ts) share: which packages are published, the README examples they must
 * run, and the files a tarball must carry. docs/releasing.md describes both.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly license?: string;
  readonly keywords?: ReadonlyArray<string>;
  readonly homepage?: string;
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly bugs?: { readonly url?: string };
  readonly engines?: Readonly<Record<string, string>>;
  readonly files?: ReadonlyArray<string>;
  readonly main?: string;
  readonly module?: string;
  readonly types?: string;
  readonly exports?: unknown;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly publishConfig?: Readonly<Record<string, unknown>>;
}

export interface PublishedPackage {
  /** The folder under packages/, e.g. "core". */
  readonly folder: string;
  /** Absolute path of the package folder. */
  readonly dir: string;
  readonly manifest: Manifest;
}

/** Every packages/<folder>/package.json without `"private": true`, by folder name. */
export const publishedPackages = (root: string = ROOT): PublishedPackage[] =>
  readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, "packages", entry.name, "package.json")))
    .map((entry) => {
      const dir = join(root, "packages", entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
      return { folder: entry.name, dir, manifest };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.folder.localeCompare(b.folder));

/** Files every published tarball carries besides what `main`, `exports`, `types` and `bin` name. */
export const REQUIRED_FILES = ["package.json", "README.md", "LICENSE", "CHANGELOG.md"] as const;

/**
 * A README example: a fenced block whose info string is `ts example` (run with node) or
 * `ts example vitest` (a vitest test file, run with vitest). Other `ts` blocks are only shown.
 */
export interface ReadmeExample {
  readonly runner: "node" | "vitest";
  readonly code: string;
}

const EXAMPLE_FENCE = /^```ts example( vitest)?[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

export const readmeExamples = (markdown: string): ReadmeExample[] =>
  [...markdown.matchAll(EXAMPLE_FENCE)].map((match) => ({
    runner: match[1] === undefined ? "node" : "vitest",
    code: match[2]!,
  }));

/** Does the package let `require()` load it (an `exports` "require" condition, or `main` alone)? */
export const supportsRequire = (manifest: Manifest): boolean => {
  if (manifest.exports === undefined) return manifest.main !== undefined;
  return JSON.stringify(manifest.exports).includes('"require"');
};

/**
 * The CommonJS variant of an ESM example: the same imports (the compiler turns them into
 * `require` for a .cts file) and the rest of the code in an async function, since CommonJS has
 * no top-level await.
 */
export const commonJsVariant = (code: string): string => {
  const source = ts.createSourceFile("example.mts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imports = source.statements.filter(ts.isImportDeclaration);
  const firstOther = source.statements.find((statement) => !ts.isImportDeclaration(statement));
  const lastImport = imports.at(-1);
  if (firstOther !== undefined && lastImport !== undefined && firstOther.pos < lastImport.pos)
    throw new Error("a README example must put its imports first");
  const head = lastImport === undefined ? "" : code.slice(0, lastImport.end);
  const body = code.slice(lastImport?.end ?? 0).replace(/^\s*\n/, "");
  const indented = body
    .trimEnd()
    .split("\n")
    .map((line) => (line.length === 0 ? line : `  ${line}`))
    .join("\n");
  return `${head}\n\nasync function main(): Promise<void> {\n${indented}\n}\n\nmain().catch((error: unknown) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;
};

/** Every file path a manifest names as an entry point (`main`, `module`, `types`, `exports`, `bin`). */
export const entryPoints = (manifest: Manifest): string[] => {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.startsWith("./") && !value.includes("*")) found.add(posix.normalize(value));
    } else if (value !== null && typeof value === "object") for (const v of Object.values(value)) walk(v);
  };
  for (const field of [manifest.main, manifest.module, manifest.types])
    if (field !== undefined) found.add(posix.normalize(field));
  walk(manifest.exports);
  if (typeof manifest.bin === "string") found.add(posix.normalize(manifest.bin));
  else if (manifest.bin !== undefined)
    for (const path of Object.values(manifest.bin)) found.add(posix.normalize(path));
  return [...found].sort();
};

const RELATIVE_SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+|\bexport\s+\*\s+from\s*)["'](\.\.?\/[^"']+)["']/gm;

/**
 * The relative modules a built file loads (static and dynamic imports, re-exports, requires),
 * resolved against the file's folder, for the tarball check: every one must be in the tarball.
 * Declaration files may leave the extension off, so a `.d.ts` reference lists the candidates.
 */
export const relativeReferences = (file: string, text: string): string[][] =>
  [...text.matchAll(RELATIVE_SPECIFIER)].map((match) => {
    const target = posix.normalize(posix.join(posix.dirname(file), match[1]!));
    if (!/\.d\.[cm]?ts$/.test(file)) return [target];
    const stem = target.replace(/\.(c|m)?js$/, "");
    return [target, `${stem}.d.ts`, `${stem}.d.cts`, `${stem}.d.mts`, `${target}/index.d.ts`];
  });
