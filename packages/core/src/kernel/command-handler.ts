/**
 * The command handler: load the stream, fold it, decide, chain the new events onto the
 * stream's hash chain and append them with the revision that was read. Commands on one stream
 * through one handler take turns (a queue per stream), so they never race each other. When a
 * writer elsewhere (another process) got there first, or the store was busy, wait a jittered,
 * growing delay, reload and decide again, a bounded number of times. A command id already seen
 * on the stream appends nothing and returns what that command produced the first time.
 *
 * A stream whose fold is cached can be decided on the cache without reading the store first
 * (`checkCachedStreams: "append"`, the default of stores that say so, PostgreSQL's: a read
 * there is a round trip): the append's expected revision is the check.
 * If another writer moved the stream, the append fails, and the handler reads what it missed
 * and decides again at once (no delay, not counted as an attempt). An outcome that appends
 * nothing (a refusal, no events) is never given on an unread cache: the stream is read and the
 * command decided again first. So every outcome rests on the stream as it stood while the
 * command was handled, and a cached stream costs one round trip to the store, not two.
 */
import * as E from "fp-ts/lib/Either.js";
import type { HashAlgorithm } from "../crypto/hash";
import type { Aggregate, CommandEnvelope } from "./aggregate";
import type { DomainEvent, EncodedEvent } from "./codec-registry";
import { CommandIdFingerprints } from "./command-ids";
import type { CommandContext, DomainCommand, LedgerPolicy } from "./decider";
import type { StoredEvent } from "./envelope";
import { errorsOf } from "./error-texts";
import { type AppendError, type LedgerError, withDataPath } from "./errors";
import { canReadStreamPages, type EventStore, type ReadStreamOptions } from "./event-store";
import { expectedFromCurrent } from "./expected-version";
import { type FieldProtection, fieldProtectionOf, keysRevealedIn } from "./field-protection";
import { type FoldedStream, foldPages } from "./fold-page";

/** The keys of a cached state after appending `events`: its own and those the events were protected with. */
const withKeysOf = (
  revealed: ReadonlySet<string> | undefined,
  events: ReadonlyArray<object>,
): ReadonlySet<string> | undefined => {
  let out: Set<string> | undefined;
  for (const event of events) {
    const keys = keysRevealedIn(event);
    if (keys === undefined) continue;
    out ??= new Set(revealed);
    for (const key of keys) out.add(key);
  }
  return out ?? revealed;
};

import { type FreeTextWarning, freeTextWarnings, personalNumbersRefused } from "./free-text-warnings";
import { type ChainHash, chainCommandEvents, chainHash, GENESIS_HASH } from "./hash-chain";
import { newEventId } from "./ids";
import { systemIsoClock } from "./instant";
import { KERNEL_ERROR_TEXTS } from "./kernel-error-texts";
import { hashAlgorithmMismatch, readLedgerSettings } from "./ledger-settings";
import { jitteredDelayMs, type RetryDelay, sleepMs } from "./retry-delay";
import { StreamQueue } from "./stream-queue";

