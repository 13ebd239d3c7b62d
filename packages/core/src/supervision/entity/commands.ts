/** Commands of the supervised entity aggregate, with the codecs of their data. */
import * as t from "io-ts";
import type { DomainCommand } from "../../kernel/decider";
import { Code, NonEmptyString, PersonCodec } from "../values";

const Reason = { reason: NonEmptyString };

export const entityCommandCodecs = {
  RegisterEntity: t.intersection([
    t.type({
      entityId: Code,
      name: NonEmptyString,
      sector: NonEmptyString,
      district: NonEmptyString,
      supervisingDepartment: NonEmptyString,
      principal: PersonCodec,
      safetyManager: PersonCodec,
    }),
    t.partial({ address: t.string, creditCode: t.string }),
  ]),
  ActivateEntity: t.type({ entityId: Code }),
  SuspendEntity: t.type({ entityId: Code, ...Reason }),
  ResumeEntity: t.type({ entityId: Code }),
  CloseEntity: t.type({ entityId: Code, ...Reason }),
  ChangeSafetyManager: t.type({ entityId: Code, safetyManager: PersonCodec, ...Reason }),
  ChangePrincipal: t.type({ entityId: Code, principal: PersonCodec, ...Reason }),
  ReclassifyEntity: t.intersection([
    t.type({ entityId: Code, ...Reason }),
    t.partial({ sector: NonEmptyString, district: NonEmptyString }),
  ]),
  TransferSupervision: t.type({ entityId: Code, supervisingDepartment: NonEmptyString, ...Reason }),
  /** Put right the entity's name, address or credit code (give at least one). */
  CorrectEntityDetails: t.intersection([
    t.type({ entityId: Code, ...Reason }),
    t.partial({ name: NonEmptyString, address: t.string, creditCode: t.string }),
  ]),
};

type Codecs = typeof entityCommandCodecs;
export type EntityCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
