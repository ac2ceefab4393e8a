import { count, num } from '../format.js'
import type { Message } from '../message.js'

/**
 * Texts of the dashboards (server-rendered pages), keyed by a stable dotted key starting
 * with "pages.". The five dimensions, availability states, check statuses and severities
 * are shared words: they live in common.ts (`dimension.*`, `state.*`, `status.*`,
 * `severity.*`).
 */
export const pagesMessages = {
  // The frame every page shares.
  'pages.layout.export': { sv: 'Exportera CSV', en: 'Export CSV' },
  /** The link to the page in the other language, named in that language. */
  'pages.layout.other-language': { sv: 'English', en: 'Svenska' },
  'pages.layout.main-navigation': { sv: 'Huvudmeny', en: 'Main menu' },
  'pages.layout.breadcrumb': { sv: 'Du är här', en: 'You are here' },

  // Shared by several pages.
  'pages.trend': { sv: 'Utveckling', en: 'Trend' },
  'pages.trend.label': { sv: 'Totalpoäng per dag', en: 'Total score per day' },
  'pages.badge': { sv: 'Märke', en: 'Badge' },
  'pages.no-problems': { sv: 'Inga problem hittades.', en: 'No problems found.' },
  'pages.column.organisation': { sv: 'Organisation', en: 'Organisation' },
  'pages.column.dataset': { sv: 'Datamängd', en: 'Dataset' },
  'pages.column.datasets': { sv: 'Datamängder', en: 'Datasets' },
  'pages.column.broken': { sv: 'Trasiga', en: 'Broken' },
  'pages.column.degraded': { sv: 'Instabila', en: 'Degraded' },

  // The region page.
  'pages.region.title': { sv: 'Regionen', en: 'Region' },
  'pages.region.no-data': {
    sv: 'Inga resultat ännu. Kör en skördning och kontroller (datavakt harvest, datavakt sweep) eller prova npm run demo.',
    en: 'No results yet. Run a harvest and the checks (datavakt harvest, datavakt sweep) or try npm run demo.',
  },
  'pages.region.organisations': { sv: 'Organisationer', en: 'Organisations' },
  'pages.region.catalogue-health': { sv: 'Katalogernas hälsa', en: 'Catalogue health' },
  'pages.region.column.source': { sv: 'Källa', en: 'Source' },
  'pages.region.column.url': { sv: 'Adress', en: 'URL' },
  'pages.region.column.last-harvest': { sv: 'Senaste skördning', en: 'Last harvest' },
  'pages.region.column.status': { sv: 'Status', en: 'Status' },
  'pages.region.harvest-ok': { sv: 'ok', en: 'ok' },
  'pages.region.harvest-failed': { sv: 'misslyckades', en: 'failed' },

  // An organisation's page.
  'pages.organisation.crumb': { sv: 'Organisation', en: 'Organisation' },
  'pages.organisation.unknown-name': { sv: 'Datamängder utan organisation', en: 'Datasets without an organisation' },
  'pages.organisation.problems': { sv: 'Problem, värst först', en: 'Problems, worst first' },
  'pages.organisation.problems-shown': {
    sv: (p) => `Visar ${num('sv', p.shown, 0)} av ${count('sv', p.total, 'problem', 'problem')}.`,
    en: (p) => `Showing ${num('en', p.shown, 0)} of ${count('en', p.total, 'problem', 'problems')}.`,
  },
  'pages.organisation.column.reason': { sv: 'Orsak', en: 'Reason' },
  'pages.organisation.column.points-to-gain': { sv: 'Poäng att vinna', en: 'Points to gain' },
  'pages.organisation.fix': { sv: 'Så åtgärdar du', en: 'How to fix' },
  'pages.organisation.occurrences': {
    sv: (p) => count('sv', p.n, 'förekomst', 'förekomster'),
    en: (p) => count('en', p.n, 'occurrence', 'occurrences'),
  },
  'pages.organisation.datasets': { sv: 'Datamängder', en: 'Datasets' },

  // A dataset's page.
  'pages.dataset.crumb': { sv: 'Datamängd', en: 'Dataset' },
  'pages.dataset.distributions': { sv: 'Distributioner', en: 'Distributions' },
  'pages.dataset.state': { sv: 'Tillstånd', en: 'State' },
  'pages.dataset.last-probe': { sv: 'Senaste kontroll', en: 'Last probe' },

  // Error pages.
  'pages.error.bad-request': { sv: 'Felaktig förfrågan', en: 'Bad request' },
  'pages.error.iri-missing': { sv: 'Adressen saknar parametern iri.', en: 'The address lacks its iri parameter.' },
  'pages.error.not-found': { sv: 'Hittades inte', en: 'Not found' },
  'pages.error.unknown-organisation': {
    sv: (p) => `Ingen organisation med IRI ${p.iri} är känd här.`,
    en: (p) => `No organisation with the IRI ${p.iri} is known here.`,
  },
  'pages.error.unknown-dataset': {
    sv: (p) => `Ingen datamängd med IRI ${p.iri} är känd här.`,
    en: (p) => `No dataset with the IRI ${p.iri} is known here.`,
  },
  'pages.error.no-page': { sv: (p) => `Det finns ingen sida på ${p.path}.`, en: (p) => `There is no page at ${p.path}.` },
  'pages.error.internal': { sv: 'Något gick fel', en: 'Something went wrong' },
  'pages.error.internal-text': {
    sv: (p) => `Sidan kunde inte visas på grund av ett internt fel. Uppge felnumret ${p.id} om du kontaktar oss.`,
    en: (p) => `The page could not be shown because of an internal error. Quote the error id ${p.id} if you contact us.`,
  },
  'pages.error.home': { sv: 'Till regionens sida', en: "To the region's page" },
} as const satisfies Record<string, Message>
