/** The responsibility list decider: publish, revise as versions, record duty performance. */

import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../../kernel/decider";
import { errorsOf } from "../../kernel/error-texts";
import { because } from "../../kernel/permission-texts";
import { deny, mayIssue } from "../permissions";
import { firstDuplicate } from "../rules";
import { businessDate } from "../values";
import type { ResponsibilityListCommand } from "./commands";
import type { ResponsibilityItem, ResponsibilityListEvent } from "./events";
import { RESPLIST_ERROR_TEXTS } from "./resplist-error-texts";
import {
  evolveResponsibilityList,
  initialResponsibilityListState,
  type ResponsibilityListState,
  versionInForce,
} from "./state";

const { reject: listReject } = errorsOf(RESPLIST_ERROR_TEXTS);

type Decision = E.Either<Rejection, ReadonlyArray<ResponsibilityListEvent>>;

const duplicateItem = (items: ReadonlyArray<ResponsibilityItem>): Decision | undefined => {
  const duplicate = firstDuplicate(items.map((i) => i.itemId));
  return duplicate === undefined ? undefined : listReject("DUPLICATE_ITEM", { duplicate }, "items");
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
    if (state.status === "Published") return listReject("LIST_ALREADY_PUBLISHED", { listId }, "listId");
    const dup = duplicateItem(items);
    if (dup) return dup;
    return E.right([
      { type: "ResponsibilityListPublished", data: { listId, title, version: 1, effectiveFrom, items, on } },
    ]);
  }
  const { listId } = command.data;
  const latest = state.versions[state.versions.length - 1];
  if (state.status === "Unpublished" || latest === undefined)
    return listReject("LIST_NOT_PUBLISHED", { listId }, "listId");
  switch (command.type) {
    case "ReviseResponsibilityList": {
      const { effectiveFrom, items, reason } = command.data;
      if (effectiveFrom <= latest.effectiveFrom)
        return listReject(
          "REVISION_NOT_LATER",
          { version: latest.version, effectiveFrom: latest.effectiveFrom },
          "effectiveFrom",
        );
      if (effectiveFrom < on)
        return listReject("REVISION_RETROACTIVE", { effectiveFrom, on }, "effectiveFrom");
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
      if (performedOn > on) return listReject("PERFORMED_IN_FUTURE", { performedOn, on }, "performedOn");
      const version = versionInForce(state, performedOn);
      const item = version?.items.find((i) => i.itemId === itemId);
      if (version === undefined || item === undefined)
        return listReject("ITEM_NOT_IN_FORCE", { itemId, listId, performedOn }, "itemId");
      if (context.actor.unit !== item.subject.unit)
        return deny(
          command.type,
          context,
          because("DUTY_OF_ANOTHER", { item: itemId, dutyUnit: item.subject.unit }),
        );
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
