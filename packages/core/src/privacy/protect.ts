/**
 * Personal fields encrypted before the chain and revealed after reading (docs/privacy.md): the
 * write side (`FieldProtection.protect`, called by the command handler before it hashes) and the
 * read side (`protectedStore`'s reads, before the codecs decode) walk the same registry paths
 * and recognise the same stored form (`EncryptedFieldCodec`).
 */
import * as E from "fp-ts/lib/Either.js";
import type { AeadAlgorithm } from "../crypto/aead";
import {
  type EncryptedField,
  EncryptedFieldCodec,
  type FieldCipher,
  softwareFieldCipher,
} from "../crypto/field-cipher";
import type { EncodedEvent } from "../kernel/codec-registry";
import type { Json, StoredEvent } from "../kernel/envelope";
import { errorsOf } from "../kernel/error-texts";
import { type LedgerError, LedgerFailure } from "../kernel/errors";
import type { EventStore, PagedReadingStore, PagedStreamReadingStore } from "../kernel/event-store";
import {
  type EventToProtect,
  type FieldProtection,
  markKeysUsed,
  markRevealed,
  type ProtectingStore,
} from "../kernel/field-protection";
import { KERNEL_ERROR_TEXTS } from "../kernel/kernel-error-texts";
import { erasedFieldOf, isErasedField } from "./erased-field";
import {
  currentPersonsOf,
  type DataSubjectKind,
  PERSONAL_FIELDS,
  type PersonalField,
} from "./personal-fields";
import { PRIVACY_ERROR_TEXTS } from "./privacy-error-texts";
import { personSubjectId } from "./subject-ids";
import type { SubjectKeyLookup, SubjectKeyStore } from "./subject-keys";

const { error: privacyError } = errorsOf(PRIVACY_ERROR_TEXTS);
const { error: kernelError } = errorsOf(KERNEL_ERROR_TEXTS);

/** The revealed value of a field whose subject's key was destroyed, by language. */
export const ERASED_TEXT = { "zh-CN": "已依法删除", en: "erased" } as const;

interface CompiledField extends PersonalField {
  readonly segments: ReadonlyArray<{ readonly key: string; readonly each: boolean }>;
}

const compile = (field: PersonalField): CompiledField => ({
  ...field,
  segments: field.path
    .split(".")
    .map((s) => (s.endsWith("[]") ? { key: s.slice(0, -2), each: true } : { key: s, each: false })),
});

/** Registered personal fields by `type@schemaVersion`, compiled once. */
const FIELDS = new Map<string, ReadonlyArray<CompiledField>>(
  PERSONAL_FIELDS.filter((e) => Object.keys(e.personal).length > 0).map((e) => [
    `${e.type}@${e.schemaVersion}`,
    Object.entries(e.personal).map(([path, subject]) => compile({ path, subject })),
  ]),
);

const fieldsOf = (type: string, schemaVersion: number) => FIELDS.get(`${type}@${schemaVersion}`);

type Leaf = (value: Json, path: string) => Json;

/** The value with `leaf` applied to every value present at the field's path (a copy where changed). */
const mapAt = (
  value: Json,
  segments: CompiledField["segments"],
  i: number,
  leaf: Leaf,
  path: string,
): Json => {
  if (i === segments.length) return leaf(value, path);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const { key, each } = segments[i]!;
  const record = value as { readonly [key: string]: Json };
  if (!(key in record) || record[key] === undefined) return value;
  const inner = record[key]!;
  const next = each
    ? Array.isArray(inner)
      ? inner.map((v, n) => mapAt(v, segments, i + 1, leaf, `${path}${key}[${n}].`))
      : inner
    : mapAt(inner, segments, i + 1, leaf, `${path}${key}.`);
  return next === inner ? value : { ...record, [key]: next };
};

