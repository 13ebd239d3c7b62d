/**
 * `privacy master-key | rotate-master-key | subjects | check | erase` (docs/privacy.md): the
 * master key file of an encrypted ledger and its rotation, its data subjects, a check that every encrypted field still decrypts where
 * it stands, and the lawful erasure of a subject's personal data.
 */
import { randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import {
  type Actor,
  AEAD_ALGORITHMS,
  type AeadAlgorithm,
  checkRole,
  createCommandHandler,
  decodeCommand,
  decodeMasterKeyRotation,
  type ErasureCommand,
  type EventStore,
  erasePersonalData,
  erasureAggregate,
  errorText,
  ledgerPermissions,
  listSubjects,
  newMasterKeyFile,
  type Privacy,
  privacyOf,
  type RevealProblem,
  readAllInPages,
  recordMasterKeyRotation,
  unprotectedOf,
} from "@safety-ledger/core";
import { type Command, Option } from "commander";
import * as E from "fp-ts/lib/Either.js";
import { check, usage } from "../cli-error-texts";
import { CheckFailed } from "../errors";
import type { CommandWiring } from "../ledger-commands";
import { MASTER_KEY_ENV, masterKeyOfFile } from "../ledger-privacy";
import { headsIn, type Lang } from "../messages";
import { parseActor } from "../options";
import { type Io, table, toJson } from "../output";
import { RESULT_TEXTS } from "../result-texts";

/** The ledger's privacy with its keys, or a usage error naming what is missing. */
export const keyedPrivacy = (store: EventStore): Privacy => {
  const privacy = privacyOf(store) as Privacy | undefined;
  if (privacy === undefined) throw usage("LEDGER_NOT_ENCRYPTED", {});
  if (!("keys" in privacy)) throw usage("MASTER_KEY_NEEDED", {});
  return privacy;
};

export const privacyMasterKey = (
  file: string,
  algorithm: AeadAlgorithm,
  id: string,
  io: Io,
  lang: Lang,
): number => {
  if (existsSync(file)) throw usage("MASTER_KEY_FILE_EXISTS", { file });
  writeFileSync(file, newMasterKeyFile(id, algorithm), { mode: 0o600, flag: "wx" });
  io.out(RESULT_TEXTS[lang].privacy.masterKey(algorithm, id, file));
  return 0;
};

export const privacySubjects = async (
  store: EventStore,
  prefix: string | undefined,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  const subjects = await listSubjects(store, keyedPrivacy(store).keys, prefix ?? "");
  if (json) io.out(toJson(subjects));
  else
    io.out(
      table(
        headsIn(lang, ["subject", "kind", "introduced by", "key"]),
        subjects.map((s) => [
          s.subject,
          s.kind ?? "",
          s.introducedBy === null
            ? RESULT_TEXTS[lang].privacy.everyHolder
            : `${s.stream}@${s.introducedBy.revision} ${s.introducedBy.type} ${s.introducedBy.on}`,
          s.status === "live" ? RESULT_TEXTS[lang].privacy.live : RESULT_TEXTS[lang].privacy.destroyed,
        ]),
      ),
    );
  return 0;
};

/** Every encrypted field of the ledger decrypted where it stands; each that does not is a finding. */
export const privacyCheck = async (store: EventStore, io: Io, json: boolean, lang: Lang): Promise<number> => {
  const privacy = keyedPrivacy(store);
  const problems: RevealProblem[] = [];
  let events = 0;
  for await (const page of readAllInPages(unprotectedOf(store)))
    for (const event of page) {
      events += 1;
      problems.push(...(await privacy.check(event)));
    }
  if (json) io.out(toJson({ ok: problems.length === 0, events, problems }));
  else if (problems.length === 0) io.out(RESULT_TEXTS[lang].privacy.checked(events));
  else {
    const say = RESULT_TEXTS[lang].privacy;
    io.out(say.failed(problems.length));
    for (const p of problems)
      io.out(
        `  ${p.stream}@${p.revision} ${p.path} (${p.subject}): ${
          p.code === "KEY_MISSING" ? say.noKey : say.notAuthentic
        }`,
      );
  }
  return problems.length === 0 ? 0 : 1;
};

/**
 * Master-key rotation: every live data key rewrapped under the key of `newKeyFile`, in one
 * transaction; from then on only that key opens the ledger (destroyed keys stay destroyed).
 */
export const privacyRotateMasterKey = async (
  store: EventStore,
  currentKeyFile: string | undefined,
  newKeyFile: string,
  actor: Actor,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  const privacy = keyedPrivacy(store);
  const next = masterKeyOfFile(newKeyFile);
  const current = currentKeyFile === undefined ? undefined : masterKeyOfFile(currentKeyFile);
  if (current !== undefined && current.id === next.id) throw usage("MASTER_KEY_SAME_ID", { id: next.id });
  if (next.fingerprint === undefined) throw usage("MASTER_KEY_NO_FINGERPRINT", { id: next.id });
  const record = (rewrapped: number, destroyed: number) => ({
    fromKeyId: current?.id ?? "",
    toKeyId: next.id,
    fingerprint: { algorithm: "sha256" as const, hex: next.fingerprint! },
    rewrapped,
    destroyed,
  });
  const context = {
    actor,
    occurredAt: new Date().toISOString(),
    commandId: `rotate-master-key:${next.id}:${randomUUID()}`,
  };
  // who may record it is checked before any key is rewrapped: a refusal changes nothing
  const allowed = checkRole(ledgerPermissions, "RecordMasterKeyRotation", context);
  if (E.isLeft(allowed)) throw CheckFailed.of(allowed.left);
  const valid = decodeMasterKeyRotation(record(0, 0));
  if (E.isLeft(valid)) throw CheckFailed.of(valid.left);
  const { rewrapped, destroyed } = await privacy.keys.rewrap(next);
  const recorded = await recordMasterKeyRotation(createCommandHandler(store), {
    command: { type: "RecordMasterKeyRotation", data: record(rewrapped, destroyed) },
    ...context,
  });
  // the keys are rewrapped already: say so, and that the record failed
  if (E.isLeft(recorded))
    throw check("MASTER_KEY_ROTATION_UNRECORDED", {
      id: next.id,
      reason: errorText(recorded.left, lang),
    });
  const { stream } = recorded.right;
  if (json)
    io.out(toJson({ masterKeyId: next.id, rewrapped, destroyed, stream, fingerprint: next.fingerprint }));
  else {
    io.out(RESULT_TEXTS[lang].privacy.rotated(next.id, rewrapped, destroyed, newKeyFile));
    io.out(RESULT_TEXTS[lang].privacy.rotationRecorded(stream, next.fingerprint));
  }
  return 0;
};

export interface EraseOptions {
  readonly legalBasis: string;
  readonly appraisal: string;
  readonly approvedBy: ReadonlyArray<string>;
  readonly as: Actor;
  readonly on?: string;
  readonly commandId?: string;
}

export const privacyErase = async (
  store: EventStore,
  subject: string,
  o: EraseOptions,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  const privacy = keyedPrivacy(store);
  const decoded = decodeCommand(erasureAggregate, "ErasePersonalData", {
    subject,
    legalBasis: o.legalBasis,
    appraisalReference: o.appraisal,
    approvingUnits: o.approvedBy,
  });
  if (E.isLeft(decoded))
    throw o.approvedBy.length !== 2 || o.approvedBy[0]?.trim() === o.approvedBy[1]?.trim()
      ? usage("TWO_APPROVING_UNITS", {})
      : CheckFailed.of(decoded.left);
  const occurredAt = o.on ?? new Date().toISOString();
  const outcome = await erasePersonalData(
    store,
    privacy.keys,
    createCommandHandler(store),
    {
      command: decoded.right as ErasureCommand,
      actor: o.as,
      occurredAt,
      commandId: o.commandId ?? `erase:${subject}`,
    },
    { destroy: privacy.destroy },
  );
  if (E.isLeft(outcome)) throw CheckFailed.of(outcome.left);
  const event = outcome.right.events[0];
  if (json)
    io.out(toJson({ subject, stream: outcome.right.stream, duplicate: outcome.right.duplicate, event }));
  else io.out(RESULT_TEXTS[lang].privacy.erased(subject, outcome.right.stream, outcome.right.duplicate));
  return 0;
};

export const registerPrivacyCommands = (
  program: Command,
  { io, setExit, withStore, lang }: CommandWiring,
): void => {
  const privacy = program.command("privacy");
  privacy
    .command("master-key")
    .argument("<file>")
    .addOption(new Option("--algorithm <algorithm>").choices(AEAD_ALGORITHMS).default("sm4-gcm"))
    .option("--id <id>", "", "master-1")
    .action((file: string, o: { algorithm: AeadAlgorithm; id: string }) => {
      setExit(privacyMasterKey(file, o.algorithm, o.id, io, lang()));
    });
  privacy
    .command("rotate-master-key")
    .argument("<new-key-file>")
    .addOption(
      new Option("--as <unit/role/person>")
        .argParser(parseActor)
        .default({ unit: "AUDIT", role: "office", person: userInfo().username }, "AUDIT/office/<login>"),
    )
    .option("--json")
    .action((file: string, o: { as: Actor; json?: boolean }) => {
      const current =
        program.opts<{ masterKey?: string }>().masterKey ?? (process.env[MASTER_KEY_ENV] || undefined);
      return withStore(
        (s) => privacyRotateMasterKey(s, current, file, o.as, io, o.json === true, lang()),
        "writes",
      )();
    });
  privacy
    .command("subjects")
    .argument("[prefix]")
    .option("--json")
    .action((prefix: string | undefined, o: { json?: boolean }) =>
      withStore((s) => privacySubjects(s, prefix, io, o.json === true, lang()))(),
    );
  privacy
    .command("check")
    .option("--json")
    .action((o: { json?: boolean }) => withStore((s) => privacyCheck(s, io, o.json === true, lang()))());
  privacy
    .command("erase")
    .argument("<subject>")
    .requiredOption("--legal-basis <text>")
    .requiredOption("--appraisal <reference>")
    .requiredOption("--approved-by <unit>", "", (v: string, prev: string[] = []) => [...prev, v])
    .requiredOption("--as <unit/role/person>", "", parseActor)
    .option("--on <date-time>")
    .option("--command-id <id>")
    .option("--json")
    .action((subject: string, o: EraseOptions & { json?: boolean }) =>
      withStore((s) => privacyErase(s, subject, o, io, o.json === true, lang()), "writes")(),
    );
};
