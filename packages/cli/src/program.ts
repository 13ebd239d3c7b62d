/**
 * The `safety-ledger` command. Every command opens the store named by `--store`, does one job
 * and closes it. Exit codes: 0 success, 1 a rejected command or a failed check, 2 a usage error.
 */
import { userInfo } from "node:os";
import {
  type Actor,
  type AeadAlgorithm,
  type EventStore,
  errorText,
  type HashAlgorithm,
  LedgerFailure,
  ledgerAsKnownAt,
  protectedStore,
} from "@safety-ledger/core";
import { Command, CommanderError, Option } from "commander";
import manifest from "../package.json";
import { endWithBrokenLinks } from "./broken-links";
import { cliErrorText, cliText, commanderText, usage } from "./cli-error-texts";
import {
  auditCheckProof,
  auditExport,
  auditLateEntries,
  auditProve,
  auditSeal,
  auditVerify,
  auditVerifyFile,
} from "./commands/audit";
import { fileSigner, registerAuditKeyCommands } from "./commands/audit-keys";
import { history } from "./commands/history";
import { registerPrivacyCommands } from "./commands/privacy";
import { registerReport } from "./commands/report";
import { auditExportRevealed } from "./commands/revealed-export";
import { auditCheckExport } from "./commands/revealed-export-check";
import { submit } from "./commands/submit";
import { CheckFailed, EXIT, UsageError } from "./errors";
import { applyHelp } from "./help-texts";
import { registerLedgerCommands } from "./ledger-commands";
import { ensureLedgerHash, parseHashAlgorithm } from "./ledger-hash";
import { ledgerPrivacy, MASTER_KEY_ENV, parseEncryption } from "./ledger-privacy";
import { type Lang, langOfEnv, MESSAGES } from "./messages";
import { asInt, dateOption, langOfArgv, langOption, parseActor } from "./options";
import { type Io, processIo } from "./output";
import { replayForced, useReadTables, useSealedReadTables } from "./read-tables";
import { DEFAULT_STORE, openStore, type StoreAccess } from "./store-url";

/** The package's own version (bundled from package.json at build time, so a release bump is what `--version` says). */
export const VERSION: string = manifest.version;

