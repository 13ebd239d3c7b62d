/**
 * The supervised entity decider: Registered → Active ⇄ Suspended → Closed, with changes of
 * the principal, the safety manager, sector, district and supervising department kept as history.
 */

import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../../kernel/decider";
import { errorsOf } from "../../kernel/error-texts";
import { because } from "../../kernel/permission-texts";
import { DISTRICT_KEYS } from "../../reference/districts";
import { SECTOR_KEYS } from "../../reference/sectors";
import { denied, inScope, mayIssue } from "../permissions";
import { type EntityAction, SUPERVISION_ERROR_TEXTS } from "../supervision-error-texts";
import { actorRef, businessDate } from "../values";
import type { EntityCommand } from "./commands";
import type { EntityEvent } from "./events";
import {
  type EntityState,
  type EntityStatus,
  evolveEntity,
  initialEntityState,
  isRegistered,
  type RegisteredEntity,
} from "./state";

const { error: supervisionError, reject: supervisionReject } = errorsOf(SUPERVISION_ERROR_TEXTS);

/** The reference lists an entity is checked against (defaults: the 15 sectors, Guangyuan's 7 districts). */
export interface EntityConfig {
  readonly sectors: ReadonlyArray<string>;
  readonly districts: ReadonlyArray<string>;
}

export const defaultEntityConfig: EntityConfig = { sectors: SECTOR_KEYS, districts: DISTRICT_KEYS };

type Decision = E.Either<Rejection, ReadonlyArray<EntityEvent>>;

const checkSector = (config: EntityConfig, sector: string): Decision | undefined =>
  config.sectors.includes(sector)
    ? undefined
    : supervisionReject("UNKNOWN_SECTOR", { sector, sectors: config.sectors.join(", ") }, "sector");
const checkDistrict = (config: EntityConfig, district: string): Decision | undefined =>
  config.districts.includes(district)
    ? undefined
    : supervisionReject("UNKNOWN_DISTRICT", { district, districts: config.districts.join(", ") }, "district");

const requireEntity = (state: EntityState, entityId: string): E.Either<Rejection, RegisteredEntity> =>
  isRegistered(state)
    ? E.right(state)
    : E.left(supervisionError("ENTITY_NOT_REGISTERED", { entityId }, "entityId"));

const requireStatus = (
  entity: RegisteredEntity,
  allowed: ReadonlyArray<EntityStatus>,
  action: EntityAction,
): E.Either<Rejection, RegisteredEntity> => {
  if (allowed.includes(entity.status)) return E.right(entity);
  const { entityId } = entity;
  return E.left(
    entity.status === "Closed"
      ? supervisionError(
          "ENTITY_CLOSED",
          { entityId, of: "change", action, allowed: allowed.join(",") },
          "entityId",
        )
      : supervisionError(
          "ENTITY_WRONG_STATE",
          { entityId, status: entity.status, action, allowed: allowed.join(",") },
          "entityId",
        ),
  );
};

const ALL_OPEN: ReadonlyArray<EntityStatus> = ["Registered", "Active", "Suspended"];

const decideOn = (
  command: EntityCommand,
  state: EntityState,
  context: CommandContext,
  allowed: ReadonlyArray<EntityStatus>,
  action: EntityAction,
  make: (entity: RegisteredEntity) => Decision,
): Decision => {
  const entity = requireEntity(state, command.data.entityId);
  if (E.isLeft(entity)) return entity;
  const scope = inScope(command.type, context, entity.right);
  if (E.isLeft(scope)) return scope;
  const status = requireStatus(entity.right, allowed, action);
  if (E.isLeft(status)) return status;
  return make(entity.right);
};

