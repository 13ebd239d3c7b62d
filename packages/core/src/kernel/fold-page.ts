/**
 * One page of a stream folded onto a state: every stored event checked by its type's codec
 * (the registry's fast path for current versions, a full decode otherwise) and evolved.
 *
 * Kept apart from `foldStream`, which calls the store: optimized code for a loop that calls a
 * store's method depends on that store (its closure is embedded), and is thrown away when the
 * store is collected, so the next store's first fold ran this loop unoptimized. This function
 * touches nothing of a store, so its optimized code outlives every store it ran for.
 */
import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent, EventRegistry } from "./codec-registry";
import type { StoredEvent } from "./envelope";
import type { EventDecodeError } from "./errors";

export const foldPage = <S, Ev extends DomainEvent>(
  registry: EventRegistry<Ev>,
  evolve: (state: S, event: Ev) => S,
  state: S,
  page: ReadonlyArray<StoredEvent>,
): E.Either<EventDecodeError, S> => {
  let folded = state;
  for (let i = 0; i < page.length; i++) {
    const stored = page[i]!;
    let event = registry.asCurrent(stored);
    if (event === undefined) {
      const decoded = registry.decode(stored);
      if (E.isLeft(decoded)) return decoded;
      event = decoded.right;
    }
    folded = evolve(folded, event);
  }
  return E.right(folded);
};
