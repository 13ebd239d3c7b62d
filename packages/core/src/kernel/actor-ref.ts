/**
 * Who did something, as an event stores it: the command's actor copied in. One codec for every
 * event that records an actor (tasks, lists, supervision, accidents, privacy records, exports),
 * so what one writes another reads.
 */
import * as t from "io-ts";
import type { CommandContext } from "./decider";

export const ActorRefCodec = t.type({ unit: t.string, role: t.string, person: t.string });
export type ActorRef = t.TypeOf<typeof ActorRefCodec>;

export const actorRef = (context: CommandContext): ActorRef => ({
  unit: context.actor.unit,
  role: context.actor.role,
  person: context.actor.person,
});
