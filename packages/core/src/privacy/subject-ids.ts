/**
 * Data subject ids, assigned by the ledger (never from a name, phone or ID number):
 *
 * - a person: `<stream>/<kind>/<event id>` (`/<n>` added for the n-th person of an array), the
 *   record, the kind and the event in which the ledger first met them, so successive principals
 *   of one entity are distinct subjects;
 * - a role of a record (events written before per-person subjects): `<stream>/<kind>`, one
 *   subject for every holder of that role in the record. Such events stay readable and erasable.
 */
import { DATA_SUBJECT_KINDS, type DataSubjectKind } from "./personal-fields";

export interface SubjectParts {
  readonly stream: string;
  readonly kind: DataSubjectKind;
  /** The event that introduced the person; absent for a role subject (the older form). */
  readonly eventId?: string;
  /** The person's place in the event's array of persons, if they are one of several. */
  readonly index?: number;
}

/** The subject of a person the ledger meets in an event. */
export const personSubjectId = (
  stream: string,
  kind: DataSubjectKind,
  eventId: string,
  index?: number,
): string => `${stream}/${kind}/${eventId}${index === undefined ? "" : `/${index}`}`;

/** The subject of every holder of a role in a record, as events before per-person subjects have it. */
export const roleSubjectId = (stream: string, kind: DataSubjectKind): string => `${stream}/${kind}`;

const KINDS = Object.keys(DATA_SUBJECT_KINDS).join("|");
const SUBJECT = new RegExp(`^(.+)/(${KINDS})(?:/([0-9A-Za-z-]+)(?:/(\\d+))?)?$`);

/** The parts of a subject id, or undefined when it is not one the ledger assigns. */
export const parseSubject = (subject: string): SubjectParts | undefined => {
  const m = SUBJECT.exec(subject);
  if (m === null) return undefined;
  return {
    stream: m[1]!,
    kind: m[2] as DataSubjectKind,
    ...(m[3] === undefined ? {} : { eventId: m[3] }),
    ...(m[4] === undefined ? {} : { index: Number(m[4]) }),
  };
};

/** The stream (record) a subject belongs to. */
export const streamOfSubject = (subject: string): string =>
  parseSubject(subject)?.stream ?? subject.slice(0, subject.lastIndexOf("/"));
