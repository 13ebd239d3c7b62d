/** Reading the CLI's input files line by line (or stdin for "-"), never whole into memory. */
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { usage } from "./cli-error-texts";

export const lines = (file: string): AsyncIterable<string> => {
  if (file !== "-" && !existsSync(file)) throw usage("NO_SUCH_FILE", { file });
  const input = file === "-" ? process.stdin : createReadStream(file, { encoding: "utf8" });
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
};

/** A date option: YYYY-MM-DD, a real calendar date. */
export const isoDate =
  (option: string) =>
  (value: string): string => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const ok =
      match !== null &&
      new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
        .toISOString()
        .slice(0, 10) === value;
    if (!ok) throw usage("BAD_DATE", { option, value });
    return value;
  };
