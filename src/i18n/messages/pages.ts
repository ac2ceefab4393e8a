import { count, date, num } from '../format.js'
import type { Message } from '../message.js'

/**
 * Texts of the dashboards (server-rendered pages), keyed by a stable dotted key starting
 * with "pages.". The five dimensions, availability states, check statuses and severities
 * are shared words: they live in common.ts (`dimension.*`, `state.*`, `status.*`,
 * `severity.*`).
 */
/** The name of an API description's kind (checks/endpoint-description.ts), the same in both languages. */
const descriptionKind = (kind: unknown) => ({ openapi: 'OpenAPI 3', swagger: 'Swagger 2', wsdl: 'WSDL', 'ogc-capabilities': 'OGC capabilities' })[String(kind)] ?? String(kind)

export const pagesMessages = {
  // The frame every page shares.
  'pages.layout.export': { sv: 'Exportera CSV', en: 'Export CSV' },
  /** The link to the page in the other language, named in that language. */
  'pages.layout.other-language': { sv: 'English', en: 'Svenska' },
  'pages.layout.main-navigation': { sv: 'Huvudmeny', en: 'Main menu' },
  'pages.layout.breadcrumb': { sv: 'Du är här', en: 'You are here' },
  'pages.layout.skip': { sv: 'Hoppa till innehållet', en: 'Skip to the content' },

  // Shared by several pages.
  'pages.trend': { sv: 'Utveckling', en: 'Trend' },
  'pages.trend.label': { sv: 'Totalpoäng per dag', en: 'Total score per day' },
  'pages.trend.table': { sv: 'Värdena som tabell', en: 'The values as a table' },
  'pages.column.day': { sv: 'Dag', en: 'Day' },
  'pages.column.score': { sv: 'Poäng', en: 'Score' },
  'pages.badge': { sv: 'Märke', en: 'Badge' },
  'pages.no-problems': { sv: 'Inga problem hittades.', en: 'No problems found.' },
  'pages.column.organisation': { sv: 'Organisation', en: 'Organisation' },
  'pages.column.dataset': { sv: 'Datamängd', en: 'Dataset' },
  'pages.column.datasets': { sv: 'Datamängder', en: 'Datasets' },
  'pages.column.broken': { sv: 'Trasiga', en: 'Broken' },
  'pages.column.degraded': { sv: 'Instabila', en: 'Degraded' },
  'pages.column.files': { sv: 'Filer', en: 'Files' },
  'pages.column.milliseconds': { sv: 'Millisekunder', en: 'Milliseconds' },
  'pages.trend.period': { sv: 'Visa', en: 'Show' },
  'pages.trend.days': { sv: (p) => `${num('sv', p.n, 0)} dagar`, en: (p) => `${num('en', p.n, 0)} days` },
  'pages.trend.dimension-label': { sv: (p) => `${p.dimension}, poäng per dag`, en: (p) => `${p.dimension}, score per day` },
  'pages.trend.broken': { sv: 'Trasiga filer', en: 'Broken files' },
  'pages.trend.broken-label': { sv: 'Antal trasiga filer per dag', en: 'Number of broken files per day' },
  'pages.more': { sv: (p) => `och ${num('sv', p.n, 0)} till`, en: (p) => `and ${num('en', p.n, 0)} more` },
  'pages.since': { sv: (p) => `sedan ${date('sv', p.date)}`, en: (p) => `since ${date('en', p.date)}` },

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
  'pages.region.column.organisations': { sv: 'Organisationer', en: 'Organisations' },
  'pages.region.search.label': { sv: 'Sök organisation', en: 'Search organisations' },
  'pages.region.search.button': { sv: 'Sök', en: 'Search' },
  'pages.region.search.clear': { sv: 'Visa alla', en: 'Show all' },
  'pages.region.search.count': {
    sv: (p) => `${count('sv', p.n, 'organisation', 'organisationer')} av ${num('sv', p.total, 0)} visas.`,
    en: (p) => `${count('en', p.n, 'organisation', 'organisations')} of ${num('en', p.total, 0)} shown.`,
  },
  'pages.region.search.none': { sv: (p) => `Ingen organisation heter något med ”${p.q}”.`, en: (p) => `No organisation's name holds "${p.q}".` },
  'pages.region.sort.hint': {
    sv: 'Välj en kolumnrubrik för att sortera; välj den igen för omvänd ordning.',
    en: 'Choose a column heading to sort by it; choose it again to reverse the order.',
  },
  'pages.region.trends': { sv: 'Utveckling per dimension', en: 'Trend of each dimension' },
  'pages.region.common-problems': { sv: 'Vanligaste problemen i regionen', en: 'Most common problems in the region' },
  'pages.region.column.problem': { sv: 'Vad är fel', en: "What's wrong" },
  'pages.region.column.where': { sv: 'Var', en: 'Where' },
  'pages.region.common-where': {
    sv: (p) => `${count('sv', p.n, 'fil', 'filer')} hos ${count('sv', p.count, 'organisation', 'organisationer')}`,
    en: (p) => `${count('en', p.n, 'file', 'files')} at ${count('en', p.count, 'organisation', 'organisations')}`,
  },

  // An organisation's page.
  'pages.organisation.crumb': { sv: 'Organisation', en: 'Organisation' },
  'pages.organisation.unknown-name': { sv: 'Datamängder utan organisation', en: 'Datasets without an organisation' },
  'pages.organisation.problems': { sv: 'Problem, värst först', en: 'Problems, worst first' },
  'pages.organisation.groups-shown': {
    sv: (p) => `Orsak ${num('sv', p.from, 0)}–${num('sv', p.to, 0)} av ${num('sv', p.count, 0)}, sammanlagt ${count('sv', p.total, 'problem', 'problem')}.`,
    en: (p) => `Causes ${num('en', p.from, 0)}–${num('en', p.to, 0)} of ${num('en', p.count, 0)}, ${count('en', p.total, 'problem', 'problems')} in all.`,
  },
  'pages.organisation.group-heading': {
    sv: (p) => `${count('sv', p.n, 'fil', 'filer')}: ${p.message}`,
    en: (p) => `${count('en', p.n, 'file', 'files')}: ${p.message}`,
  },
  'pages.organisation.gain': {
    sv: (p) => `+${num('sv', p.points, 1)} poäng att vinna`,
    en: (p) => `+${num('en', p.points, 1)} points to gain`,
  },
  'pages.organisation.points-explained': {
    sv: 'Poäng att vinna: hur mycket en fils totalpoäng (0–100) stiger när problemet åtgärdas. För en orsak är det summan över dess filer.',
    en: "Points to gain: how much a file's total score (0–100) rises when the problem is fixed. For a cause, it is the sum over its files.",
  },
  'pages.organisation.column.file': { sv: 'Fil', en: 'File' },
  'pages.organisation.column.what': { sv: 'Vad är fel', en: "What's wrong" },
  'pages.organisation.column.points-to-gain': { sv: 'Poäng att vinna', en: 'Points to gain' },
  'pages.organisation.fix': { sv: 'Så åtgärdar du', en: 'How to fix' },
  'pages.organisation.occurrences': {
    sv: (p) => count('sv', p.n, 'förekomst', 'förekomster'),
    en: (p) => count('en', p.n, 'occurrence', 'occurrences'),
  },
  'pages.organisation.rows-shown': {
    sv: (p) => `Här visas de ${num('sv', p.shown, 0)} värsta av ${num('sv', p.total, 0)}.`,
    en: (p) => `The ${num('en', p.shown, 0)} worst of ${num('en', p.total, 0)} are shown here.`,
  },
  'pages.organisation.all-rows': {
    sv: (p) => `Visa alla ${num('sv', p.n, 0)}`,
    en: (p) => `Show all ${num('en', p.n, 0)}`,
  },
  'pages.organisation.cause-rows': {
    sv: (p) => `En orsak: rad ${num('sv', p.from, 0)}–${num('sv', p.to, 0)} av ${num('sv', p.count, 0)}.`,
    en: (p) => `One cause: rows ${num('en', p.from, 0)}–${num('en', p.to, 0)} of ${num('en', p.count, 0)}.`,
  },
  'pages.organisation.all-causes': {
    sv: (p) => `Tillbaka till alla orsaker (${count('sv', p.total, 'problem', 'problem')})`,
    en: (p) => `Back to every cause (${count('en', p.total, 'problem', 'problems')})`,
  },
  'pages.organisation.cause-gone': {
    sv: 'Orsaken i länken finns inte längre bland organisationens problem. Här är alla orsaker som finns nu.',
    en: "The cause in the link is no longer among the organisation's problems. Here are all the causes there are now.",
  },
  'pages.organisation.datasets': { sv: 'Datamängder', en: 'Datasets' },
  'pages.organisation.datasets-shown': {
    sv: (p) => `Datamängd ${num('sv', p.from, 0)}–${num('sv', p.to, 0)} av ${num('sv', p.count, 0)}.`,
    en: (p) => `Datasets ${num('en', p.from, 0)}–${num('en', p.to, 0)} of ${num('en', p.count, 0)}.`,
  },

  // Paging through a long list.
  'pages.paging.label': { sv: 'Sidor', en: 'Pages' },
  'pages.paging.previous': { sv: 'Föregående', en: 'Previous' },
  'pages.paging.next': { sv: 'Nästa', en: 'Next' },
  'pages.paging.position': {
    sv: (p) => `Sida ${num('sv', p.page, 0)} av ${num('sv', p.pages, 0)}`,
    en: (p) => `Page ${num('en', p.page, 0)} of ${num('en', p.pages, 0)}`,
  },

  // A dataset's page.
  'pages.dataset.crumb': { sv: 'Datamängd', en: 'Dataset' },
  'pages.dataset.distributions': { sv: 'Distributioner', en: 'Distributions' },
  'pages.dataset.state': { sv: 'Tillstånd', en: 'State' },
  'pages.dataset.last-probe': { sv: 'Senaste kontroll', en: 'Last probe' },
  'pages.dataset.checks': { sv: 'Senaste resultat per kontroll', en: 'Latest result of each check' },
  'pages.dataset.column.check': { sv: 'Kontroll', en: 'Check' },
  'pages.dataset.column.findings': { sv: 'Vad den hittade', en: 'What it found' },
  'pages.dataset.column.checked': { sv: 'Kontrollerad', en: 'Checked' },
  'pages.dataset.no-checks': { sv: 'Inga innehållskontroller har körts ännu.', en: 'No content checks have run yet.' },
  'pages.dataset.file-page': { sv: 'Filens sida', en: "The file's page" },
  'pages.dataset.embed': { sv: 'Bädda in märket', en: 'Embed the badge' },
  'pages.dataset.embed-hint': {
    sv: 'Klistra in raden i en README (Markdown) eller på en webbsida (HTML).',
    en: 'Paste the line into a README (Markdown) or a web page (HTML).',
  },

  // A distribution's (a file's) page.
  'pages.distribution.crumb': { sv: 'Fil', en: 'File' },
  'pages.distribution.address': { sv: 'Adress', en: 'Address' },
  'pages.distribution.no-address': { sv: 'Filen saknar adress.', en: 'The file has no address.' },
  'pages.distribution.uptime': { sv: (p) => `Svarade, ${num('sv', p.days, 0)} dagar`, en: (p) => `Answered, ${num('en', p.days, 0)} days` },
  'pages.distribution.uptime-explained': {
    sv: (p) => `Andelen kontroller som fick ett svar, av ${count('sv', p.n, 'kontroll', 'kontroller')} de senaste 90 dagarna; de som inte kunde avgöra något räknas inte.`,
    en: (p) => `The share of probes that got an answer, of ${count('en', p.n, 'probe', 'probes')} in the last 90 days; those that could not tell are not counted.`,
  },
  'pages.distribution.response-times': { sv: 'Svarstider', en: 'Response times' },
  'pages.distribution.response-label': { sv: 'Svarstid per dag (median, millisekunder)', en: 'Response time per day (median, milliseconds)' },
  'pages.distribution.changes': { sv: 'Ändringar av tillståndet', en: 'Changes of state' },
  'pages.distribution.no-changes': { sv: 'Inga ändringar de senaste 90 dagarna.', en: 'No changes in the last 90 days.' },
  'pages.distribution.column.when': { sv: 'När', en: 'When' },
  'pages.distribution.column.from': { sv: 'Från', en: 'From' },
  'pages.distribution.column.to': { sv: 'Till', en: 'To' },
  'pages.distribution.column.why': { sv: 'Varför', en: 'Why' },
  'pages.distribution.first-probe': { sv: '(första kontrollen)', en: '(first probe)' },
  'pages.distribution.checks': { sv: 'Innehållskontrollernas historik', en: 'History of the content checks' },
  'pages.distribution.no-checks': { sv: 'Inga innehållskontroller de senaste 90 dagarna.', en: 'No content checks in the last 90 days.' },

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
  'pages.error.unknown-distribution': {
    sv: (p) => `Ingen fil med IRI ${p.iri} är känd här.`,
    en: (p) => `No file with the IRI ${p.iri} is known here.`,
  },
  'pages.error.no-page': { sv: (p) => `Det finns ingen sida på ${p.path}.`, en: (p) => `There is no page at ${p.path}.` },
  'pages.error.internal': { sv: 'Något gick fel', en: 'Something went wrong' },
  'pages.error.internal-text': {
    sv: (p) => `Sidan kunde inte visas på grund av ett internt fel. Uppge felnumret ${p.id} om du kontaktar oss.`,
    en: (p) => `The page could not be shown because of an internal error. Quote the error id ${p.id} if you contact us.`,
  },
  'pages.error.home': { sv: 'Till regionens sida', en: "To the region's page" },

  // The High-Value Datasets obligations on an organisation's page (dashboards/hvd-section.tsx).
  'pages.hvd.title': { sv: 'Högvärdesdatamängder (HVD)', en: 'High-value datasets (HVD)' },
  'pages.hvd.intro': {
    sv: (p) =>
      `Datamängder som enligt katalogen omfattas av EU:s förordning 2023/138 om värdefulla datamängder. För varje datamängd visas om skyldigheterna är uppfyllda och på vilket underlag. Tillgängligheten gäller de senaste ${p.days} dagarna, med målet ${num('sv', p.target, 0)} %.`,
    en: (p) =>
      `Datasets that the catalogue puts under EU regulation 2023/138 on high-value datasets. For each, whether its obligations are met and on what evidence. Availability covers the last ${p.days} days, with a target of ${num('en', p.target, 0)} %.`,
  },
  'pages.hvd.none': {
    sv: 'Ingen datamängd anger HVD-förordningen (dcatap:applicableLegislation) som tillämplig lagstiftning.',
    en: 'No dataset declares the HVD regulation (dcatap:applicableLegislation) as applicable legislation.',
  },
  'pages.hvd.summary': {
    sv: (p) => `${num('sv', p.met, 0)} av ${count('sv', p.total, 'högvärdesdatamängd', 'högvärdesdatamängder')} uppfyller alla skyldigheter.`,
    en: (p) => `${num('en', p.met, 0)} of ${count('en', p.total, 'high-value dataset', 'high-value datasets')} meet every obligation.`,
  },
  'pages.hvd.export-csv': { sv: 'Ladda ner underlaget som CSV', en: 'Download the evidence as CSV' },
  'pages.hvd.export-json': { sv: 'som JSON', en: 'as JSON' },
  'pages.hvd.obligation.api': { sv: 'Ett API som svarar och har en läsbar beskrivning', en: 'An API that answers and has a readable description' },
  'pages.hvd.obligation.bulk': { sv: 'En nedladdningsbar fil (bulk) som svarar', en: 'A bulk download that answers' },
  'pages.hvd.obligation.licence': { sv: 'Licens CC0 eller CC BY 4.0', en: 'Licence CC0 or CC BY 4.0' },
  'pages.hvd.obligation.category': { sv: 'HVD-kategori ur EU:s vokabulär', en: 'HVD category from the EU vocabulary' },
  'pages.hvd.obligation.english': { sv: 'Titel och beskrivning på engelska', en: 'Title and description in English' },
  'pages.hvd.obligation.availability': { sv: 'Tillgänglighet', en: 'Availability' },
  'pages.hvd.status.met': { sv: 'Uppfyllt', en: 'Met' },
  'pages.hvd.status.not-met': { sv: 'Inte uppfyllt', en: 'Not met' },
  'pages.hvd.status.unknown': { sv: 'Inte känt ännu', en: 'Not known yet' },
  'pages.hvd.column.obligation': { sv: 'Skyldighet', en: 'Obligation' },
  'pages.hvd.column.status': { sv: 'Status', en: 'Status' },
  'pages.hvd.column.why': { sv: 'Varför', en: 'Why' },
  'pages.hvd.evidence': { sv: 'Filer och API:er', en: 'Files and APIs' },
  'pages.hvd.kind.download': { sv: 'Nedladdning', en: 'Download' },
  'pages.hvd.kind.service': { sv: 'API', en: 'API' },
  'pages.hvd.uptime': {
    sv: (p) => `svarade på ${num('sv', p.percent, 1)} % av ${count('sv', p.n, 'kontroll', 'kontroller')}`,
    en: (p) => `answered ${num('en', p.percent, 1)} % of ${count('en', p.n, 'check', 'checks')}`,
  },
  'pages.hvd.uptime-none': { sv: 'inga kontroller ännu', en: 'no checks yet' },
  'pages.hvd.description': { sv: (p) => `beskrivning: ${descriptionKind(p.kind)}`, en: (p) => `description: ${descriptionKind(p.kind)}` },
  'pages.hvd.description-bad': { sv: 'beskrivningen går inte att läsa', en: 'the description cannot be read' },
  'pages.hvd.checked': { sv: (p) => `Metadata kontrollerad ${date('sv', p.date)}.`, en: (p) => `Metadata checked on ${date('en', p.date)}.` },
} as const satisfies Record<string, Message>
