/**
 * Update frequencies (dct:accrualPeriodicity) and the freshness thresholds we grade them by.
 *
 * Vocabularies read:
 * - The EU "Frequency" authority table, http://publications.europa.eu/resource/authority/frequency
 *   (https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://publications.europa.eu/resource/authority/frequency).
 *   DCAT-AP-SE (https://docs.dataportal.se/dcat/) prescribes this table for
 *   dct:accrualPeriodicity, written as the IRI; Swedish portals also show the Swedish labels
 *   ("Dagligen", "Varje vecka", ...), which we accept as free text.
 * - Dublin Core Collection Description Frequency Vocabulary, http://purl.org/cld/freq/
 *   (older DCAT-AP and CKAN exports).
 *
 * Thresholds follow HDX's Data Freshness rules (Humanitarian Data Exchange,
 * "Expected Update Frequency vs Freshness Status",
 * https://humanitarian.atlassian.net/wiki/spaces/HDX/pages/442826919 and the "Data Freshness"
 * page https://humanitarian.atlassian.net/wiki/spaces/HDX/pages/20742158). HDX grades a
 * dataset by its age (days since the last update) against its expected frequency f:
 *
 * | frequency   | fresh (up to date) | due  | overdue | delinquent |
 * | ----------- | ------------------ | ---- | ------- | ---------- |
 * | daily       | 0                  | 1    | 2       | 3          |
 * | weekly      | 0–6                | 7    | 14      | 21         |
 * | fortnightly | 0–13               | 14   | 21      | 28         |
 * | monthly     | 0–29               | 30   | 44      | 60         |
 * | quarterly   | 0–89               | 90   | 120     | 150        |
 * | semiannual  | 0–179              | 180  | 210     | 240        |
 * | annual      | 0–364              | 365  | 425     | 455        |
 * | never, live, as needed | always fresh; never due, overdue or delinquent |
 *
 * So due = f, overdue = f + a, delinquent = f + b with (a, b) = (1, 2) daily, (7, 14)
 * weekly and fortnightly, (14, 30) monthly, (30, 60) quarterly and semiannual, (60, 90)
 * annual. The EU table has frequencies HDX lacks; for those we take the leeway of the HDX
 * frequency nearest below (sub-daily ones use daily: we observe a file at most a few
 * times a day), and for intervals longer than a year we scale the annual leeway by f/365.
 * Each entry says whether its thresholds are HDX's own (`source: 'hdx'`) or extrapolated.
 */

export const FREQUENCY_BASE = 'http://publications.europa.eu/resource/authority/frequency/'

/** How a frequency is graded. */
export type FrequencyKind = 'regular' | 'continuous' | 'irregular' | 'never' | 'unknown'

export interface FrequencyThresholds {
  /** Expected interval in days (f). */
  intervalDays: number
  dueDays: number
  overdueDays: number
  delinquentDays: number
  /** 'hdx' = taken from HDX's table; 'extrapolated' = our rule above. */
  source: 'hdx' | 'extrapolated'
}

export interface FrequencyInfo {
  /** EU code, e.g. 'DAILY'. */
  code: string
  kind: FrequencyKind
  /** Present only for kind 'regular'. */
  thresholds?: FrequencyThresholds
}

/** HDX's seven graded frequencies: [f, overdue leeway, delinquent leeway]. */
const HDX_ROWS: [number, number, number][] = [
  [1, 1, 2],
  [7, 7, 14],
  [14, 7, 14],
  [30, 14, 30],
  [90, 30, 60],
  [180, 30, 60],
  [365, 60, 90],
]

/** Thresholds for an interval of f days, per the rules in the module comment. */
export function thresholdsForInterval(f: number): FrequencyThresholds {
  const exact = HDX_ROWS.find((r) => r[0] === f)
  if (exact) return { intervalDays: f, dueDays: f, overdueDays: f + exact[1], delinquentDays: f + exact[2], source: 'hdx' }
  if (f < 1) return { intervalDays: f, dueDays: 1, overdueDays: 2, delinquentDays: 3, source: 'extrapolated' }
  if (f > 365) {
    return {
      intervalDays: f,
      dueDays: f,
      overdueDays: Math.round(f + (60 * f) / 365),
      delinquentDays: Math.round(f + (90 * f) / 365),
      source: 'extrapolated',
    }
  }
  let below = HDX_ROWS[0]
  for (const r of HDX_ROWS) if (r[0] <= f) below = r
  const due = Math.ceil(f)
  return { intervalDays: f, dueDays: due, overdueDays: due + below[1], delinquentDays: due + below[2], source: 'extrapolated' }
}

function regular(code: string, days: number): FrequencyInfo {
  return { code, kind: 'regular', thresholds: thresholdsForInterval(days) }
}
function other(code: string, kind: FrequencyKind): FrequencyInfo {
  return { code, kind }
}

/**
 * The EU frequency table, keyed by code. Its labels are words: src/i18n/messages/findings-freshness.ts.
 * A regular code's interval in days is written as the code reads: every n minutes n / 1440,
 * every n hours n / 24, n times a day, week or month 1 / n, 7 / n, 30 / n (a month is 30 days).
 */
