import type { MessageParams, ParamValue } from '../../domain/finding.js'
import { count, date, dateOrPeriod, num } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, wordFor, type Message, type Words } from '../message.js'

/**
 * Finding texts of the freshness check (checks/freshness.ts), keyed by finding code.
 * Params: `frequency` (EU frequency code), `declared` (the value as published), `since`
 * (date of the last change), `firstObservation` (the date is only our first sighting),
 * `days`, `lastModified`; for the observed rhythm `changes`, `lastChange`, `typicalDays`,
 * `shortestDays`, `longestDays`, `atEveryFetch`; for dct:modified against what happened
 * `declared` (a date, year or month), `changed`, `level` ('dataset' | 'distribution') and the
 * flags `firstObservation` / `lastModified` on `since`.
 */

/** The EU update frequencies in words, by EU code (checks/vocabularies/frequencies.ts reads the codes). */
export const frequencyLabels: Words = {
  '1MIN': { sv: 'varje minut', en: 'every minute' },
  '5MIN': { sv: 'var femte minut', en: 'every five minutes' },
  '10MIN': { sv: 'var tionde minut', en: 'every ten minutes' },
  '15MIN': { sv: 'var femtonde minut', en: 'every fifteen minutes' },
  '30MIN': { sv: 'varje halvtimme', en: 'every half hour' },
  'HOURLY': { sv: 'varje timme', en: 'hourly' },
  'BIHOURLY': { sv: 'varannan timme', en: 'every two hours' },
  'TRIHOURLY': { sv: 'var tredje timme', en: 'every three hours' },
  '12HRS': { sv: 'var tolfte timme', en: 'every twelve hours' },
  'DAILY_2': { sv: 'två gånger om dagen', en: 'twice a day' },
  'DAILY': { sv: 'dagligen', en: 'daily' },
  'WEEKLY_5': { sv: 'fem gånger i veckan', en: 'five times a week' },
  'WEEKLY_3': { sv: 'tre gånger i veckan', en: 'three times a week' },
  'WEEKLY_2': { sv: 'två gånger i veckan', en: 'semiweekly' },
  'WEEKLY': { sv: 'varje vecka', en: 'weekly' },
  'BIWEEKLY': { sv: 'varannan vecka', en: 'biweekly' },
  'MONTHLY_3': { sv: 'tre gånger i månaden', en: 'three times a month' },
  'MONTHLY_2': { sv: 'två gånger i månaden', en: 'semimonthly' },
  'MONTHLY': { sv: 'varje månad', en: 'monthly' },
  'BIMONTHLY': { sv: 'varannan månad', en: 'bimonthly' },
  'QUARTERLY': { sv: 'varje kvartal', en: 'quarterly' },
  'ANNUAL_3': { sv: 'tre gånger om året', en: 'three times a year' },
  'ANNUAL_2': { sv: 'varje halvår', en: 'semiannual' },
  'ANNUAL': { sv: 'årligen', en: 'annual' },
  'BIENNIAL': { sv: 'vartannat år', en: 'biennial' },
  'TRIENNIAL': { sv: 'vart tredje år', en: 'triennial' },
  'QUADRENNIAL': { sv: 'vart fjärde år', en: 'quadrennial' },
  'QUINQUENNIAL': { sv: 'vart femte år', en: 'quinquennial' },
  'DECENNIAL': { sv: 'vart tionde år', en: 'decennial' },
  'BIDECENNIAL': { sv: 'vart tjugonde år', en: 'bidecennial' },
  'TRIDECENNIAL': { sv: 'vart trettionde år', en: 'tridecennial' },
  'CONT': { sv: 'kontinuerligt', en: 'continuous' },
  'UPDATE_CONT': { sv: 'uppdateras kontinuerligt', en: 'continuously updated' },
  'IRREG': { sv: 'oregelbundet', en: 'irregular' },
  'AS_NEEDED': { sv: 'vid behov', en: 'as needed' },
  'OTHER': { sv: 'annan', en: 'other' },
  'OP_DATPRO': { sv: 'provisoriska data', en: 'provisional data' },
  'NEVER': { sv: 'aldrig', en: 'never' },
  'NOT_PLANNED': { sv: 'inte planerad', en: 'not planned' },
  'UNKNOWN': { sv: 'okänd', en: 'unknown' },
}

const frequency = (lang: Lang, p: MessageParams): string => wordFor(frequencyLabels, lang, p.frequency)

/** "12 mars 2026" or "12 mars 2026 (oförändrad sedan första observationen)". */
function since(lang: Lang, p: MessageParams): string {
  const note = p.firstObservation ? (lang === 'sv' ? ' (oförändrad sedan första observationen)' : ' (unchanged since our first observation)') : ''
  return `${date(lang, p.since)}${note}`
}

const stale = (lang: Lang, p: MessageParams): string =>
  lang === 'sv'
    ? `Filen ska uppdateras ${frequency('sv', p)} men har inte ändrats sedan ${since('sv', p)} (${count('sv', p.days, 'dag', 'dagar')}).`
    : `The declared update frequency is ${frequency('en', p)}, but the file has not changed since ${since('en', p)} (${count('en', p.days, 'day', 'days')}).`

