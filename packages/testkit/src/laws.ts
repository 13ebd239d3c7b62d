/**
 * Laws every decider must obey, as fast-check properties. Give them an arbitrary of valid
 * histories-plus-command (built by deciding step by step) and they check:
 * - replay equals fold: evolving events one at a time equals folding the whole list;
 * - decide is deterministic: same state, command and context give the same result;
 * - events from decide always evolve: evolving the decided events never throws and each
 *   changes nothing it should not (the state after is a value, not undefined).
 */
import { type CommandContext, type Decider, fold } from "@safety-ledger/core";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";

export interface DeciderScenario<C, Ev> {
  readonly history: ReadonlyArray<Ev>;
  readonly command: C;
  readonly context: CommandContext;
}

export const deciderLaws = <C, S, Ev>(
  decider: Decider<C, S, Ev>,
  scenarios: fc.Arbitrary<DeciderScenario<C, Ev>>,
  parameters: fc.Parameters<[DeciderScenario<C, Ev>]> = {},
): void => {
  const foldAll = fold(decider.evolve, decider.initialState);

  fc.assert(
    fc.property(scenarios, ({ history }) => {
      let stepwise = decider.initialState;
      for (const event of history) stepwise = decider.evolve(stepwise, event);
      expect(stepwise).toEqual(foldAll(history));
    }),
    parameters,
  );

  fc.assert(
    fc.property(scenarios, ({ history, command, context }) => {
      const state = foldAll(history);
      expect(decider.decide(command, state, context)).toEqual(decider.decide(command, state, context));
    }),
    parameters,
  );

  fc.assert(
    fc.property(scenarios, ({ history, command, context }) => {
      const state = foldAll(history);
      const decided = decider.decide(command, state, context);
      if (E.isRight(decided)) {
        const after = foldAll([...history, ...decided.right]);
        expect(after).toBeDefined();
      }
    }),
    parameters,
  );
};
