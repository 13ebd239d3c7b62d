/** Guangyuan's three districts (区) and four counties (县). Lizhou is the seat of the city. */
export interface DistrictDefinition {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly kind: "district" | "county";
  readonly seat?: boolean;
}

export const GUANGYUAN_DISTRICTS: ReadonlyArray<DistrictDefinition> = [
  { key: "lizhou", zh: "利州区", en: "Lizhou District", kind: "district", seat: true },
  { key: "zhaohua", zh: "昭化区", en: "Zhaohua District", kind: "district" },
  { key: "chaotian", zh: "朝天区", en: "Chaotian District", kind: "district" },
  { key: "wangcang", zh: "旺苍县", en: "Wangcang County", kind: "county" },
  { key: "qingchuan", zh: "青川县", en: "Qingchuan County", kind: "county" },
  { key: "jiange", zh: "剑阁县", en: "Jiange County", kind: "county" },
  { key: "cangxi", zh: "苍溪县", en: "Cangxi County", kind: "county" },
];

export const DISTRICT_KEYS: ReadonlyArray<string> = GUANGYUAN_DISTRICTS.map((d) => d.key);

export const isDistrict = (key: string): boolean => DISTRICT_KEYS.includes(key);
