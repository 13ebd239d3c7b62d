/**
 * Permission rules as data: who may issue each command. Deciders consult these tables, and
 * the docs print them, so what an auditor reads is what the code enforces.
 */
import * as E from "fp-ts/lib/Either.js";
import type { CommandContext } from "./decider";
import { type PermissionDenied, permissionDenied } from "./errors";
import type { PermissionReason } from "./permission-texts";

export interface PermissionRule {
  readonly command: string;
  /** Roles that may issue the command. */
  readonly roles: ReadonlyArray<string>;
  /** A further condition, in words, that the decider checks against the aggregate's state. */
  readonly condition?: string;
}

export const checkRole = (
  rules: ReadonlyArray<PermissionRule>,
  command: string,
  context: CommandContext,
): E.Either<PermissionDenied, void> => {
  const rule = rules.find((r) => r.command === command);
  if (rule === undefined) return E.left(permissionDenied(command, { command, reason: "NO_RULE" }));
  return rule.roles.includes(context.actor.role)
    ? E.right(undefined)
    : E.left(
        permissionDenied(command, {
          ...actorParams(context),
          command,
          reason: "ROLE_NOT_ALLOWED",
          roles: rule.roles.join(","),
        }),
      );
};

const actorParams = (context: CommandContext) => ({
  person: context.actor.person,
  unit: context.actor.unit,
  role: context.actor.role,
});

/** A failed condition of a permission rule, naming the actor and the reason. */
export const deniedBecause = (
  command: string,
  context: CommandContext,
  why: PermissionReason,
): PermissionDenied =>
  permissionDenied(command, { ...why.params, ...actorParams(context), command, reason: why.code });