/** A stored value that has the shape of an `EncryptedField` (the codec checks it fully before decrypting). */
const isEncryptedShape = (v: Json): boolean =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  (v as { encrypted?: unknown }).encrypted === 1 &&
  typeof (v as { keyId?: unknown }).keyId === "string";

/** The stored form of an encrypted field, checked without the codec's Base64 scans (a bad Base64 does not authenticate). */
const isEncryptedField = (v: Json): boolean => {
  if (!isEncryptedShape(v)) return false;
  const f = v as Record<string, Json>;
  return (
    (f.algorithm === "sm4-gcm" || f.algorithm === "aes-256-gcm") &&
    typeof f.iv === "string" &&
    typeof f.ciphertext === "string" &&
    typeof f.tag === "string"
  );
};

const pathOf = (path: string) => (path.endsWith(".") ? path.slice(0, -1) : path);

/** The person a field's path belongs to: the object holding it (`principal`, `casualties[2]`; `` for the event itself). */
const personOfPath = (path: string) => (path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "");

/** A person's place without array indexes (`casualties[]`), as the registry names it. */
const patternOfPerson = (person: string) => person.replace(/\[\d+\]/g, "[]");

/** The index of a person in an array of persons (`casualties[2]` → 2). */
const indexOfPerson = (person: string): number | undefined => {
  const m = /\[(\d+)\]$/.exec(person);
  return m === null ? undefined : Number(m[1]);
};

/** The persons holding a value of the field in an event's data. */
const personsAt = (data: Json, field: CompiledField): string[] => {
  const persons: string[] = [];
  mapAt(
    data,
    field.segments,
    0,
    (v, at) => {
      persons.push(personOfPath(pathOf(at)));
      return v;
    },
    "",
  );
  return persons;
};

/** The subject of the first person of a kind the event names anew (not as the record's current holder). */
const introducedSubjectOf = (event: StoredEvent, kind: DataSubjectKind): string | undefined => {
  const fields = fieldsOf(event.type, event.schemaVersion);
  if (fields === undefined) return undefined;
  const current = currentPersonsOf(event.type, event.schemaVersion);
  let found: string | undefined;
  for (const field of fields)
    if (field.subject === kind)
      mapAt(
        event.data,
        field.segments,
        0,
        (v, at) => {
          if (
            found === undefined &&
            isEncryptedShape(v) &&
            !current.includes(patternOfPerson(personOfPath(pathOf(at))))
          )
            found = (v as { keyId: string }).keyId;
          return v;
        },
        "",
      );
  return found;
};

export interface PrivacyOptions {
  readonly keys: SubjectKeyStore;
  /** The ledger's algorithm for new data keys (its `LedgerCreated.fieldEncryption`). */
  readonly algorithm: AeadAlgorithm;
  readonly cipher?: FieldCipher;
  /** What an erased value reads as (default `已依法删除`). */
  readonly erasedText?: string;
}

/** A field that did not decrypt: where it is and why. */
export interface RevealProblem {
  readonly stream: string;
  readonly revision: number;
  readonly eventId: string;
  readonly path: string;
  readonly subject: string;
  readonly code: "NOT_AUTHENTIC" | "WRONG_KEY" | "KEY_MISSING";
}

export interface Privacy extends FieldProtection {
  /** The event with every encrypted field revealed (or the erased text); throws LedgerFailure when one does not decrypt. */
  reveal(event: StoredEvent): Promise<StoredEvent>;
  /** The same at once when every key it needs is known here; undefined when a key must be looked up. */
  revealNow?(event: StoredEvent): StoredEvent | undefined;
  /** The fields of an event that do not decrypt (none for a sound event; erased ones are sound). */
  check(event: StoredEvent): Promise<ReadonlyArray<RevealProblem>>;
  /** Destroy a subject's key (and forget it here). */
  destroy(subject: string, at: string): Promise<void>;
  /**
   * Look at the key store's erasure mark (one read) and, when a key was destroyed since the
   * last look (by any process), forget every key looked up here. Each read of a store decorated
   * by `protectedStore`, each read of revealing tables and each check of a handler's cache does
   * this first, so a process that stays up never reveals with a key destroyed elsewhere.
   */
  noticeErasures?(): Promise<void>;
  readonly keys: SubjectKeyStore;
}

