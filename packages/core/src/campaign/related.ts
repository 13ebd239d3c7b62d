/** Reading the states of related streams that the command handler passes in `context.related`. */
import type { CommandContext } from "../kernel/decider";

/** The folded state of a related stream, or `initial` when the stream is empty or was not given. */
export const relatedState = <S>(context: CommandContext, key: string, initial: S): S =>
  (context.related?.[key] as S | undefined) ?? initial;

/** The key under which a task element's state is passed. */
export const taskKey = (code: string): string => `task:${code}`;