export interface CommandHandlerOptions {
  /** Record time; defaults to the system clock. */
  readonly clock?: () => Date;
  /**
   * How many times to reload and retry after another writer took the revision read, or the
   * store said it was busy and may be tried again (default 10).
   */
  readonly maxRetries?: number;
  /** The backoff before each retry (default: base 5 ms, at most 500 ms); see `jitteredDelayMs`. */
  readonly retryDelay?: RetryDelay;
  /** The jitter's random source, in [0, 1); defaults to `Math.random`. */
  readonly random?: () => number;
  /** How the handler waits between retries; defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Version of the rules recorded on every event (default: this package's version). */
  readonly rulesVersion?: string;
  /** Event ids; defaults to UUID v7. */
  readonly newEventId?: () => string;
  /**
   * How many streams' folded states to keep between commands (default 10,000; 0 turns the
   * cache off). Writes by other processes are always seen: see `checkCachedStreams`.
   */
  readonly cachedStreams?: number;
  /**
   * How a cached stream is checked for events written since (by another process): `"append"`
   * decides on the cache and lets the append's expected revision find out, reading and deciding
   * again when it does, and before any outcome that appends nothing; `"read"` reads the stream
   * from the cached revision on before every decision. Default: the store's
   * `cachedStreamCheck` (PostgreSQL's is `"append"`), else `"read"` (in memory and on SQLite the
   * read is cheaper: the kernel benchmark's command phase ran 1.3× faster with it).
   */
  readonly checkCachedStreams?: "append" | "read";
  /** Rules a deployment switches on for live use (see `LedgerPolicy`); all off by default. */
  readonly policy?: LedgerPolicy;
  /**
   * The hash algorithm the caller expects the ledger to have; a command on a ledger created
   * with another one is refused (HASH_ALGORITHM_MISMATCH). Either way the handler hashes with
   * the ledger's own algorithm (its `ledger-settings`, read once; SHA-256 when it has none).
   */
  readonly hashAlgorithm?: HashAlgorithm;
  /**
   * Encrypts personal fields before the chain (docs/privacy.md); defaults to the store's own
   * (`protectedStore`). A ledger created with personal-data encryption refuses commands without one.
   */
  readonly fieldProtection?: FieldProtection;
}

export interface CommandOutcome<Event> {
  readonly stream: string;
  /** The events the command produced (or, for a repeated command id, produced the first time). */
  readonly events: ReadonlyArray<Event>;
  /** Stream revision after the command (undefined: the stream is still empty). */
  readonly revision: number | undefined;
  /** True when the command id had been handled before and nothing was appended now. */
  readonly duplicate: boolean;
  readonly attempts: number;
  /**
   * Mobile and resident ID numbers found in the free text of the events appended (see
   * `LedgerPolicy.refusePersonalNumbersInFreeText`); absent when there are none.
   */
  readonly warnings?: ReadonlyArray<FreeTextWarning>;
}

interface Loaded<S, Ev> {
  readonly state: S;
  readonly revision: number | undefined;
  readonly lastHash: string;
  readonly earlier: Ev[];
  readonly commandIds: CommandIdFingerprints;
  readonly revealed: ReadonlySet<string> | undefined;
  /** The cached fold, not checked against the store: an outcome on it must be confirmed. */
  readonly unread: boolean;
}

/** What the handler remembers of a stream it has folded: enough to carry on from there. */
interface Folded<S> {
  readonly state: S;
  readonly revision: number;
  readonly lastHash: string;
  /** Command ids already on the stream, for idempotency. */
  readonly commandIds: CommandIdFingerprints;
  readonly revealed: ReadonlySet<string> | undefined;
}

/** A cached fold, updated in place as the handler appends. */
interface CacheEntry {
  state: unknown;
  revision: number;
  lastHash: string;
  commandIds: CommandIdFingerprints;
  /** The keys of the personal values the state holds in clear (none on a clear ledger). */
  revealed: ReadonlySet<string> | undefined;
  readonly aggregate: object;
  /** Used since the eviction sweep last passed it (the "second chance" of the clock algorithm). */
  used: boolean;
}

/**
 * The folded streams kept between commands, keyed by stream; an entry serves only the
 * aggregate that made it. When full, it evicts in insertion order but spares (and moves to the
 * young end) any entry used since the sweep last passed it: LRU's effect without reordering the
 * map on every command.
 */
class FoldCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly capacity: number) {}

  delete(stream: string): void {
    this.entries.delete(stream);
  }

  get<S>(aggregate: object, stream: string): Folded<S> | undefined {
    const entry = this.entries.get(stream);
    if (entry?.aggregate !== aggregate) return undefined;
    entry.used = true;
    return entry as Folded<S>;
  }

  set(
    aggregate: object,
    stream: string,
    state: unknown,
    revision: number,
    lastHash: string,
    commandIds: CommandIdFingerprints,
    revealed?: ReadonlySet<string>,
  ): void {
    if (this.capacity === 0) return;
    const entry = this.entries.get(stream);
    if (entry?.aggregate === aggregate) {
      entry.state = state;
      entry.revision = revision;
      entry.lastHash = lastHash;
      entry.commandIds = commandIds;
      entry.revealed = revealed;
      entry.used = true;
      return;
    }
    this.entries.set(stream, { state, revision, lastHash, commandIds, revealed, aggregate, used: true });
    if (entry === undefined && this.entries.size > this.capacity) this.evictOne();
  }

  private evictOne(): void {
    for (;;) {
      const [stream, entry] = this.entries.entries().next().value as [string, CacheEntry];
      this.entries.delete(stream);
      if (!entry.used) return;
      entry.used = false;
      this.entries.set(stream, entry);
    }
  }
}