export const createPrivacy = (options: PrivacyOptions): Privacy => {
  const { keys, algorithm } = options;
  const cipher = options.cipher ?? softwareFieldCipher();
  const erasedText = options.erasedText ?? ERASED_TEXT["zh-CN"];
  const known = new Map<string, SubjectKeyLookup>();
  /** The key store's erasure mark `known` holds for (undefined: not read yet). */
  let mark: string | undefined;
  /** Counted up each time `known` is forgotten: a look-up begun before then does not fill it. */
  let generation = 0;
  const remember = (since: number, subject: string, found: SubjectKeyLookup) => {
    if (since === generation) known.set(subject, found);
  };
  const noticeErasures = async (): Promise<void> => {
    const now = await keys.erasureMark();
    if (now === mark) return;
    mark = now;
    known.clear();
    generation += 1;
  };
  /** The subjects among these whose keys are live here (the values revealed with them are clear). */
  const liveOf = (subjects: Iterable<string>): string[] =>
    [...subjects].filter((subject) => known.get(subject)?.status === "live");
  const lookup = async (subject: string): Promise<SubjectKeyLookup> => {
    let found = known.get(subject);
    if (found === undefined) {
      const since = generation;
      found = await keys.lookup(subject);
      if (found.status !== "none") remember(since, subject, found);
    }
    return found;
  };

  /** The subject of the record's current holder of a kind: the last person of that kind its stream named anew. */
  const currentSubjectOf = async (
    stream: string,
    kind: DataSubjectKind,
    history: EventStore | undefined,
  ): Promise<string | undefined> => {
    if (history === undefined) return undefined;
    for await (const stored of unprotectedOf(history).readStream(stream, { direction: "backwards" })) {
      const found = introducedSubjectOf(stored, kind);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  const protectOne = async (
    stream: string,
    event: EventToProtect,
    /** Kind → the subject of its current holder, as the events before this one in the batch leave it. */
    batch: Map<DataSubjectKind, string>,
    history: EventStore | undefined,
  ): Promise<E.Either<LedgerError, EncodedEvent>> => {
    const fields = fieldsOf(event.type, event.schemaVersion);
    if (fields === undefined) return E.right(event);
    const current = currentPersonsOf(event.type, event.schemaVersion);
    // Each person of the event (the object holding their fields) and their subject.
    const subjectOfPerson = new Map<string, string>();
    const introduced = new Map<DataSubjectKind, string>();
    const currentSubjects = new Set<string>();
    for (const field of fields)
      for (const person of personsAt(event.data, field)) {
        if (subjectOfPerson.has(person)) continue;
        let subject: string | undefined;
        if (current.includes(patternOfPerson(person)))
          subject = batch.get(field.subject) ?? (await currentSubjectOf(stream, field.subject, history));
        if (subject !== undefined) currentSubjects.add(subject);
        if (subject === undefined) {
          subject = personSubjectId(stream, field.subject, event.id, indexOfPerson(person));
          introduced.set(field.subject, subject);
        }
        subjectOfPerson.set(person, subject);
      }
    const keyOf = new Map<string, SubjectKeyLookup>();
    for (const subject of new Set(subjectOfPerson.values())) {
      let key = known.get(subject);
      if (key?.status !== "live") {
        const since = generation;
        key = await keys.dataKeyFor(subject, algorithm);
        remember(since, subject, key);
      }
      keyOf.set(subject, key);
    }
    let refused: LedgerError | undefined;
    let data = event.data;
    for (const field of fields)
      data = mapAt(
        data,
        field.segments,
        0,
        (v, at) => {
          if (EncryptedFieldCodec.is(v) || isErasedField(v)) return v;
          const path = pathOf(at);
          const subject = subjectOfPerson.get(personOfPath(path))!;
          const key = keyOf.get(subject)!;
          if (key.status === "live")
            return cipher.encrypt(v, key.key, { stream, eventId: event.id, path }) as unknown as Json;
          // The record's current holder named again (the former principal of a change) after their
          // erasure: recorded as erased, whatever the decider copied (the erased text, or a value
          // a handler folded before the erasure).
          if (key.status === "destroyed" && currentSubjects.has(subject)) return erasedFieldOf(subject);
          refused ??= privacyError(
            "PERSONAL_DATA_ERASED",
            { subject, on: key.status === "destroyed" ? key.destroyedAt.slice(0, 10) : "" },
            field.path,
          );
          return v;
        },
        "",
      );
    if (refused !== undefined) return E.left(refused);
    for (const [kind, subject] of introduced) batch.set(kind, subject);
    const used = [...keyOf].filter(([, k]) => k.status === "live").map(([subject]) => subject);
    return E.right(markKeysUsed({ type: event.type, schemaVersion: event.schemaVersion, data }, used));
  };

  const revealWith = (
    event: StoredEvent,
    fields: ReadonlyArray<CompiledField>,
    keyOf: (subject: string) => SubjectKeyLookup,
    onProblem: (problem: RevealProblem) => void,
  ): Json => {
    let data = event.data;
    for (const field of fields)
      data = mapAt(
        data,
        field.segments,
        0,
        (stored, at) => {
          if (isErasedField(stored)) return erasedText;
          if (!isEncryptedField(stored)) return stored;
          const v = stored as unknown as EncryptedField;
          const path = pathOf(at);
          const found = keyOf(v.keyId);
          const where = {
            stream: event.stream,
            revision: event.revision,
            eventId: event.id,
            path,
            subject: v.keyId,
          };
          if (found.status === "destroyed") return erasedText;
          if (found.status === "none") {
            onProblem({ ...where, code: "KEY_MISSING" });
            return stored;
          }
          const clear = cipher.decrypt(v, found.key, { stream: event.stream, eventId: event.id, path });
          if (E.isLeft(clear)) {
            onProblem({ ...where, code: clear.left.code });
            return stored;
          }
          return clear.right;
        },
        "",
      );
    return data;
  };

  const revealData = async (
    event: StoredEvent,
    onProblem: (problem: RevealProblem) => void,
  ): Promise<Json> => {
    const fields = fieldsOf(event.type, event.schemaVersion);
    if (fields === undefined) return event.data;
    const subjects = encryptedSubjectsOf(event);
    if (subjects.size === 0) return event.data;
    const found = new Map<string, SubjectKeyLookup>();
    for (const subject of subjects) found.set(subject, await lookup(subject));
    return revealWith(event, fields, (subject) => found.get(subject)!, onProblem);
  };

  const failRead = (p: RevealProblem): never => {
    throw new LedgerFailure(
      privacyError(p.code === "KEY_MISSING" ? "PERSONAL_DATA_KEY_MISSING" : "PERSONAL_DATA_NOT_AUTHENTIC", {
        stream: p.stream,
        revision: p.revision,
        path: p.path,
        subject: p.subject,
      }),
    );
  };

  return {
    keys,
    protect: async (stream, events, context) => {
      const out = new Array<EncodedEvent>(events.length);
      const batch = new Map<DataSubjectKind, string>();
      for (let i = 0; i < events.length; i++) {
        const one = await protectOne(stream, events[i]!, batch, context?.store);
        if (E.isLeft(one)) return one;
        out[i] = one.right;
      }
      return E.right(out);
    },
    reveal: async (event) => {
      const fields = fieldsOf(event.type, event.schemaVersion);
      if (fields === undefined) return event;
      const data = await revealData(event, failRead);
      return data === event.data
        ? event
        : markRevealed({ ...event, data }, event, liveOf(encryptedSubjectsOf(event)));
    },
    revealNow: (event) => {
      const fields = fieldsOf(event.type, event.schemaVersion);
      if (fields === undefined) return event;
      const subjects = encryptedSubjectsOf(event);
      for (const subject of subjects) if (!known.has(subject)) return undefined;
      const data = revealWith(event, fields, (subject) => known.get(subject)!, failRead);
      return data === event.data ? event : markRevealed({ ...event, data }, event, liveOf(subjects));
    },
    check: async (event) => {
      const problems: RevealProblem[] = [];
      await revealData(event, (p) => problems.push(p));
      return problems;
    },
    destroy: async (subject, at) => {
      await keys.destroy(subject, at);
      known.delete(subject);
    },
    noticeErasures,
    // One read of the erasure mark; a key is looked up again only when it is not known live
    // since the last erasure anywhere (known was forgotten then).
    stillRevealable: async (subjects) => {
      await noticeErasures();
      let all = true;
      for (const subject of subjects) {
        if (known.get(subject)?.status === "live") continue;
        const since = generation;
        const now = await keys.lookup(subject);
        if (now.status === "live") {
          remember(since, subject, now);
          continue;
        }
        all = false;
        if (now.status === "destroyed") remember(since, subject, now);
        else known.delete(subject);
      }
      return all;
    },
  };
};

/** What a store decorated by `protectedStore` does: reveal on reading, protect on writing. */
export type StorePrivacy = Pick<
  Privacy,
  "reveal" | "revealNow" | "protect" | "stillRevealable" | "noticeErasures"
>;

/**
 * The privacy of an encrypted ledger read without its keys: encrypted fields read as
 * `ENCRYPTED_PLACEHOLDER`, and a command whose events hold a personal value is refused
 * (`PERSONAL_DATA_KEYS_REQUIRED`); commands without personal values (a seal, a task's progress)
 * go in.
 */
export const keylessPrivacy = (algorithm: AeadAlgorithm): StorePrivacy => ({
  reveal: async (event) => {
    const masked = maskEncryptedFields(event);
    return masked === event ? event : markRevealed(masked, event);
  },
  revealNow: (event) => {
    const masked = maskEncryptedFields(event);
    return masked === event ? event : markRevealed(masked, event);
  },
  protect: async (_stream, events) => {
    for (const event of events) {
      const fields = fieldsOf(event.type, event.schemaVersion);
      if (fields === undefined) continue;
      for (const field of fields) {
        let present = false;
        mapAt(
          event.data,
          field.segments,
          0,
          (v) => {
            present = true;
            return v;
          },
          "",
        );
        if (present)
          return E.left({
            ...kernelError("PERSONAL_DATA_KEYS_REQUIRED", { algorithm }),
            field: `data.${field.path}`,
          });
      }
    }
    return E.right(events.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data })));
  },
});

