/**
 * `privacy master-key | subjects | check | erase` (docs/privacy.md): the master key file of an
 * encrypted ledger, its data subjects, a check that every encrypted field still decrypts where
 * it stands, and the lawful erasure of a subject's personal data.
 */
import { existsSync, writeFileSync } from "node:fs";
import {
  type Actor,
  AEAD_ALGORITHMS,
  type AeadAlgorithm,
  createCommandHandler,
  decodeCommand,
  type ErasureCommand,
  type EventStore,
  erasePersonalData,
  erasureAggregate,
  listSubjects,
  newMasterKeyFile,
  type Privacy,
  privacyOf,
  type RevealProblem,
  readAllInPages,
  unprotectedOf,
} from "@safety-ledger/core";
import { type Command, Option } from "commander";
import * as E from "fp-ts/lib/Either.js";
import { usage } from "../cli-error-texts";
import { CheckFailed } from "../errors";
import type { CommandWiring } from "../ledger-commands";
import type { Lang } from "../messages";
import { parseActor } from "../options";
import { type Io, table, toJson } from "../output";

const say = (lang: Lang, en: string, zh: string) => (lang === "en" ? en : zh);

/** The ledger's privacy with its keys, or a usage error naming what is missing. */
const keyedPrivacy = (store: EventStore): Privacy => {
  const privacy = privacyOf(store) as Privacy | undefined;
  if (privacy === undefined) throw usage("LEDGER_NOT_ENCRYPTED", {});
  if (!("keys" in privacy)) throw usage("MASTER_KEY_NEEDED", {});
  return privacy;
};

export const privacyMasterKey = (file: string, algorithm: AeadAlgorithm, id: string, io: Io): number => {
  if (existsSync(file)) throw usage("MASTER_KEY_FILE_EXISTS", { file });
  writeFileSync(file, newMasterKeyFile(id, algorithm), { mode: 0o600, flag: "wx" });
  io.out(
    `Wrote the ${algorithm} master key ${id} to ${file} (readable by its owner only). Keep it apart from the ledger and its backups: whoever holds both reads every personal field.`,
  );
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
        [
          say(lang, "subject", "数据主体"),
          say(lang, "kind", "类别"),
          say(lang, "introduced by", "首次记录于"),
          say(lang, "key", "密钥"),
        ],
        subjects.map((s) => [
          s.subject,
          s.kind ?? "",
          s.introducedBy === null
            ? say(lang, "every holder of the role in the record", "该记录中此角色的每一任")
            : `${s.stream}@${s.introducedBy.revision} ${s.introducedBy.type} ${s.introducedBy.on}`,
          s.status === "live" ? say(lang, "live", "有效") : say(lang, "destroyed", "已销毁"),
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
  else if (problems.length === 0)
    io.out(
      say(
        lang,
        `OK: every encrypted field of ${events} events decrypts where it stands.`,
        `通过：${events} 个事件的每个加密字段均可在原位解密。`,
      ),
    );
  else {
    io.out(
      say(
        lang,
        `FAILED: ${problems.length} encrypted fields do not decrypt where they stand:`,
        `未通过：${problems.length} 个加密字段无法在原位解密：`,
      ),
    );
    for (const p of problems)
      io.out(
        `  ${p.stream}@${p.revision} ${p.path} (${p.subject}): ${
          p.code === "KEY_MISSING"
            ? say(lang, "no key for this subject", "没有该数据主体的密钥")
            : say(
                lang,
                "does not authenticate: altered, or moved from another event or field",
                "无法验证：已被篡改，或从其他事件或字段移来",
              )
        }`,
      );
  }
  return problems.length === 0 ? 0 : 1;
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
  else
    io.out(
      say(
        lang,
        `Erased the personal data of ${subject}: its key is destroyed; PersonalDataErased → ${outcome.right.stream}${outcome.right.duplicate ? " (recorded before)" : ""}.`,
        `已依法删除 ${subject} 的个人信息：其密钥已销毁；PersonalDataErased → ${outcome.right.stream}${outcome.right.duplicate ? "（此前已记录）" : ""}。`,
      ),
    );
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
      setExit(privacyMasterKey(file, o.algorithm, o.id, io));
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
