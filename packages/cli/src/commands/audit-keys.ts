/**
 * `audit keygen`, `audit key register|retire` and the signer of `audit seal --sign`. Private
 * keys stay in PEM files the user names: they are read to sign and never written to the ledger,
 * an export or the output.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import {
  type Actor,
  createCommandHandler,
  type EventStore,
  generateSigningKeyPair,
  isDateTime,
  KeyFormatError,
  newId,
  pemSigner,
  publicKeyAlgorithm,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
  type Signer,
  type SigningKeyCommand,
  signingKeyAggregate,
} from "@safety-ledger/core";
import { type Command, Option } from "commander";
import * as E from "fp-ts/lib/Either.js";
import { badArgument, check, usage } from "../cli-error-texts";
import { CheckFailed, UsageError } from "../errors";
import type { CommandWiring } from "../ledger-commands";
import type { Lang } from "../messages";
import { parseActor } from "../options";
import { type Io, toJson } from "../output";
import { RESULT_TEXTS } from "../result-texts";

export const parseSignatureAlgorithm = (value: string): SignatureAlgorithm => {
  const algorithm = SIGNATURE_ALGORITHMS.find((a) => a === value);
  if (algorithm === undefined)
    throw usage("UNKNOWN_SIGNATURE_ALGORITHM", { value, choices: SIGNATURE_ALGORITHMS.join(", ") });
  return algorithm;
};

const readPem = (file: string, what: "public" | "private"): string => {
  if (!existsSync(file)) throw usage("NO_SUCH_KEY_FILE", { file, what });
  return readFileSync(file, "utf8");
};

/** Write a new key pair: `<out>.key.pem` (private, readable by its owner only) and `<out>.pub.pem`. */
export const auditKeygen = (
  algorithm: SignatureAlgorithm,
  out: string,
  io: Io,
  json: boolean,
  lang: Lang,
): number => {
  const privateFile = `${out}.key.pem`;
  const publicFile = `${out}.pub.pem`;
  for (const file of [privateFile, publicFile])
    if (existsSync(file)) throw usage("KEY_FILE_EXISTS", { file });
  const pair = generateSigningKeyPair(algorithm);
  writeFileSync(privateFile, pair.privateKeyPem, { mode: 0o600, flag: "wx" });
  writeFileSync(publicFile, pair.publicKeyPem, { mode: 0o644, flag: "wx" });
  if (json) io.out(toJson({ algorithm, privateKey: privateFile, publicKey: publicFile }));
  else io.out(RESULT_TEXTS[lang].keys.generated(algorithm, privateFile, publicFile));
  return 0;
};

const handleKeyCommand = async (
  store: EventStore,
  command: SigningKeyCommand,
  actor: Actor,
  io: Io,
  json: boolean,
  done: string,
): Promise<number> => {
  const outcome = await createCommandHandler(store)(signingKeyAggregate, {
    command,
    commandId: newId(),
    actor,
    occurredAt: new Date().toISOString(),
  });
  if (E.isLeft(outcome)) throw CheckFailed.of(outcome.left);
  if (json) io.out(toJson({ ok: true, type: command.type, keyId: command.data.keyId }));
  else io.out(done);
  return 0;
};

export const auditKeyRegister = async (
  store: EventStore,
  keyId: string,
  options: {
    readonly publicKey: string;
    readonly owner: string;
    readonly validFrom: string;
    readonly validUntil?: string;
    readonly as: Actor;
  },
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  const publicKey = readPem(options.publicKey, "public");
  let algorithm: SignatureAlgorithm;
  try {
    algorithm = publicKeyAlgorithm(publicKey);
  } catch (error) {
    throw check("KEY_FILE_UNREADABLE", {
      file: options.publicKey,
      ...(error instanceof KeyFormatError ? { detail: error.message } : {}),
    });
  }
  return handleKeyCommand(
    store,
    {
      type: "RegisterSigningKey",
      data: {
        keyId,
        algorithm,
        publicKey,
        ownerUnit: options.owner,
        validFrom: options.validFrom,
        ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
      },
    },
    options.as,
    io,
    json,
    RESULT_TEXTS[lang].keys.registered(
      algorithm,
      keyId,
      options.owner,
      options.validFrom,
      options.validUntil,
    ),
  );
};

export const auditKeyRetire = (
  store: EventStore,
  keyId: string,
  reason: string,
  actor: Actor,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> =>
  handleKeyCommand(
    store,
    { type: "RetireSigningKey", data: { keyId, reason } },
    actor,
    io,
    json,
    RESULT_TEXTS[lang].keys.retired(keyId),
  );

/** The signer of `audit seal --sign KEY --key FILE`. */
export const fileSigner = (keyId: string, file: string): Signer => {
  try {
    return pemSigner(keyId, readPem(file, "private"));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw check("KEY_FILE_UNREADABLE", {
      file,
      ...(error instanceof KeyFormatError ? { detail: error.message } : {}),
    });
  }
};

const instantOption =
  (name: string) =>
  (value: string): string => {
    if (!isDateTime(value)) throw badArgument("BAD_INSTANT", { name });
    return value;
  };

const asOption = () =>
  new Option("--as <unit/role/person>")
    .argParser(parseActor)
    .default({ unit: "AUDIT", role: "office", person: userInfo().username }, "AUDIT/office/<login>");

/** `audit keygen` and `audit key register|retire`. */
export const registerAuditKeyCommands = (
  audit: Command,
  { io, setExit, withStore, lang }: CommandWiring,
): void => {
  audit
    .command("keygen")
    .addOption(new Option("--algorithm <algorithm>").argParser(parseSignatureAlgorithm).makeOptionMandatory())
    .requiredOption("--out <path>")
    .option("--json")
    .action((o: { algorithm: SignatureAlgorithm; out: string; json?: boolean }) =>
      setExit(auditKeygen(o.algorithm, o.out, io, o.json === true, lang())),
    );
  const key = audit.command("key");
  key
    .command("register")
    .argument("<keyId>")
    .requiredOption("--public-key <file>")
    .requiredOption("--owner <unit>")
    .addOption(new Option("--valid-from <instant>").argParser(instantOption("--valid-from")))
    .addOption(new Option("--valid-until <instant>").argParser(instantOption("--valid-until")))
    .addOption(asOption())
    .option("--json")
    .action(
      (
        keyId: string,
        o: {
          publicKey: string;
          owner: string;
          validFrom?: string;
          validUntil?: string;
          as: Actor;
          json?: boolean;
        },
      ) =>
        withStore(
          (s) =>
            auditKeyRegister(
              s,
              keyId,
              {
                publicKey: o.publicKey,
                owner: o.owner,
                validFrom: o.validFrom ?? new Date().toISOString(),
                ...(o.validUntil === undefined ? {} : { validUntil: o.validUntil }),
                as: o.as,
              },
              io,
              o.json === true,
              lang(),
            ),
          "writes",
        )(),
    );
  key
    .command("retire")
    .argument("<keyId>")
    .requiredOption("--reason <text>")
    .addOption(asOption())
    .option("--json")
    .action((keyId: string, o: { reason: string; as: Actor; json?: boolean }) =>
      withStore((s) => auditKeyRetire(s, keyId, o.reason, o.as, io, o.json === true, lang()), "writes")(),
    );
};