export const FREQUENCIES: Readonly<Record<string, FrequencyInfo>> = Object.fromEntries(
  [
    regular('1MIN', 1 / 1440),
    regular('5MIN', 5 / 1440),
    regular('10MIN', 10 / 1440),
    regular('15MIN', 15 / 1440),
    regular('30MIN', 30 / 1440),
    regular('HOURLY', 1 / 24),
    regular('BIHOURLY', 2 / 24),
    regular('TRIHOURLY', 3 / 24),
    regular('12HRS', 12 / 24),
    regular('DAILY_2', 1 / 2),
    regular('DAILY', 1),
    regular('WEEKLY_5', 7 / 5),
    regular('WEEKLY_3', 7 / 3),
    regular('WEEKLY_2', 7 / 2),
    regular('WEEKLY', 7),
    regular('BIWEEKLY', 14),
    regular('MONTHLY_3', 30 / 3),
    regular('MONTHLY_2', 30 / 2),
    regular('MONTHLY', 30),
    regular('BIMONTHLY', 60),
    regular('QUARTERLY', 90),
    regular('ANNUAL_3', 122),
    regular('ANNUAL_2', 180),
    regular('ANNUAL', 365),
    regular('BIENNIAL', 730),
    regular('TRIENNIAL', 1095),
    regular('QUADRENNIAL', 1461),
    regular('QUINQUENNIAL', 1826),
    regular('DECENNIAL', 3652),
    regular('BIDECENNIAL', 7305),
    regular('TRIDECENNIAL', 10957),
    other('CONT', 'continuous'),
    other('UPDATE_CONT', 'continuous'),
    other('IRREG', 'irregular'),
    other('AS_NEEDED', 'irregular'),
    other('OTHER', 'irregular'),
    other('OP_DATPRO', 'irregular'),
    other('NEVER', 'never'),
    other('NOT_PLANNED', 'never'),
    other('UNKNOWN', 'unknown'),
  ].map((f) => [f.code, f]),
)

/** Dublin Core cld/freq terms → EU codes. */
const DC_FREQ: Record<string, string> = {
  triennial: 'TRIENNIAL',
  biennial: 'BIENNIAL',
  annual: 'ANNUAL',
  semiannual: 'ANNUAL_2',
  threetimesayear: 'ANNUAL_3',
  quarterly: 'QUARTERLY',
  bimonthly: 'BIMONTHLY',
  monthly: 'MONTHLY',
  semimonthly: 'MONTHLY_2',
  biweekly: 'BIWEEKLY',
  threetimesamonth: 'MONTHLY_3',
  weekly: 'WEEKLY',
  semiweekly: 'WEEKLY_2',
  threetimesaweek: 'WEEKLY_3',
  daily: 'DAILY',
  continuous: 'CONT',
  irregular: 'IRREG',
}

/** Free-text labels (Swedish and English, lower case) → EU codes. */
const LABELS: Record<string, string> = {
  dagligen: 'DAILY',
  daglig: 'DAILY',
  'varje dag': 'DAILY',
  'en gång per dag': 'DAILY',
  veckovis: 'WEEKLY',
  'varje vecka': 'WEEKLY',
  'en gång i veckan': 'WEEKLY',
  månadsvis: 'MONTHLY',
  'varje månad': 'MONTHLY',
  'en gång i månaden': 'MONTHLY',
  kvartalsvis: 'QUARTERLY',
  'varje kvartal': 'QUARTERLY',
  årligen: 'ANNUAL',
  'varje år': 'ANNUAL',
  'en gång per år': 'ANNUAL',
  årsvis: 'ANNUAL',
  halvårsvis: 'ANNUAL_2',
  'varje halvår': 'ANNUAL_2',
  oregelbundet: 'IRREG',
  oregelbunden: 'IRREG',
  'vid behov': 'AS_NEEDED',
  kontinuerligt: 'CONT',
  kontinuerlig: 'CONT',
  realtid: 'CONT',
  aldrig: 'NEVER',
  okänd: 'UNKNOWN',
  okänt: 'UNKNOWN',
  hourly: 'HOURLY',
  'varje timme': 'HOURLY',
  yearly: 'ANNUAL',
}

/**
 * Reads a dct:accrualPeriodicity value: the EU IRI (http/https, trailing slash, any case),
 * a Dublin Core freq IRI, a bare EU code ("DAILY", "annual") or a Swedish/English label.
 * Returns null for anything else (never guesses).
 */
export function resolveFrequency(value: string | null | undefined): FrequencyInfo | null {
  if (!value) return null
  const v = value.trim()
  if (v === '') return null
  const eu = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/([A-Za-z0-9_]+)\/?$/.exec(v)
  if (eu) return FREQUENCIES[eu[1].toUpperCase()] ?? null
  const dc = /^https?:\/\/purl\.org\/cld\/freq\/([A-Za-z]+)\/?$/.exec(v)
  if (dc) {
    const code = DC_FREQ[dc[1].toLowerCase()]
    return code ? FREQUENCIES[code] : null
  }
  const upper = v.toUpperCase()
  if (FREQUENCIES[upper]) return FREQUENCIES[upper]
  const lower = v.toLowerCase()
  const dcCode = DC_FREQ[lower.replace(/\s+/g, '')]
  if (dcCode) return FREQUENCIES[dcCode]
  const label = LABELS[lower]
  return label ? FREQUENCIES[label] : null
}

/** The common regular frequencies an observed update rhythm is named by. */
const RHYTHM_NAMES = ['DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL_2', 'ANNUAL'] as const

/** How far (as a share of its interval) an observed interval may be from a frequency and still be named by it. */
const RHYTHM_TOLERANCE = 0.3

/**
 * The EU code of the common frequency (daily, weekly, every two weeks, monthly, quarterly,
 * half-yearly, annual) whose interval is within 30 % of `days`; null when none is. Names an
 * observed update rhythm; never used to grade.
 */
export function frequencyForInterval(days: number): string | null {
  for (const code of RHYTHM_NAMES) {
    const f = FREQUENCIES[code].thresholds!.intervalDays
    if (Math.abs(days - f) <= f * RHYTHM_TOLERANCE) return code
  }
  return null
}
