/**
 * Permission rules as data: who may issue each command. Deciders consult these tables, and
 * the docs print them, so what an auditor reads is what the code enforces.
 */
import * as E from "fp-ts/lib/Either.js";
import type { CommandContext } from "./decider";
import { type PermissionDenied, permissionDenied } from "./errors";

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
  if (rule === undefined)
    return E.left(permissionDenied(command, `No one may issue ${command}: it has no permission rule.`));
  return rule.roles.includes(context.actor.role)
    ? E.right(undefined)
    : E.left(
        permissionDenied(
          command,
          `${context.actor.person} (${context.actor.unit}) acts as ${context.actor.role}; ${command} may only be issued by ${rule.roles.join(" or ")}.`,
        ),
      );
};
