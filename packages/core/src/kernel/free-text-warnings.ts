/**
 * The command handler's screening of the events it is about to append: mobile and resident ID
 * numbers in free text, outside the event type's registered personal fields.
 */

import { type FreeTextFinding, screenFreeText } from "../privacy/free-text";
import { personalFieldsOf } from "../privacy/personal-fields";
import type { EncodedEvent } from "./codec-registry";
import { errorsOf } from "./error-texts";
import type { DomainError } from "./errors";
import { KERNEL_ERROR_TEXTS } from "./kernel-error-texts";

/** A finding in one of the command's events. */
export interface FreeTextWarning extends FreeTextFinding {
  readonly eventType: string;
  readonly message: string;
}

const WHAT: Readonly<Record<FreeTextFinding["kind"], string>> = {
  "mobile-number": "a mobile number",
  "resident-id-number": "a resident ID number",
};

const excludedPaths = new Map<string, ReadonlySet<string>>();
const personalPaths = (event: EncodedEvent): ReadonlySet<string> => {
  const key = `${event.type}@${event.schemaVersion}`;
  let paths = excludedPaths.get(key);
  if (paths === undefined) {
    paths = new Set(personalFieldsOf(event.type, event.schemaVersion).map((f) => f.path));
    excludedPaths.set(key, paths);
  }
  return paths;
};

export const freeTextWarnings = (events: ReadonlyArray<EncodedEvent>): ReadonlyArray<FreeTextWarning> =>
  events.flatMap((event) =>
    screenFreeText(event.data, personalPaths(event)).map((finding) => ({
      ...finding,
      eventType: event.type,
      message: `${event.type} ${finding.path} holds ${WHAT[finding.kind]} (${finding.masked}): personal information belongs in its own field, not in free text`,
    })),
  );

/** The refusal of a strict policy (`refusePersonalNumbersInFreeText`). */
export const personalNumbersRefused = (warnings: ReadonlyArray<FreeTextWarning>): DomainError =>
  errorsOf(KERNEL_ERROR_TEXTS).error("PERSONAL_NUMBER_IN_FREE_TEXT", {
    findings: warnings.map((w) => w.message).join("; "),
  });