export const RULES_VERSION = "0.1.0";

/** A stream forwards in arrays: the store's own pages, or its events one array each. */
async function* pagesOf(
  store: EventStore,
  stream: string,
  options: ReadStreamOptions,
): AsyncGenerator<ReadonlyArray<StoredEvent>> {
  if (canReadStreamPages(store)) {
    yield* store.readStreamPages(stream, options);
    return;
  }
  for await (const event of store.readStream(stream, options)) yield [event];
}

export const createCommandHandler = (store: EventStore, options: CommandHandlerOptions = {}) => {
  const clock = options.clock;
  const recordedNow = clock === undefined ? systemIsoClock() : () => clock().toISOString();
  const maxRetries = options.maxRetries ?? 10;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? sleepMs;
  const queue = new StreamQueue();
  const policy = options.policy;
  const rulesVersion = options.rulesVersion ?? RULES_VERSION;
  const eventId = options.newEventId ?? newEventId;
  const cache = new FoldCache(options.cachedStreams ?? 10_000);
  const decideOnCache = (options.checkCachedStreams ?? store.cachedStreamCheck ?? "read") === "append";
  /** The ledger's chain, read on the first command and kept (a ledger's algorithm never changes). */
  let chain: ChainHash | undefined;
  const protection = options.fieldProtection ?? fieldProtectionOf(store);
  const ledgerChain = async (): Promise<E.Either<LedgerError, ChainHash>> => {
    const settings = await readLedgerSettings(store);
    if (E.isLeft(settings)) return settings;
    const algorithm = settings.right.hashAlgorithm;
    if (options.hashAlgorithm !== undefined && options.hashAlgorithm !== algorithm)
      return E.left(hashAlgorithmMismatch(algorithm, options.hashAlgorithm));
    if (settings.right.fieldEncryption !== undefined && protection === undefined)
      return E.left(
        errorsOf(KERNEL_ERROR_TEXTS).error("PERSONAL_DATA_KEYS_REQUIRED", {
          algorithm: settings.right.fieldEncryption,
        }),
      );
    chain = chainHash(algorithm);
    return E.right(chain);
  };

  const readPages = canReadStreamPages(store)
    ? (stream: string, options: ReadStreamOptions) => store.readStreamPages(stream, options)
    : (stream: string, options: ReadStreamOptions) => pagesOf(store, stream, options);

  const load = async <C extends DomainCommand, S, Ev extends DomainEvent>(
    aggregate: Aggregate<C, S, Ev>,
    stream: string,
    commandId: string,
    fingerprint: number,
    unread = false,
  ): Promise<E.Either<LedgerError, Loaded<S, Ev>>> => {
    const { decider, events: registry } = aggregate;
    let cached = cache.get<S>(aggregate, stream);
    // Values revealed with a key destroyed since (perhaps by another process): fold again.
    const stillRevealable = protection?.stillRevealable;
    if (
      cached?.revealed !== undefined &&
      stillRevealable !== undefined &&
      !(await stillRevealable(cached.revealed))
    ) {
      cache.delete(stream);
      cached = undefined;
    }
    // Decided on the cache alone unless the command id may be on the stream already.
    if (unread && cached !== undefined && !cached.commandIds.mightHave(fingerprint))
      return E.right({ ...cached, earlier: [], unread: true });
    const revealed = new Set<string>(cached?.revealed ?? []);
    let state = cached?.state ?? decider.initialState;
    let revision: number | undefined = cached?.revision;
    let lastHash = cached?.lastHash ?? GENESIS_HASH;
    const commandIds = cached?.commandIds ?? new CommandIdFingerprints();
    const earlier: Ev[] = [];
    for await (const page of readPages(
      stream,
      revision === undefined ? {} : { fromRevision: revision + 1 },
    )) {
      for (let i = 0; i < page.length; i++) {
        const stored = page[i]!;
        let event = registry.asCurrent(stored);
        if (event === undefined) {
          const decoded = registry.decode(stored);
          if (E.isLeft(decoded)) return decoded;
          event = decoded.right;
        }
        state = decider.evolve(state, event);
        const keys = keysRevealedIn(stored);
        if (keys !== undefined) for (const key of keys) revealed.add(key);
        revision = stored.revision;
        lastHash = stored.metadata.hash;
        commandIds.add(CommandIdFingerprints.of(stored.metadata.commandId));
        if (stored.metadata.commandId === commandId) earlier.push(event);
      }
    }
    if (earlier.length === 0 && commandIds.mightHave(fingerprint)) {
      // Perhaps seen before, but folded into the cache already (or a fingerprint that collides):
      // the stream itself says which of its events, if any, the command made.
      for await (const stored of store.readStream(stream)) {
        if (stored.metadata.commandId !== commandId) continue;
        const decoded = registry.decode(stored);
        if (E.isLeft(decoded)) return decoded;
        earlier.push(decoded.right);
      }
    }
    const keys = revealed.size === 0 ? undefined : revealed;
    if (revision !== undefined) cache.set(aggregate, stream, state, revision, lastHash, commandIds, keys);
    return E.right({ state, revision, lastHash, earlier, commandIds, revealed: keys, unread: false });
  };

  const handle = async <C extends DomainCommand, S, Ev extends DomainEvent>(
    aggregate: Aggregate<C, S, Ev>,
    envelope: CommandEnvelope<NoInfer<C>>,
    stream: string,
  ): Promise<E.Either<LedgerError, CommandOutcome<Ev>>> => {
    // The stream is this command's until it ends, however it ends (see the turn taken below).
    try {
      if (chain === undefined) {
        const resolved = await ledgerChain();
        if (E.isLeft(resolved)) return resolved;
      }
      const fingerprint = CommandIdFingerprints.of(envelope.commandId);
      let onCache = decideOnCache;
      for (let attempt = 1; ; attempt++) {
        const loaded = await load(aggregate, stream, envelope.commandId, fingerprint, onCache);
        if (E.isLeft(loaded)) return loaded;
        const { state, revision, lastHash, earlier, commandIds, revealed, unread } = loaded.right;
        // Only the first decision may rest on the cache alone; an outcome that appends nothing
        // is never given on it (read, decide again: `attempt--; continue`).
        onCache = false;
        if (earlier.length > 0)
          return E.right({ stream, events: earlier, revision, duplicate: true, attempts: attempt });

        const recordedAt = recordedNow();
        // One literal of one shape per command (no spreads): this is the hot path.
        let context: CommandContext = {
          actor: envelope.actor,
          occurredAt: envelope.occurredAt,
          commandId: envelope.commandId,
          recordedAt,
          policy,
        };
        if (aggregate.related !== undefined) {
          const related: Record<string, unknown> = {};
          for (const r of aggregate.related(envelope.command)) {
            const other = await load(r.aggregate, r.stream, envelope.commandId, fingerprint);
            if (E.isLeft(other)) return other;
            related[r.key] = other.right.state;
          }
          context = { ...context, related };
        }
        const decided = aggregate.decider.decide(envelope.command, state, context);
        if (unread && (E.isLeft(decided) || decided.right.length === 0)) {
          attempt--;
          continue;
        }
        if (E.isLeft(decided)) return E.left(withDataPath(decided.left));
        const events = decided.right;
        if (events.length === 0)
          return E.right({ stream, events, revision, duplicate: false, attempts: attempt });

        let encoded = new Array<EncodedEvent>(events.length);
        for (let i = 0; i < events.length; i++) encoded[i] = aggregate.events.encode(events[i]!);
        const warnings = freeTextWarnings(encoded);
        if (warnings.length > 0 && policy?.refusePersonalNumbersInFreeText === true) {
          if (unread) {
            attempt--;
            continue;
          }
          return E.left(personalNumbersRefused(warnings));
        }
        let nextId = eventId;
        if (protection !== undefined) {
          // The ids are drawn first: each encrypted field is bound to its event.
          const ids = encoded.map(() => eventId());
          const protectedEvents = await protection.protect(
            stream,
            encoded.map((e, i) => ({ ...e, id: ids[i]! })),
            { store },
          );
          if (E.isLeft(protectedEvents)) {
            if (unread) {
              attempt--;
              continue;
            }
            return protectedEvents;
          }
          encoded = [...protectedEvents.right];
          let k = 0;
          nextId = () => ids[k++]!;
        }
        const toAppend = chainCommandEvents(
          stream,
          revision === undefined ? 0 : revision + 1,
          lastHash,
          {
            actor: envelope.actor,
            commandId: envelope.commandId,
            commandType: envelope.command.type,
            correlationId: envelope.correlationId ?? envelope.commandId,
            causationId: envelope.causationId ?? envelope.commandId,
            occurredAt: envelope.occurredAt,
            recordedAt,
            rulesVersion,
          },
          encoded,
          nextId,
          chain,
        );
        const appended = await store.append(stream, toAppend, expectedFromCurrent(revision));
        if (E.isRight(appended)) {
          commandIds.add(fingerprint);
          cache.set(
            aggregate,
            stream,
            events.reduce(aggregate.decider.evolve, state),
            appended.right.nextExpectedRevision,
            toAppend[toAppend.length - 1]!.metadata.hash,
            commandIds,
            withKeysOf(revealed, encoded),
          );
          const outcome = {
            stream,
            events,
            revision: appended.right.nextExpectedRevision,
            duplicate: false,
            attempts: attempt,
          };
          return E.right(warnings.length === 0 ? outcome : { ...outcome, warnings });
        }
        // The cache was behind the stream (another writer): read what it missed, decide again now.
        if (unread && appended.left._tag === "WrongExpectedVersion") {
          attempt--;
          continue;
        }
        if (!worthRetrying(appended.left) || attempt > maxRetries) return appended;
        await sleep(jitteredDelayMs(attempt, random, options.retryDelay));
      }
    } finally {
      queue.release(stream);
    }
  };

  return <C extends DomainCommand, S, Ev extends DomainEvent>(
    aggregate: Aggregate<C, S, Ev>,
    envelope: CommandEnvelope<NoInfer<C>>,
  ): Promise<E.Either<LedgerError, CommandOutcome<Ev>>> => {
    const stream = aggregate.streamOf(envelope.command);
    // Take the stream's turn (at once when no other command of this handler holds it); `handle`
    // releases it when it ends.
    const turn = queue.take(stream);
    return turn === undefined
      ? handle(aggregate, envelope, stream)
      : turn.then(() => handle(aggregate, envelope, stream));
  };
};