const staleFix: Message = { sv: 'Uppdatera filen, eller ändra dct:accrualPeriodicity till den frekvens ni faktiskt klarar (t.ex. IRREG om uppdateringar sker oregelbundet).', en: 'Update the file, or change dct:accrualPeriodicity to the frequency you actually keep (e.g. IRREG if updates are irregular).' }

/** The EU frequency IRIs, as the hints write them. */
const FREQ_IRI = 'http://publications.europa.eu/resource/authority/frequency/'

/** "6 dagars mellanrum" / "6 days". */
function gap(lang: Lang, days: ParamValue): string {
  const n = Number(days)
  return lang === 'sv' ? `${num('sv', n)} ${n === 1 ? 'dags' : 'dagars'} mellanrum` : `${num('en', n)} ${n === 1 ? 'day' : 'days'}`
}

/** What the observed rhythm amounts to, after "changed N times in M days (last on …)". */
function rhythmTail(lang: Lang, p: MessageParams): string {
  const sv = lang === 'sv'
  if (p.typicalDays === null || p.typicalDays === undefined) return '.'
  if (p.atEveryFetch) return sv ? `, varje gång datavakt hämtade den (med ungefär ${gap('sv', p.typicalDays)}), så den ändras minst så ofta.` : `, at every fetch by datavakt (about every ${gap('en', p.typicalDays)}), so it changes at least that often.`
  if (p.frequency === 'IRREG') return sv ? `, oregelbundet: med ${num('sv', p.shortestDays)} till ${num('sv', p.longestDays)} dagar mellan ändringarna.` : `, irregularly: ${num('en', p.shortestDays)} to ${num('en', p.longestDays)} days apart.`
  const named = p.frequency ? (sv ? `, alltså ${frequency('sv', p)}` : `, that is ${frequency('en', p)}`) : ''
  return sv ? `, i regel med ${gap('sv', p.typicalDays)}${named}.` : `, usually every ${gap('en', p.typicalDays)}${named}.`
}

/** Whose dct:modified: the dataset's or the file's own. */
const whose = (lang: Lang, p: MessageParams): string => (p.level === 'distribution' ? (lang === 'sv' ? 'filen' : 'file') : lang === 'sv' ? 'datamängden' : 'dataset')

/** The date since which the file is unchanged, with how we know it when that matters. */
function unchangedSince(lang: Lang, p: MessageParams): string {
  const sv = lang === 'sv'
  const note = p.firstObservation
    ? sv ? ' (datavakt har sett samma innehåll sedan dess; den kan vara äldre)' : ' (datavakt has seen the same content since then; it may be older)'
    : p.lastModified ? (sv ? ' (enligt serverns Last-Modified)' : " (by the server's Last-Modified)") : ''
  return `${sv ? 'den ' : ''}${date(lang, p.since)}${note}`
}

