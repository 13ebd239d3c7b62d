/**
 * The kernel's port for personal fields encrypted before the chain (docs/privacy.md): the
 * command handler hands it the events it is about to hash, with their ids, and hashes what it
 * returns. The kernel knows nothing of which fields are personal; `privacy/protect.ts` does.
 * A store decorated with a protection (`protectedStore`) carries it, so every handler on that
 * store encrypts; a plain store has none and the handler's path is unchanged.
 */
import type * as E from "fp-ts/lib/Either.js";
import type { EncodedEvent } from "./codec-registry";
import type { StoredEvent } from "./envelope";
import type { LedgerError } from "./errors";
import type { EventStore } from "./event-store";

export interface EventToProtect extends EncodedEvent {
  readonly id: string;
}

export interface FieldProtection {
  /** The events with every personal field encrypted (same order, same ids); a Left refuses the command. */
  protect(
    stream: string,
    events: ReadonlyArray<EventToProtect>,
    /** The store the command is decided on: where the record's earlier events are read from. */
    context?: { readonly store?: EventStore },
  ): Promise<E.Either<LedgerError, ReadonlyArray<EncodedEvent>>>;
  /**
   * False when one of these keys (`keysRevealedIn`) was destroyed since, by this process or
   * another: a handler's cached fold holding values revealed with them is folded again.
   */
  stillRevealable?(keys: ReadonlySet<string>): Promise<boolean>;
}

/** A store that carries the field protection of its ledger. */
export interface ProtectingStore extends EventStore {
  readonly fieldProtection: FieldProtection;
}

export const fieldProtectionOf = (store: EventStore): FieldProtection | undefined =>
  (store as Partial<ProtectingStore>).fieldProtection;

/** The stored form of each event a read revealed: what its hash covers. */
const storedForms = new WeakMap<StoredEvent, StoredEvent>();

/** The keys (opaque to the kernel) whose values an event holds in clear, revealed or about to be protected. */
const keysUsed = new WeakMap<object, ReadonlyArray<string>>();

/** Remember that `revealed` was read as `stored` (so a chain check of it hashes the stored bytes), revealing with `keys`. */
export const markRevealed = (
  revealed: StoredEvent,
  stored: StoredEvent,
  keys?: ReadonlyArray<string>,
): StoredEvent => {
  storedForms.set(revealed, stored);
  if (keys !== undefined && keys.length > 0) keysUsed.set(revealed, keys);
  return revealed;
};

/** Remember the keys a protected event's values were encrypted with (their clear values stay in the decider's state). */
export const markKeysUsed = <T extends object>(event: T, keys: ReadonlyArray<string>): T => {
  if (keys.length > 0) keysUsed.set(event, keys);
  return event;
};

/** The keys whose values an event (revealed, or protected for appending) holds in clear. */
export const keysRevealedIn = (event: object): ReadonlyArray<string> | undefined => keysUsed.get(event);

/** The event as stored: itself, unless a read revealed it from another form. */
export const storedFormOf = (event: StoredEvent): StoredEvent => storedForms.get(event) ?? event;