/** The program, its help in `helpLang` (English by default: docs/cli.md is generated from it). */
export const buildProgram = (io: Io, setExit: (code: number) => void, helpLang: Lang = "en"): Command => {
  /** The language of messages: --lang (zh, zh-CN or en), else the locale's, else Chinese. */
  const lang = (): Lang => program.opts<{ lang?: Lang }>().lang ?? langOfEnv();
  const program = new Command("safety-ledger")
    .version(VERSION)
    .option("--store <url>", "", process.env.SAFETY_LEDGER_STORE ?? DEFAULT_STORE)
    .addOption(new Option("--known-at <date>").argParser(dateOption("--known-at")))
    .option("--create")
    .option("--replay")
    .addOption(new Option("--hash <algorithm>").argParser(parseHashAlgorithm))
    .addOption(new Option("--encrypt <algorithm>").argParser(parseEncryption))
    .addOption(new Option("--master-key <file>"))
    .addOption(langOption())
    .option("--debug")
    .showHelpAfterError(cliText("SEE_HELP", {}, helpLang))
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      outputError: (s, write) => write(commanderText(s.trimEnd(), helpLang)),
    })
    .exitOverride();

  /**
   * Run a command's body against the store, closing it afterwards. Only commands that write
   * (`writes`) or `--create` create a missing SQLite file; for the others it is a usage error.
   */
  const withStore =
    (body: (store: EventStore) => Promise<number>, access: StoreAccess = "reads") =>
    async () => {
      const {
        store: url,
        knownAt,
        create,
        replay,
        hash,
        encrypt,
        masterKey = process.env[MASTER_KEY_ENV] || undefined,
      } = program.opts<{
        store: string;
        knownAt?: string;
        create?: boolean;
        replay?: boolean;
        hash?: HashAlgorithm;
        encrypt?: AeadAlgorithm;
        masterKey?: string;
      }>();
      if (encrypt !== undefined && masterKey === undefined)
        throw usage("ENCRYPT_NEEDS_MASTER_KEY", { encrypt });
      const writing = access === "writes" || access === "plans";
      if (url.startsWith("export:") && writing) throw usage("STORE_EXPORT_READ_ONLY", { url });
      if (knownAt !== undefined && writing) throw usage("KNOWN_AT_READ_ONLY", { knownAt });
      const opened = await openStore(
        url,
        access === "plans" ? { missingAsEmpty: true } : { create: access === "writes" || create === true },
      );
      let store = opened;
      try {
        if ((hash !== undefined || encrypt !== undefined) && access === "writes")
          await ensureLedgerHash(opened, hash, encrypt);
        // An encrypted ledger's reads reveal its personal fields (from sealed read tables, which
        // keep the ciphertext, where the store has them); audit commands read the bytes as stored.
        const privacy =
          access === "evidence" ? undefined : await ledgerPrivacy(opened, url, masterKey, lang());
        const revealing = privacy === undefined ? opened : protectedStore(opened, privacy);
        store = knownAt === undefined ? revealing : ledgerAsKnownAt(revealing, knownAt);
        if (!replayForced(replay))
          if (privacy === undefined) useReadTables(store, opened, knownAt);
          else useSealedReadTables(store, opened, privacy, knownAt);
        setExit(endWithBrokenLinks(io, store, await body(store), lang()));
      } finally {
        await store.close();
      }
    };

  program
    .command("submit")
    .argument("<file>")
    .option("--json")
    .option("--strict-privacy")
    .action((file: string, o: { json?: boolean; strictPrivacy?: boolean }) =>
      withStore(
        (s) =>
          submit(s, file, io, o.json === true, lang(), {
            refusePersonalNumbersInFreeText: o.strictPrivacy === true,
          }),
        "writes",
      )(),
    );

  program
    .command("history")
    .argument("<stream>")
    .addOption(new Option("--as-of <date>").argParser(dateOption("--as-of")))
    .addOption(new Option("--known-at <date>").argParser(dateOption("--known-at")))
    .option("--json")
    .action((stream: string, o: { asOf?: string; knownAt?: string; json?: boolean }) =>
      withStore((s) =>
        history(
          s,
          stream,
          { ...(o.asOf ? { asOf: o.asOf } : {}), ...(o.knownAt ? { knownAt: o.knownAt } : {}) },
          io,
          o.json === true,
          lang(),
        ),
      )(),
    );

  const audit = program.command("audit");
  audit
    .command("verify")
    .argument("[stream]")
    .option("--file <export>")
    .option("--json")
    .action((stream: string | undefined, o: { file?: string; json?: boolean }) =>
      o.file !== undefined
        ? auditVerifyFile(o.file, io, o.json === true, lang()).then(setExit)
        : withStore((s) => auditVerify(s, stream, io, o.json === true, lang()), "evidence")(),
    );
  audit
    .command("seal")
    .addOption(
      new Option("--as <unit/role/person>")
        .argParser(parseActor)
        .default({ unit: "AUDIT", role: "office", person: userInfo().username }, "AUDIT/office/<login>"),
    )
    .option("--sign <keyId>")
    .option("--key <file>")
    .option("--json")
    .action((o: { as: Actor; sign?: string; key?: string; json?: boolean }) => {
      if ((o.sign === undefined) !== (o.key === undefined)) throw usage("SIGN_NEEDS_KEY", {});
      const signer = o.sign === undefined ? undefined : fileSigner(o.sign, o.key!);
      return withStore((s) => auditSeal(s, o.as, io, o.json === true, lang(), signer), "writes")();
    });
  audit
    .command("export")
    .argument("<file>")
    .option("--prefix <streamPrefix>")
    .addOption(new Option("--known-at <date>").argParser(dateOption("--known-at")))
    .option("--reveal")
    .option("--legal-basis <text>")
    .addOption(new Option("--as <unit/role/person>").argParser(parseActor))
    .option("--export-id <id>")
    .option("--json")
    .action(
      (
        file: string,
        o: {
          prefix?: string;
          knownAt?: string;
          reveal?: boolean;
          legalBasis?: string;
          as?: Actor;
          exportId?: string;
          json?: boolean;
        },
      ) => {
        const selection = {
          ...(o.prefix ? { streamPrefix: o.prefix } : {}),
          ...(o.knownAt ? { knownAt: o.knownAt } : {}),
        };
        if (o.reveal !== true) {
          for (const [option, value] of [
            ["--legal-basis", o.legalBasis],
            ["--as", o.as],
            ["--export-id", o.exportId],
          ] as const)
            if (value !== undefined) throw usage("REVEAL_OPTION_WITHOUT_REVEAL", { option });
          return withStore((s) => auditExport(s, file, selection, io, lang()), "evidence")();
        }
        if (o.legalBasis === undefined || o.legalBasis.trim() === "")
          throw usage("REVEAL_NEEDS", { option: "--legal-basis" });
        if (o.as === undefined) throw usage("REVEAL_NEEDS", { option: "--as" });
        const reveal = {
          legalBasis: o.legalBasis,
          as: o.as,
          ...(o.exportId === undefined ? {} : { exportId: o.exportId }),
        };
        return withStore(
          (s) => auditExportRevealed(s, file, selection, reveal, io, o.json === true, lang()),
          "writes",
        )();
      },
    );
  audit
    .command("check-export")
    .argument("<file>")
    .option("--json")
    .action((file: string, o: { json?: boolean }) =>
      withStore((s) => auditCheckExport(s, file, io, o.json === true, lang()), "evidence")(),
    );
  audit
    .command("prove")
    .argument("<stream>")
    .argument("<revision>", "", asInt("revision"))
    .action((stream: string, revision: number) =>
      withStore((s) => auditProve(s, stream, revision, io, lang()), "evidence")(),
    );
  audit
    .command("check-proof")
    .argument("<file>")
    .option("--json")
    .action((file: string, o: { json?: boolean }) =>
      auditCheckProof(file, io, o.json === true, lang()).then(setExit),
    );
  audit
    .command("late-entries")
    .requiredOption("--days <n>", "", asInt("--days"))
    .option("--json")
    .action((o: { days: number; json?: boolean }) =>
      withStore((s) => auditLateEntries(s, o.days, io, o.json === true, lang()), "evidence")(),
    );

  const wiring = { io, setExit, withStore, lang, helpLang };
  registerAuditKeyCommands(audit, wiring);
  registerLedgerCommands(program, wiring);
  registerPrivacyCommands(program, wiring);

  registerReport(program, io, withStore, lang);

  return applyHelp(program, helpLang);
};

/** Run the CLI; resolves to the exit code. */
export const runCli = async (argv: ReadonlyArray<string>, io: Io = processIo): Promise<number> => {
  let code: number = EXIT.ok;
  // The help, and an error before or during parsing, speak the language asked for.
  const lang = langOfArgv(argv) ?? langOfEnv();
  const say = MESSAGES[lang];
  const program = buildProgram(
    io,
    (c) => {
      code = c;
    },
    lang,
  );
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 ||
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version"
        ? EXIT.ok
        : EXIT.usage;
    if (error instanceof UsageError) {
      io.err(say.error(cliErrorText(error.coded, lang)));
      return EXIT.usage;
    }
    if (error instanceof CheckFailed) {
      io.err(say.error(error.coded === undefined ? error.message : cliErrorText(error.coded, lang)));
      return EXIT.rejected;
    }
    if (error instanceof LedgerFailure) {
      io.err(say.error(errorText(error.error, lang)));
      return EXIT.rejected;
    }
    io.err(say.error((error as Error).message ?? String(error)));
    if (debug) io.err((error as Error).stack ?? "");
    return EXIT.rejected;
  }
};