/**
 * Events a subscription reveals between two looks at the erasure mark. Events appended after an
 * erasure hold no value under the destroyed key (no process encrypts with it once it has looked),
 * so only a subscription still catching up over older events can meet one: at most this many.
 */
const NOTICE_EVERY = 500;

/**
 * The store with its ledger's privacy: commands through any handler on it encrypt personal
 * fields before the chain, and its reads reveal them. Audit reads (chains, seals, exports) go to
 * the undecorated store: they check the bytes as stored.
 */
export const protectedStore = <S extends EventStore>(
  store: S,
  privacy: StorePrivacy,
): S & ProtectingStore => {
  const out = Object.create(store) as S & ProtectingStore & Record<string, unknown>;
  const now = privacy.revealNow?.bind(privacy) ?? (() => undefined);
  const notice = privacy.noticeErasures?.bind(privacy) ?? (async () => undefined);
  // each read looks at the erasure mark once, before it reveals
  const revealAll = async function* (events: AsyncIterable<StoredEvent>) {
    await notice();
    for await (const e of events) yield now(e) ?? (await privacy.reveal(e));
  };
  /** A subscription's events: the mark looked at when it starts and every so many events after. */
  const revealFollowed = async function* (events: AsyncIterable<StoredEvent>) {
    let since = NOTICE_EVERY;
    for await (const e of events) {
      if (since++ >= NOTICE_EVERY) {
        await notice();
        since = 1;
      }
      yield now(e) ?? (await privacy.reveal(e));
    }
  };
  const revealPages = async function* (pages: AsyncIterable<ReadonlyArray<StoredEvent>>) {
    await notice();
    for await (const page of pages) {
      const revealed = new Array<StoredEvent>(page.length);
      for (let i = 0; i < page.length; i++) revealed[i] = now(page[i]!) ?? (await privacy.reveal(page[i]!));
      yield revealed;
    }
  };
  Object.defineProperties(out, {
    fieldProtection: { value: privacy },
    privacy: { value: privacy },
    unprotected: { value: store },
    readStream: { value: (stream: string, o?: object) => revealAll(store.readStream(stream, o)) },
    readAll: { value: (o?: object) => revealAll(store.readAll(o)) },
    subscribeToAll: {
      value: (o?: object) => {
        const subscription = store.subscribeToAll(o);
        return {
          close: () => subscription.close(),
          [Symbol.asyncIterator]: () => revealFollowed(subscription)[Symbol.asyncIterator](),
        };
      },
    },
    close: { value: () => store.close() },
    append: { value: store.append.bind(store) },
  });
  const paged = store as unknown as Partial<PagedReadingStore & PagedStreamReadingStore>;
  if (typeof paged.readAllPages === "function") {
    const readAllPages = paged.readAllPages.bind(store);
    Object.defineProperty(out, "readAllPages", { value: (o?: object) => revealPages(readAllPages(o)) });
  }
  if (typeof paged.readStreamPages === "function") {
    const readStreamPages = paged.readStreamPages.bind(store);
    Object.defineProperty(out, "readStreamPages", {
      value: (stream: string, o?: object) => revealPages(readStreamPages(stream, o)),
    });
  }
  return out;
};