export const freshnessFindingMessages = defineFindingMessages({
  'missing-accrual-periodicity': { message: { sv: 'Datamängden anger inte hur ofta den uppdateras.', en: 'The dataset does not say how often it is updated.' }, hint: { sv: 'Ange dct:accrualPeriodicity med EU:s frekvensvokabulär, t.ex. http://publications.europa.eu/resource/authority/frequency/MONTHLY.', en: 'Declare dct:accrualPeriodicity from the EU frequency vocabulary, e.g. http://publications.europa.eu/resource/authority/frequency/MONTHLY.' } },
  'unknown-accrual-periodicity': { message: { sv: (p) => `Uppdateringsfrekvensen "${p.declared}" går inte att tolka.`, en: (p) => `The update frequency "${p.declared}" cannot be read.` }, hint: { sv: 'Använd en IRI ur EU:s frekvensvokabulär, t.ex. http://publications.europa.eu/resource/authority/frequency/WEEKLY.', en: 'Use an IRI from the EU frequency vocabulary, e.g. http://publications.europa.eu/resource/authority/frequency/WEEKLY.' } },
  'no-regular-periodicity': { message: { sv: (p) => `Uppdateringsfrekvensen är "${frequency('sv', p)}"; aktualitet bedöms inte.`, en: (p) => `The update frequency is "${frequency('en', p)}"; freshness is not graded.` }, hint: { sv: 'Om datamängden uppdateras regelbundet, ange den faktiska frekvensen så att användare vet vad de kan vänta sig.', en: 'If the dataset is updated regularly, declare the real frequency so users know what to expect.' } },
  'last-modified-unreliable': { message: { sv: 'Servern ändrar Last-Modified fast innehållet är detsamma.', en: 'The server changes Last-Modified although the content stays the same.' }, hint: { sv: 'Låt servern skicka filens verkliga ändringstid och en ETag, så kan användare och datavakt se när data faktiskt ändras.', en: "Let the server send the file's real modification time and an ETag, so users and datavakt can tell when data really changes." } },
  'last-modified-in-future': { message: { sv: (p) => `Last-Modified ligger i framtiden (${p.lastModified}).`, en: (p) => `Last-Modified is in the future (${p.lastModified}).` }, hint: { sv: 'Kontrollera serverns klocka och hur Last-Modified sätts.', en: 'Check the server clock and how Last-Modified is set.' } },
  'freshness-due': { message: { sv: (p) => `Filen ska uppdateras ${frequency('sv', p)} och senaste ändringen var ${since('sv', p)}; en uppdatering väntas nu.`, en: (p) => `The declared update frequency is ${frequency('en', p)}; the file last changed on ${since('en', p)}, so an update is due now.` }, hint: { sv: 'Publicera nästa uppdatering enligt den angivna frekvensen.', en: 'Publish the next update as the declared frequency promises.' } },
  'freshness-overdue': { message: { sv: (p) => stale('sv', p), en: (p) => stale('en', p) }, hint: staleFix },
  'freshness-delinquent': { message: { sv: (p) => stale('sv', p), en: (p) => stale('en', p) }, hint: staleFix },
  'observed-update-rhythm': {
    message: { sv: (p) => `Filen har ändrats ${count('sv', p.changes, 'gång', 'gånger')} på ${count('sv', p.days, 'dag', 'dagar')} (senast ${date('sv', p.lastChange)})${rhythmTail('sv', p)}`, en: (p) => `The file changed ${count('en', p.changes, 'time', 'times')} in ${count('en', p.days, 'day', 'days')} (last on ${date('en', p.lastChange)})${rhythmTail('en', p)}` },
    hint: {
      sv: (p) =>
        p.atEveryFetch
          ? `Ange i dct:accrualPeriodicity hur ofta data faktiskt uppdateras, t.ex. ${FREQ_IRI}DAILY, eller ${FREQ_IRI}UPDATE_CONT om den uppdateras löpande.`
          : p.frequency === 'IRREG'
            ? `Ändringarna följer inget fast schema: ange ${FREQ_IRI}IRREG i dct:accrualPeriodicity, eller uppdatera enligt ett fast schema och ange det.`
            : p.frequency
              ? `Om det är så ni uppdaterar, ange dct:accrualPeriodicity ${FREQ_IRI}${p.frequency}, så vet användarna vad de kan vänta sig.`
              : 'Ange i dct:accrualPeriodicity hur ofta datamängden uppdateras, så vet användarna vad de kan vänta sig.',
      en: (p) =>
        p.atEveryFetch
          ? `Declare in dct:accrualPeriodicity how often the data really is updated, e.g. ${FREQ_IRI}DAILY, or ${FREQ_IRI}UPDATE_CONT if it is updated continuously.`
          : p.frequency === 'IRREG'
            ? `The changes follow no fixed schedule: declare ${FREQ_IRI}IRREG in dct:accrualPeriodicity, or update on a fixed schedule and declare it.`
            : p.frequency
              ? `If this is how you update it, declare dct:accrualPeriodicity ${FREQ_IRI}${p.frequency}, so users know what to expect.`
              : 'Declare in dct:accrualPeriodicity how often the dataset is updated, so users know what to expect.',
    },
  },
  'no-change-observed': { message: { sv: (p) => `Filen har inte ändrats på ${count('sv', p.days, 'dag', 'dagar')} (sedan ${date('sv', p.since)}).`, en: (p) => `The file has not changed in ${count('en', p.days, 'day', 'days')} (since ${date('en', p.since)}).` }, hint: { sv: `Ange i dct:accrualPeriodicity hur ofta datamängden uppdateras, t.ex. ${FREQ_IRI}ANNUAL, eller ${FREQ_IRI}NOT_PLANNED om den inte ska uppdateras.`, en: `Declare in dct:accrualPeriodicity how often the dataset is updated, e.g. ${FREQ_IRI}ANNUAL, or ${FREQ_IRI}NOT_PLANNED if no updates are planned.` } },
  'declared-modified-without-change': { message: { sv: (p) => `Katalogen anger att ${whose('sv', p)} uppdaterades ${dateOrPeriod('sv', p.declared)}, men filen har inte ändrats sedan ${unchangedSince('sv', p)}.`, en: (p) => `The catalogue says the ${whose('en', p)} was updated ${dateOrPeriod('en', p.declared)}, but the file has not changed since ${unchangedSince('en', p)}.` }, hint: { sv: 'Publicera den nya filen på adressen i katalogen, eller rätta dct:modified till den dag data senast ändrades.', en: 'Publish the new file at the address in the catalogue, or correct dct:modified to the day the data last changed.' } },
  'declared-modified-behind-change': { message: { sv: (p) => `Filen ändrades ${dateOrPeriod('sv', p.changed)}, men katalogen anger fortfarande att ${whose('sv', p)} senast ändrades ${dateOrPeriod('sv', p.declared)}.`, en: (p) => `The file changed ${dateOrPeriod('en', p.changed)}, but the catalogue still says the ${whose('en', p)} was last modified ${dateOrPeriod('en', p.declared)}.` }, hint: { sv: 'Uppdatera dct:modified när ni publicerar en ny version av filen, helst automatiskt i samma steg.', en: 'Update dct:modified whenever you publish a new version of the file, ideally automatically in the same step.' } },
})
