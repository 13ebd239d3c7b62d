/**
 * Who is who in the Guangyuan scenario. ILLUSTRATIVE: which department leads which workstream is
 * not public. What is kept from the published programme: 2 special topics + 13 special projects
 * = 15 working classes, led by 9 distinct lead units; 3 districts and 4 counties.
 */

export interface Unit {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
}

export const UNITS = {
  emb: { id: "GY-EMB", zh: "市应急管理局", en: "Emergency Management Bureau" },
  fire: { id: "GY-FIRE", zh: "市消防救援支队", en: "Fire and Rescue Detachment" },
  transport: { id: "GY-TRANS", zh: "市交通运输局", en: "Transport Bureau" },
  housing: { id: "GY-HOUSING", zh: "市住房和城乡建设局", en: "Housing and Urban-Rural Development Bureau" },
  economy: { id: "GY-ECON", zh: "市经济和信息化局", en: "Economy and Information Technology Bureau" },
  ecology: { id: "GY-ECOENV", zh: "市生态环境局", en: "Ecology and Environment Bureau" },
  market: { id: "GY-MARKET", zh: "市市场监督管理局", en: "Market Regulation Administration" },
  agriculture: { id: "GY-AGRI", zh: "市农业农村局", en: "Agriculture and Rural Affairs Bureau" },
  traffic: { id: "GY-TRAFFIC", zh: "市公安局交通警察支队", en: "Traffic Police Detachment" },
} as const satisfies Record<string, Unit>;

/** The lead group office (市安办) sits in the Emergency Management Bureau. */
export const OFFICE: Unit = {
  id: "GY-SAFETY-OFFICE",
  zh: "市安全生产委员会办公室",
  en: "Work Safety Committee Office",
};
export const LEAD_GROUP: Unit = {
  id: "GY-LEAD-GROUP",
  zh: "市安全生产专项整治三年行动领导小组",
  en: "Three-Year Action Lead Group",
};

export const PEOPLE = {
  mayor: "Mayor (illustrative)",
  deputyMayor: "Deputy Mayor in charge (illustrative)",
  officeClerk: "Office clerk Li",
  auditor: "Auditor Chen",
} as const;

export interface CountyOrDistrict {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly kind: "district" | "county";
}

export const COUNTIES: ReadonlyArray<CountyOrDistrict> = [
  { id: "lizhou", zh: "利州区", en: "Lizhou", kind: "district" },
  { id: "zhaohua", zh: "昭化区", en: "Zhaohua", kind: "district" },
  { id: "chaotian", zh: "朝天区", en: "Chaotian", kind: "district" },
  { id: "wangcang", zh: "旺苍县", en: "Wangcang", kind: "county" },
  { id: "qingchuan", zh: "青川县", en: "Qingchuan", kind: "county" },
  { id: "jiange", zh: "剑阁县", en: "Jiange", kind: "county" },
  { id: "cangxi", zh: "苍溪县", en: "Cangxi", kind: "county" },
];

/** The county governments, co-responsible for many elements. */
export const countyGovernment = (c: CountyOrDistrict): Unit => ({
  id: `GY-GOV-${c.id.toUpperCase()}`,
  zh: `${c.zh}人民政府`,
  en: `${c.en} ${c.kind === "district" ? "District" : "County"} Government`,
});

export interface WorkstreamPlan {
  readonly code: string;
  readonly kind: "topic" | "project";
  readonly zh: string;
  readonly en: string;
  readonly lead: Unit;
  readonly members: ReadonlyArray<Unit>;
  /** How many Key Task List elements it has (they add up to 291). */
  readonly elements: number;
}

const u = UNITS;
export const WORKSTREAMS: ReadonlyArray<WorkstreamPlan> = [
  {
    code: "T1",
    kind: "topic",
    zh: "学习宣传贯彻习近平总书记关于安全生产重要论述",
    en: "Studying the central leadership's expositions on work safety",
    lead: u.emb,
    members: [u.fire, u.transport],
    elements: 12,
  },
  {
    code: "T2",
    kind: "topic",
    zh: "落实企业安全生产主体责任",
    en: "Enterprises' primary responsibility for work safety",
    lead: u.emb,
    members: [u.economy, u.market],
    elements: 25,
  },
  {
    code: "P01",
    kind: "project",
    zh: "危险化学品",
    en: "Hazardous chemicals",
    lead: u.emb,
    members: [u.economy, u.ecology, u.traffic],
    elements: 30,
  },
  {
    code: "P02",
    kind: "project",
    zh: "煤矿",
    en: "Coal mines",
    lead: u.emb,
    members: [u.economy],
    elements: 22,
  },
  {
    code: "P03",
    kind: "project",
    zh: "非煤矿山",
    en: "Non-coal mines",
    lead: u.emb,
    members: [u.ecology],
    elements: 20,
  },
  {
    code: "P04",
    kind: "project",
    zh: "消防",
    en: "Fire safety",
    lead: u.fire,
    members: [u.housing, u.market],
    elements: 24,
  },
  {
    code: "P05",
    kind: "project",
    zh: "道路运输",
    en: "Road transport",
    lead: u.transport,
    members: [u.traffic],
    elements: 22,
  },
  {
    code: "P06",
    kind: "project",
    zh: "交通运输（民航、铁路、邮政、水上和城市轨道交通）和渔业船舶",
    en: "Other transport and fishing vessels",
    lead: u.transport,
    members: [u.agriculture],
    elements: 16,
  },
  {
    code: "P07",
    kind: "project",
    zh: "城市建设",
    en: "Urban construction",
    lead: u.housing,
    members: [u.fire],
    elements: 22,
  },
  {
    code: "P08",
    kind: "project",
    zh: "工业园区等功能区",
    en: "Industrial parks and other functional zones",
    lead: u.economy,
    members: [u.emb, u.ecology],
    elements: 14,
  },
  {
    code: "P09",
    kind: "project",
    zh: "危险废物",
    en: "Hazardous waste",
    lead: u.ecology,
    members: [u.emb],
    elements: 12,
  },
  {
    code: "P10",
    kind: "project",
    zh: "工贸",
    en: "Industry and trade",
    lead: u.emb,
    members: [u.economy, u.market],
    elements: 24,
  },
  {
    code: "P11",
    kind: "project",
    zh: "特种设备",
    en: "Special equipment",
    lead: u.market,
    members: [u.housing],
    elements: 16,
  },
  {
    code: "P12",
    kind: "project",
    zh: "农村安全",
    en: "Rural safety",
    lead: u.agriculture,
    members: [u.housing, u.transport],
    elements: 14,
  },
  {
    code: "P13",
    kind: "project",
    zh: "道路交通安全",
    en: "Road traffic safety",
    lead: u.traffic,
    members: [u.transport],
    elements: 18,
  },
];