/** Another writer got there first, or the store was busy: reloading and trying again may succeed. */
const worthRetrying = (error: AppendError): boolean =>
  error._tag === "WrongExpectedVersion" || (error._tag === "StoreUnavailable" && error.retryable);

export type CommandHandler = ReturnType<typeof createCommandHandler>;

/** The events of a stream, decoded, in order (for tests and small streams). */
export const readStreamEvents = async (store: EventStore, stream: string): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const e of store.readStream(stream)) out.push(e);
  return out;
};

export type { FoldedStream } from "./fold-page";

/**
 * Read a stream and fold it with its aggregate's decider: every event decoded (current
 * versions take the codec registry's fast path) and evolved, in pages where the store offers
 * them (by `foldPages`, which outlives the store: see fold-page.ts). An event that cannot be
 * decoded is the `Left`.
 */
export const foldStream = <C extends DomainCommand, S, Ev extends DomainEvent>(
  store: EventStore,
  aggregate: Aggregate<C, S, Ev>,
  stream: string,
): Promise<E.Either<LedgerError, FoldedStream<S>>> =>
  foldPages(
    aggregate.events,
    aggregate.decider.evolve,
    aggregate.decider.initialState,
    canReadStreamPages(store) ? store.readStreamPages(stream) : pagesOf(store, stream, {}),
  );
