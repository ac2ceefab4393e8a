/** User-facing words of the dashboards, Swedish by default, English available. */
export type Lang = 'sv' | 'en'

const sv = {
  appName: 'datavakt',
  tagline: 'Kvalitet och tillgänglighet i öppna data',
  region: 'Regionen',
  organisations: 'Organisationer',
  organisation: 'Organisation',
  datasets: 'Datamängder',
  dataset: 'Datamängd',
  distributions: 'Distributioner',
  total: 'Totalt',
  availability: 'Tillgänglighet',
  freshness: 'Aktualitet',
  format: 'Format',
  conformance: 'Följer specifikation',
  metadata: 'Metadata',
  score: 'Poäng',
  trend: 'Utveckling',
  problems: 'Problem, värst först',
  noProblems: 'Inga problem hittades.',
  noData: 'Inga resultat ännu. Kör en skördning och kontroller (datavakt harvest, datavakt sweep) eller prova `npm run demo`.',
  broken: 'Trasiga',
  degraded: 'Instabila',
  catalogueHealth: 'Katalogernas hälsa',
  lastHarvest: 'Senaste skördning',
  status: 'Status',
  reason: 'Orsak',
  fix: 'Så åtgärdar du',
  pointsToGain: 'Poäng att vinna',
  state: 'Tillstånd',
  lastProbe: 'Senaste kontroll',
  uptime30: 'Drifttid 30 d',
  badge: 'Märke',
  export: 'Exportera CSV',
  notScored: 'ej bedömd',
  stateNames: { ok: 'fungerar', degraded: 'instabil', broken: 'trasig', unknown: 'okänd' } as Record<string, string>,
  harvestOk: 'ok',
  harvestFailed: 'misslyckades',
  datasetsCount: 'datamängder',
  url: 'Adress',
  findings: 'Fynd',
  distribution: 'Distribution',
}

const en: typeof sv = {
  appName: 'datavakt',
  tagline: 'Quality and availability of open data',
  region: 'Region',
  organisations: 'Organisations',
  organisation: 'Organisation',
  datasets: 'Datasets',
  dataset: 'Dataset',
  distributions: 'Distributions',
  total: 'Total',
  availability: 'Availability',
  freshness: 'Freshness',
  format: 'Format',
  conformance: 'Conformance',
  metadata: 'Metadata',
  score: 'Score',
  trend: 'Trend',
  problems: 'Problems, worst first',
  noProblems: 'No problems found.',
  noData: 'No results yet. Run a harvest and checks (datavakt harvest, datavakt sweep) or try `npm run demo`.',
  broken: 'Broken',
  degraded: 'Degraded',
  catalogueHealth: 'Catalogue health',
  lastHarvest: 'Last harvest',
  status: 'Status',
  reason: 'Reason',
  fix: 'How to fix',
  pointsToGain: 'Points to gain',
  state: 'State',
  lastProbe: 'Last probe',
  uptime30: 'Uptime 30 d',
  badge: 'Badge',
  export: 'Export CSV',
  notScored: 'not scored',
  stateNames: { ok: 'working', degraded: 'degraded', broken: 'broken', unknown: 'unknown' },
  harvestOk: 'ok',
  harvestFailed: 'failed',
  datasetsCount: 'datasets',
  url: 'URL',
  findings: 'Findings',
  distribution: 'Distribution',
}

export type Texts = typeof sv

/** The texts for a language; anything but 'en' gives Swedish. */
export function texts(lang: string | undefined): Texts {
  return lang === 'en' ? en : sv
}

/** Picks the best string of a language-tagged text: the page language, then sv, en, untagged, any. */
export function pickLang(text: Record<string, string> | null | undefined, lang: Lang = 'sv'): string {
  if (!text) return ''
  return text[lang] ?? text.sv ?? text.en ?? text[''] ?? Object.values(text)[0] ?? ''
}
