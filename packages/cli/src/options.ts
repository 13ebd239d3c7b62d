/** Option parsers shared by the commands: dates, actors, whole numbers, choices. */
import type { Actor } from "@safety-ledger/core";
import { businessDate } from "@safety-ledger/core";
import { Option } from "commander";
import { badArgument, CodedArgumentError } from "./cli-error-texts";
import { UsageError } from "./errors";
import { isoDate } from "./input";
import type { Lang } from "./messages";

/** `--as UNIT/ROLE/PERSON` (the person may contain slashes). */
export const parseActor = (value: string): Actor => {
  const [unit, role, ...person] = value.split("/");
  if (
    unit === undefined ||
    unit.trim() === "" ||
    role === undefined ||
    role.trim() === "" ||
    person.length === 0 ||
    person.join("/").trim() === ""
  )
    throw badArgument("BAD_ACTOR", {});
  return { unit, role, person: person.join("/") };
};

/** A date option, `YYYY-MM-DD`, a real calendar date. */
export const dateOption =
  (option: string) =>
  (value: string): string => {
    try {
      return isoDate(option)(value);
    } catch (e) {
      throw e instanceof UsageError ? new CodedArgumentError(e.coded) : e;
    }
  };

/** A whole-number option or argument, 0 or more. */
export const asInt =
  (name: string) =>
  (value: string): number => {
    if (!/^\d+$/.test(value)) throw badArgument("NOT_A_WHOLE_NUMBER", { name });
    return Number(value);
  };

/** Today in Guangyuan (UTC+08:00): the default "as of" date. */
export const today = (): string => businessDate(new Date().toISOString());

/** `--lang`: zh, zh-CN (or zh_CN) for Chinese, en for English. */
export const parseLang = (value: string): Lang => {
  const lang = value.toLowerCase().replace("_", "-");
  if (lang === "zh" || lang === "zh-cn") return "zh-CN";
  if (lang === "en") return "en";
  throw badArgument("UNKNOWN_LANG", {});
};

/** The global `--lang` option. */
export const langOption = (): Option => new Option("--lang <lang>").argParser(parseLang);

/** The `--lang` of a command line, read before commander parses it (for its own errors). */
export const langOfArgv = (argv: ReadonlyArray<string>): Lang | undefined => {
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at < 0) return undefined;
  const value = argv[at]!.startsWith("--lang=") ? argv[at]!.slice("--lang=".length) : argv[at + 1];
  try {
    return value === undefined ? undefined : parseLang(value);
  } catch {
    return undefined;
  }
};
