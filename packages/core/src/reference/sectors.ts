/**
 * The 15 industrial sectors for which the three basic lists are kept (§2 of the domain
 * reference). Guangyuan has not published its sector names: these keys and names are
 * ILLUSTRATIVE standard sector keys, kept at the published count of 15. Sectors are data, so a
 * city replaces this list without touching code.
 */
export interface SectorDefinition {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
}

export const SECTORS: ReadonlyArray<SectorDefinition> = [
  { key: "coal-mine", zh: "煤矿", en: "Coal mines" },
  { key: "non-coal-mine", zh: "非煤矿山", en: "Non-coal mines" },
  { key: "hazardous-chemicals", zh: "危险化学品", en: "Hazardous chemicals" },
  { key: "fireworks", zh: "烟花爆竹", en: "Fireworks" },
  { key: "metallurgy", zh: "冶金", en: "Metallurgy" },
  { key: "non-ferrous", zh: "有色", en: "Non-ferrous metals" },
  { key: "building-materials", zh: "建材", en: "Building materials" },
  { key: "machinery", zh: "机械", en: "Machinery" },
  { key: "light-industry", zh: "轻工", en: "Light industry" },
  { key: "textiles", zh: "纺织", en: "Textiles" },
  { key: "tobacco", zh: "烟草", en: "Tobacco" },
  { key: "commerce-trade", zh: "商贸", en: "Commerce and trade" },
  { key: "road-transport", zh: "道路运输", en: "Road transport" },
  { key: "construction", zh: "建筑施工", en: "Construction" },
  { key: "special-equipment", zh: "特种设备", en: "Special equipment" },
];

export const SECTOR_KEYS: ReadonlyArray<string> = SECTORS.map((s) => s.key);

export const isSector = (key: string): boolean => SECTOR_KEYS.includes(key);
