/** Option parsers shared by the commands: dates, actors, whole numbers, choices. */
import type { Actor } from "@safety-ledger/core";
import { businessDate } from "@safety-ledger/core";
import { InvalidArgumentError } from "commander";
import { isoDate } from "./input";

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
    throw new InvalidArgumentError("give the actor as UNIT/ROLE/PERSON, e.g. GY-EMB/office/Zhang Wei");
  return { unit, role, person: person.join("/") };
};

/** A date option, `YYYY-MM-DD`, a real calendar date. */
export const dateOption =
  (option: string) =>
  (value: string): string => {
    try {
      return isoDate(option)(value);
    } catch (e) {
      throw new InvalidArgumentError((e as Error).message);
    }
  };

/** A whole-number option or argument, 0 or more. */
export const asInt =
  (name: string) =>
  (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
    return Number(value);
  };

/** Today in Guangyuan (UTC+08:00): the default "as of" date. */
export const today = (): string => businessDate(new Date().toISOString());
