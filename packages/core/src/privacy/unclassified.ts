/** The check behind the registry: personal-looking leaves no entry classifies, entries naming no field. */

import { fieldPaths } from "../kernel/codec-docs";
import type { EventDefinition } from "../kernel/codec-registry";
import { looksPersonal } from "./looks-personal";
import {
  type EventPersonalFields,
  notPersonalReason,
  PERSONAL_FIELDS,
  personalFieldsOf,
} from "./personal-fields";

export interface ClassificationIssue {
  readonly type: string;
  readonly schemaVersion: number;
  readonly path: string;
  readonly problem: "unclassified" | "no-such-field" | "unknown-event-version";
}

/** The leaf paths of an event's data (paths that no other path extends). */
export const leafPaths = (definition: EventDefinition): ReadonlyArray<string> => {
  const paths = fieldPaths(definition.codec as never).map((p) => p.path);
  return paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`) || q.startsWith(`${p}[].`)));
};

/** Every leaf of every event codec that looks personal and is neither personal nor explained as not. */
export const unclassifiedFields = (
  definitions: ReadonlyArray<EventDefinition>,
): ReadonlyArray<ClassificationIssue> =>
  definitions.flatMap((d) => {
    const personal = new Set(personalFieldsOf(d.type, d.schemaVersion).map((f) => f.path));
    return leafPaths(d)
      .filter((path) => looksPersonal(path))
      .filter((path) => !personal.has(path) && notPersonalReason(d.type, d.schemaVersion, path) === undefined)
      .map((path) => ({
        type: d.type,
        schemaVersion: d.schemaVersion,
        path,
        problem: "unclassified" as const,
      }));
  });

/**
 * Registry entries that name an event type or version the ledger does not know, or a path the
 * current codec lacks. An entry for an older version (its data is upcast on read) names paths
 * of a codec that is gone: only its version is checked.
 */
export const staleEntries = (
  definitions: ReadonlyArray<EventDefinition>,
  registry: ReadonlyArray<EventPersonalFields> = PERSONAL_FIELDS,
): ReadonlyArray<ClassificationIssue> =>
  registry.flatMap((entry): ReadonlyArray<ClassificationIssue> => {
    const definition = definitions.find((d) => d.type === entry.type);
    if (definition === undefined || entry.schemaVersion < 1 || entry.schemaVersion > definition.schemaVersion)
      return [
        {
          type: entry.type,
          schemaVersion: entry.schemaVersion,
          path: "",
          problem: "unknown-event-version" as const,
        },
      ];
    if (entry.schemaVersion < definition.schemaVersion) return [];
    const named = [...Object.keys(entry.personal), ...Object.keys(entry.notPersonal ?? {})];
    const leaves = new Set(leafPaths(definition));
    return named
      .filter((path) => !leaves.has(path))
      .map((path) => ({
        type: entry.type,
        schemaVersion: entry.schemaVersion,
        path,
        problem: "no-such-field" as const,
      }));
  });
