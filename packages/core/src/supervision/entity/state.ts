/** The folded state of a supervised entity. */
import type { ActorRef, Person } from "../values";
import type { EntityEvent } from "./events";

export type EntityStatus = "Registered" | "Active" | "Suspended" | "Closed";

/** One change of a registered field, kept forever. */
export interface EntityChange {
  readonly field:
    | "safetyManager"
    | "principal"
    | "sector"
    | "district"
    | "supervisingDepartment"
    | "name"
    | "address"
    | "creditCode";
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly on: string;
  readonly by: ActorRef;
}

export interface RegisteredEntity {
  readonly status: EntityStatus;
  readonly entityId: string;
  readonly name: string;
  readonly sector: string;
  readonly district: string;
  readonly supervisingDepartment: string;
  readonly principal: Person;
  readonly safetyManager: Person;
  readonly address: string | null;
  /** The unified social credit code (统一社会信用代码). */
  readonly creditCode: string | null;
  readonly registeredOn: string;
  readonly closedOn: string | null;
  readonly history: ReadonlyArray<EntityChange>;
}

export type EntityState = { readonly status: "Unregistered" } | RegisteredEntity;

export const initialEntityState: EntityState = { status: "Unregistered" };

export const isRegistered = (s: EntityState): s is RegisteredEntity => s.status !== "Unregistered";

const change = (s: RegisteredEntity, c: EntityChange): ReadonlyArray<EntityChange> => [...s.history, c];

export const evolveEntity = (state: EntityState, event: EntityEvent): EntityState => {
  if (event.type === "EntityRegistered") {
    const d = event.data;
    return {
      status: "Registered",
      entityId: d.entityId,
      name: d.name,
      sector: d.sector,
      district: d.district,
      supervisingDepartment: d.supervisingDepartment,
      principal: d.principal,
      safetyManager: d.safetyManager,
      address: d.address,
      creditCode: d.creditCode,
      registeredOn: d.on,
      closedOn: null,
      history: [],
    };
  }
  if (!isRegistered(state)) return state;
  switch (event.type) {
    case "EntityActivated":
    case "EntityResumed":
      return { ...state, status: "Active" };
    case "EntitySuspended":
      return { ...state, status: "Suspended" };
    case "EntityClosed":
      return { ...state, status: "Closed", closedOn: event.data.on };
    case "SafetyManagerChanged": {
      const d = event.data;
      return {
        ...state,
        safetyManager: d.to,
        history: change(state, {
          field: "safetyManager",
          from: d.from.name,
          to: d.to.name,
          reason: d.reason,
          on: d.on,
          by: d.by,
        }),
      };
    }
    case "PrincipalChanged": {
      const d = event.data;
      return {
        ...state,
        principal: d.to,
        history: change(state, {
          field: "principal",
          from: d.from.name,
          to: d.to.name,
          reason: d.reason,
          on: d.on,
          by: d.by,
        }),
      };
    }
    case "EntityReclassified": {
      const d = event.data;
      const changes: EntityChange[] = [];
      if (d.from.sector !== d.to.sector)
        changes.push({
          field: "sector",
          from: d.from.sector,
          to: d.to.sector,
          reason: d.reason,
          on: d.on,
          by: d.by,
        });
      if (d.from.district !== d.to.district)
        changes.push({
          field: "district",
          from: d.from.district,
          to: d.to.district,
          reason: d.reason,
          on: d.on,
          by: d.by,
        });
      return {
        ...state,
        sector: d.to.sector,
        district: d.to.district,
        history: [...state.history, ...changes],
      };
    }
    case "EntityDetailsCorrected": {
      const d = event.data;
      let history = state.history;
      for (const field of ["name", "address", "creditCode"] as const)
        if (field in d.to)
          history = [
            ...history,
            { field, from: d.from[field] ?? "", to: d.to[field] ?? "", reason: d.reason, on: d.on, by: d.by },
          ];
      return { ...state, ...d.to, history };
    }
    case "SupervisionTransferred": {
      const d = event.data;
      return {
        ...state,
        supervisingDepartment: d.to,
        history: change(state, {
          field: "supervisingDepartment",
          from: d.from,
          to: d.to,
          reason: d.reason,
          on: d.on,
          by: d.by,
        }),
      };
    }
  }
};
