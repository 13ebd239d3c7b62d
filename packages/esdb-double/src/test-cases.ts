/** Test helpers that load no client: the KurrentDB tests share them, and the two clients cannot share a process. */
/** What a promise rejected with, or undefined when it resolved. */
export const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );

/** The two append RPCs, for `describe.each`. */
export const APPEND_PATHS = [
  { path: "BatchAppend", batchAppend: true },
  { path: "Append", batchAppend: false },
] as const;
