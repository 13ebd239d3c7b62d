/** Server-side `$all` filters: stream-name or event-type, by regex or by prefixes. */
import type { LoggedEvent } from "./log";
import type { StreamsPb } from "./proto";

export interface CompiledFilter {
  matches(event: LoggedEvent): boolean;
  /** Scanned events between checkpoints: search window × checkpoint interval multiplier. */
  readonly checkpointEvery: number;
}

export function compileFilter(
  options: StreamsPb.ReadReq.Options.FilterOptions,
  defaultWindow: number,
): CompiledFilter {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  const regex = expression?.getRegex() ?? "";
  const prefixes = expression?.getPrefixList() ?? [];
  const pattern = regex !== "" ? new RegExp(regex) : undefined;
  const test: (value: string) => boolean =
    pattern !== undefined
      ? (value) => pattern.test(value)
      : prefixes.length > 0
        ? (value) => prefixes.some((prefix) => value.startsWith(prefix))
        : () => true;
  const window = options.hasMax() && options.getMax() > 0 ? options.getMax() : defaultWindow;
  const multiplier = Math.max(1, options.getCheckpointintervalmultiplier());
  return {
    matches: (event) => test(onStream ? event.streamId : event.type),
    checkpointEvery: Math.max(1, window * multiplier),
  };
}
