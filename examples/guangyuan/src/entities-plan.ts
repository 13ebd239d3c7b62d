/**
 * The supervised entities of the scenario (real-name list). ILLUSTRATIVE names and people;
 * what is kept: entities in all 15 sectors, in all 3 districts and 4 counties, each with one
 * supervising department, a principal person and a safety manager.
 */
import { DISTRICT_KEYS, GUANGYUAN_DISTRICTS, SECTORS } from "@safety-ledger/core";
import { UNITS, type Unit } from "./organisation";
import { pad } from "./random";

/** Which city department supervises each sector (illustrative). */
export const SUPERVISOR_OF_SECTOR: Readonly<Record<string, Unit>> = {
  "coal-mine": UNITS.emb,
  "non-coal-mine": UNITS.emb,
  "hazardous-chemicals": UNITS.emb,
  fireworks: UNITS.emb,
  metallurgy: UNITS.emb,
  "non-ferrous": UNITS.emb,
  "building-materials": UNITS.emb,
  machinery: UNITS.economy,
  "light-industry": UNITS.economy,
  textiles: UNITS.economy,
  tobacco: UNITS.economy,
  "commerce-trade": UNITS.market,
  "road-transport": UNITS.transport,
  construction: UNITS.housing,
  "special-equipment": UNITS.market,
};

const SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"];
const GIVEN = [
  "Wei",
  "Fang",
  "Min",
  "Jing",
  "Qiang",
  "Lei",
  "Jun",
  "Yong",
  "Yan",
  "Jie",
  "Tao",
  "Ming",
  "Hua",
];
/** An illustrative name; names with different `n mod 10` have different surnames. */
export const personName = (n: number): string =>
  `${SURNAMES[n % SURNAMES.length]} ${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`;

export interface EntityPlan {
  readonly id: string;
  readonly index: number;
  readonly name: string;
  readonly sector: string;
  readonly district: string;
  readonly supervisor: Unit;
  readonly principal: string;
  readonly safetyManager: string;
  /** The registration date. */
  readonly registeredOn: string;
}

export const ENTITY_COUNT = 45;

export const planEntities = (): ReadonlyArray<EntityPlan> =>
  Array.from({ length: ENTITY_COUNT }, (_, i) => {
    const sector = SECTORS[i % SECTORS.length]!;
    const district = GUANGYUAN_DISTRICTS[i % DISTRICT_KEYS.length]!;
    return {
      id: `GY-E${pad(i + 1, 3)}`,
      index: i,
      name: `${district.zh}${sector.zh}企业${i + 1}号 ${district.en} ${sector.en} enterprise No. ${i + 1} (illustrative)`,
      sector: sector.key,
      district: district.key,
      supervisor: SUPERVISOR_OF_SECTOR[sector.key]!,
      principal: personName(2 * i),
      safetyManager: personName(2 * i + 1),
      registeredOn: `2020-06-${pad(3 + (i % 20), 2)}`,
    };
  });
