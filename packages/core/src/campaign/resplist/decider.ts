/** The responsibility list decider: publish, revise as versions, record duty performance. */
import * as E from "fp-ts/lib/Either.js";
import { type CommandContext, type Decider, type Rejection, reject } from "../../kernel/decider";
import { deny, mayIssue } from "../permissions";
import { firstDuplicate } from "../rules";
import { businessDate } from "../values";
import type { ResponsibilityListCommand } from "./commands";
import type { ResponsibilityItem, ResponsibilityListEvent } from "./events";
import {
  evolveResponsibilityList,
  initialResponsibilityListState,
  type ResponsibilityListState,
  versionInForce,
} from "./state";

type Decision = E.Either<Rejection, ReadonlyArray<ResponsibilityListEvent>>;

const duplicateItem = (items: ReadonlyArray<ResponsibilityItem>): Decision | undefined => {
  const duplicate = firstDuplicate(items.map((i) => i.itemId));
  return duplicate === undefined
    ? undefined
    : reject("DUPLICATE_ITEM", `Item ${duplicate} appears twice in the list.`, "items");
};

const decideList = (
  command: ResponsibilityListCommand,
  state: ResponsibilityListState,
  context: CommandContext,
): Decision => {
  const role = mayIssue(command.type, context);
  if (E.isLeft(role)) return role;
  const on = businessDate(context.occurredAt);
  if (command.type === "PublishResponsibilityList") {
    const { listId, title, effectiveFrom, items } = command.data;
    if (state.status === "Published")
      return reject(
        "LIST_ALREADY_PUBLISHED",
        `Responsibility list ${listId} is already published; revise it instead.`,
        "listId",
      );
    const dup = duplicateItem(items);
    if (dup) return dup;
    return E.right([
      { type: "ResponsibilityListPublished", data: { listId, title, version: 1, effectiveFrom, items, on } },
    ]);
  }
  const { listId } = command.data;
  const latest = state.versions[state.versions.length - 1];
  if (state.status === "Unpublished" || latest === undefined)
    return reject("LIST_NOT_PUBLISHED", `Responsibility list ${listId} has not been published.`, "listId");
  switch (command.type) {
    case "ReviseResponsibilityList": {
      const { effectiveFrom, items, reason } = command.data;
      if (effectiveFrom <= latest.effectiveFrom)
        return reject(
          "REVISION_NOT_LATER",
          `A revision must take effect after version ${latest.version} (effective ${latest.effectiveFrom}).`,
          "effectiveFrom",
        );
      if (effectiveFrom < on)
        return reject(
          "REVISION_RETROACTIVE",
          `A revision cannot take effect in the past (${effectiveFrom} is before today, ${on}): it would change duties already due.`,
          "effectiveFrom",
        );
      const dup = duplicateItem(items);
      if (dup) return dup;
      return E.right([
        {
          type: "ResponsibilityListRevised",
          data: { listId, version: latest.version + 1, effectiveFrom, items, reason, on },
        },
      ]);
    }
    case "RecordDutyPerformance": {
      const { itemId, performedOn, evidence, note } = command.data;
      if (performedOn > on)
        return reject(
          "PERFORMED_IN_FUTURE",
          `A duty cannot be recorded as performed on ${performedOn}, after today (${on}).`,
          "performedOn",
        );
      const version = versionInForce(state, performedOn);
      const item = version?.items.find((i) => i.itemId === itemId);
      if (version === undefined || item === undefined)
        return reject(
          "ITEM_NOT_IN_FORCE",
          `Item ${itemId} is not on responsibility list ${listId} as in force on ${performedOn}.`,
          "itemId",
        );
      if (context.actor.unit !== item.subject.unit)
        return deny(command.type, context, `item ${itemId} is the duty of ${item.subject.unit}`);
      return E.right([
        {
          type: "DutyPerformed",
          data: {
            listId,
            itemId,
            version: version.version,
            performedOn,
            evidence,
            note: note ?? "",
            recordedBy: { unit: context.actor.unit, role: context.actor.role, person: context.actor.person },
            on,
          },
        },
      ]);
    }
  }
};

export const responsibilityListDecider: Decider<
  ResponsibilityListCommand,
  ResponsibilityListState,
  ResponsibilityListEvent
> = {
  initialState: initialResponsibilityListState,
  decide: decideList,
  evolve: evolveResponsibilityList,
};