export const createEntityDecider = (
  config: EntityConfig = defaultEntityConfig,
): Decider<EntityCommand, EntityState, EntityEvent> => ({
  initialState: initialEntityState,
  evolve: evolveEntity,
  decide: (command, state, context) => {
    const role = mayIssue(command.type, context);
    if (E.isLeft(role)) return role;
    const on = businessDate(context.occurredAt);
    const by = actorRef(context);
    const entityId = command.data.entityId;
    switch (command.type) {
      case "RegisterEntity": {
        const d = command.data;
        if (isRegistered(state))
          return supervisionReject(
            "ENTITY_ALREADY_REGISTERED",
            { entityId: d.entityId, registeredOn: state.registeredOn },
            "entityId",
          );
        if (context.actor.role === "department" && d.supervisingDepartment !== context.actor.unit)
          return E.left(
            denied(
              command.type,
              context,
              because("DEPARTMENT_OWN_ENTITIES", { department: d.supervisingDepartment }),
            ),
          );
        const bad = checkSector(config, d.sector) ?? checkDistrict(config, d.district);
        if (bad) return bad;
        return E.right([
          {
            type: "EntityRegistered",
            data: {
              entityId: d.entityId,
              name: d.name,
              sector: d.sector,
              district: d.district,
              supervisingDepartment: d.supervisingDepartment,
              principal: d.principal,
              safetyManager: d.safetyManager,
              address: d.address ?? null,
              creditCode: d.creditCode ?? null,
              on,
              by,
            },
          },
        ]);
      }
      case "ActivateEntity":
        return decideOn(command, state, context, ["Registered"], "activate", () =>
          E.right([{ type: "EntityActivated", data: { entityId, on, by } }]),
        );
      case "SuspendEntity":
        return decideOn(command, state, context, ["Active"], "suspend", () =>
          E.right([{ type: "EntitySuspended", data: { entityId, reason: command.data.reason, on, by } }]),
        );
      case "ResumeEntity":
        return decideOn(command, state, context, ["Suspended"], "resume", () =>
          E.right([{ type: "EntityResumed", data: { entityId, on, by } }]),
        );
      case "CloseEntity":
        return decideOn(command, state, context, ALL_OPEN, "close", () =>
          E.right([{ type: "EntityClosed", data: { entityId, reason: command.data.reason, on, by } }]),
        );
      case "ChangeSafetyManager":
        return decideOn(command, state, context, ALL_OPEN, "change", (e) =>
          e.safetyManager.name === command.data.safetyManager.name &&
          e.safetyManager.phone === command.data.safetyManager.phone
            ? supervisionReject(
                "NO_CHANGE",
                { of: "safetyManager", entityId, name: e.safetyManager.name },
                "safetyManager",
              )
            : E.right([
                {
                  type: "SafetyManagerChanged",
                  data: {
                    entityId,
                    from: e.safetyManager,
                    to: command.data.safetyManager,
                    reason: command.data.reason,
                    on,
                    by,
                  },
                },
              ]),
        );
      case "ChangePrincipal":
        return decideOn(command, state, context, ALL_OPEN, "change", (e) =>
          e.principal.name === command.data.principal.name &&
          e.principal.phone === command.data.principal.phone
            ? supervisionReject(
                "NO_CHANGE",
                { of: "principal", entityId, name: e.principal.name },
                "principal",
              )
            : E.right([
                {
                  type: "PrincipalChanged",
                  data: {
                    entityId,
                    from: e.principal,
                    to: command.data.principal,
                    reason: command.data.reason,
                    on,
                    by,
                  },
                },
              ]),
        );
      case "ReclassifyEntity":
        return decideOn(command, state, context, ALL_OPEN, "reclassify", (e) => {
          const to = {
            sector: command.data.sector ?? e.sector,
            district: command.data.district ?? e.district,
          };
          const bad = checkSector(config, to.sector) ?? checkDistrict(config, to.district);
          if (bad) return bad;
          if (to.sector === e.sector && to.district === e.district)
            return supervisionReject(
              "NO_CHANGE",
              { of: "classification", entityId, sector: e.sector, district: e.district },
              "sector",
            );
          return E.right([
            {
              type: "EntityReclassified",
              data: {
                entityId,
                from: { sector: e.sector, district: e.district },
                to,
                reason: command.data.reason,
                on,
                by,
              },
            },
          ]);
        });
      case "CorrectEntityDetails":
        return decideOn(command, state, context, ALL_OPEN, "correct", (e) => {
          const d = command.data;
          const from: { name?: string; address?: string | null; creditCode?: string | null } = {};
          const to: { name?: string; address?: string | null; creditCode?: string | null } = {};
          if (d.name !== undefined && d.name !== e.name) [from.name, to.name] = [e.name, d.name];
          if (d.address !== undefined && d.address !== (e.address ?? ""))
            [from.address, to.address] = [e.address, d.address === "" ? null : d.address];
          if (d.creditCode !== undefined && d.creditCode !== (e.creditCode ?? ""))
            [from.creditCode, to.creditCode] = [e.creditCode, d.creditCode === "" ? null : d.creditCode];
          if (Object.keys(to).length === 0)
            return supervisionReject("NO_CHANGE", { of: "entityDetails", entityId }, "name");
          return E.right([
            { type: "EntityDetailsCorrected", data: { entityId, from, to, reason: d.reason, on, by } },
          ]);
        });
      case "TransferSupervision":
        return decideOn(command, state, context, ALL_OPEN, "transfer", (e) =>
          e.supervisingDepartment === command.data.supervisingDepartment
            ? supervisionReject(
                "NO_CHANGE",
                { of: "supervisingDepartment", entityId, department: e.supervisingDepartment },
                "supervisingDepartment",
              )
            : E.right([
                {
                  type: "SupervisionTransferred",
                  data: {
                    entityId,
                    from: e.supervisingDepartment,
                    to: command.data.supervisingDepartment,
                    reason: command.data.reason,
                    on,
                    by,
                  },
                },
              ]),
        );
    }
  },
});

export const entityDecider = createEntityDecider();