/** The store under a `protectedStore` (its reads give the bytes as stored), or the store itself. */
export const unprotectedOf = (store: EventStore): EventStore =>
  (store as { readonly unprotected?: EventStore }).unprotected ?? store;

/** The privacy of a store decorated by `protectedStore`, if it is. */
export const privacyOf = (store: EventStore): StorePrivacy | undefined =>
  (store as { readonly privacy?: StorePrivacy }).privacy;

/** The subjects (key ids) of an event's encrypted personal fields, as stored; empty when it has none. */
export const encryptedSubjectsOf = (event: StoredEvent): Set<string> => {
  const subjects = new Set<string>();
  for (const field of fieldsOf(event.type, event.schemaVersion) ?? [])
    mapAt(
      event.data,
      field.segments,
      0,
      (v) => {
        if (isEncryptedShape(v)) subjects.add((v as { keyId: string }).keyId);
        return v;
      },
      "",
    );
  return subjects;
};

/** What an encrypted field stands as when an event is decoded without its keys (`audit verify`). */
export const ENCRYPTED_PLACEHOLDER = "[encrypted]";

/**
 * The event with every encrypted personal field replaced by `ENCRYPTED_PLACEHOLDER`, so its
 * other fields can be decoded without the keys; the event itself when it has none.
 */
export const maskEncryptedFields = (event: StoredEvent): StoredEvent => {
  const fields = fieldsOf(event.type, event.schemaVersion);
  if (fields === undefined) return event;
  let data = event.data;
  for (const field of fields)
    data = mapAt(
      data,
      field.segments,
      0,
      (v) => (isEncryptedShape(v) || isErasedField(v) ? ENCRYPTED_PLACEHOLDER : v),
      "",
    );
  return data === event.data ? event : { ...event, data };
};
