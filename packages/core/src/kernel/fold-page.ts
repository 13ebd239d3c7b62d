/**
 * A stream's pages folded onto a state: every stored event checked by its type's codec (the
 * registry's fast path for current versions, a full decode otherwise) and evolved.
 *
 * Kept apart from `foldStream`, which calls the store: optimized code that calls a store's
 * method embeds that store's closure, and is thrown away when the store is collected, so the
 * next store's first fold ran unoptimized. These functions touch nothing of a store but the
 * pages it hands over, so their optimized code outlives every store they ran for.
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

/** A stream's state folded from its pages, and the revision it reflects. */
export interface FoldedStream<S> {
  readonly state: S;
  /** The last revision folded (undefined: the stream is empty). */
  readonly revision: number | undefined;
  readonly events: number;
}

/** Every page of a stream folded with `foldPage`, from `state` on; the first decode error is the `Left`. */
export const foldPages = async <S, Ev extends DomainEvent>(
  registry: EventRegistry<Ev>,
  evolve: (state: S, event: Ev) => S,
  state: S,
  pages: AsyncIterable<ReadonlyArray<StoredEvent>>,
): Promise<E.Either<EventDecodeError, FoldedStream<S>>> => {
  let folded = state;
  let revision: number | undefined;
  let events = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const next = foldPage(registry, evolve, folded, page);
    if (E.isLeft(next)) return next;
    folded = next.right;
    revision = page[page.length - 1]!.revision;
    events += page.length;
  }
  return E.right({ state: folded, revision, events });
};
