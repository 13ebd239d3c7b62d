/**
 * Given / when / then for deciders: given a history, when a command arrives in a context,
 * then these events, or this rejection.
 *
 *   deciderSpec(taskDecider)
 *     .given([assigned])
 *     .when({ type: "StartTaskElement", data: { code } }, context)
 *     .thenEvents([{ type: "TaskElementStarted", data: { code } }]);
 */
import { type CommandContext, type Decider, fold } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";

export const deciderSpec = <C, S, Ev>(decider: Decider<C, S, Ev>) => ({
  given: (history: ReadonlyArray<Ev>) => ({
    when: (command: C, context: CommandContext) => {
      const state = fold(decider.evolve, decider.initialState)(history);
      const result = decider.decide(command, state, context);
      return {
        result,
        /** The decision is exactly these events. */
        thenEvents: (expected: ReadonlyArray<Ev>): void => {
          if (E.isLeft(result))
            throw new Error(`expected events, got rejection ${result.left.code}: ${result.left.message}`);
          expect(result.right).toEqual(expected);
        },
        /** The command is rejected with this code (a DomainError code or PERMISSION_DENIED). */
        thenRejects: (code: string): void => {
          if (E.isRight(result))
            throw new Error(`expected rejection ${code}, got ${JSON.stringify(result.right)}`);
          expect(result.left.code).toBe(code);
        },
      };
    },
  }),
});
