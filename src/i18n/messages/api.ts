import type { ParamValue } from '../../domain/finding.js'
import { list } from '../format.js'
import type { Message } from '../message.js'

const joined = (v: ParamValue | undefined): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''))

/** Texts of the JSON API: its errors, keyed by a stable dotted key starting with "api.". */
export const apiMessages = {
  'api.error.param-required': {
    sv: (p) => `Frågeparametern "${p.name}" krävs.`,
    en: (p) => `The query parameter "${p.name}" is required.`,
  },
  'api.error.param-one-of': {
    sv: (p) => `Frågeparametern "${p.name}" måste vara en av ${joined(p.allowed)}; fick "${p.got}".`,
    en: (p) => `The query parameter "${p.name}" must be one of ${joined(p.allowed)}; got "${p.got}".`,
  },
  'api.error.param-integer': {
    sv: (p) => `Frågeparametern "${p.name}" måste vara ett heltal från ${p.min} till ${p.max}; fick "${p.got}".`,
    en: (p) => `The query parameter "${p.name}" must be a whole number from ${p.min} to ${p.max}; got "${p.got}".`,
  },
  'api.error.param-unknown': {
    sv: (p) => `Frågeparametern "${p.name}" finns inte här; de som finns är ${joined(p.allowed)}.`,
    en: (p) => `There is no query parameter "${p.name}" here; the ones there are: ${joined(p.allowed)}.`,
  },
  'api.error.param-invalid': {
    sv: (p) => `Frågeparametern "${p.name}" har ett ogiltigt värde: "${p.got}".`,
    en: (p) => `The query parameter "${p.name}" has a value that is not valid: "${p.got}".`,
  },
  'api.error.date-range': {
    sv: (p) => `Perioden ${p.from}–${p.to} går inte: "from" måste vara före "to", och högst ${p.max} dagar.`,
    en: (p) => `The range ${p.from} to ${p.to} cannot be read: "from" must come before "to", within ${p.max} days.`,
  },
  'api.error.unknown-distribution': { sv: (p) => `Ingen distribution med IRI ${p.iri} är känd här.`, en: (p) => `No distribution with the IRI ${p.iri} is known here.` },
  'api.error.one-of-params': {
    sv: (p) => `Ange en av frågeparametrarna ${list('sv', p.names)}.`,
    en: (p) => `Give one of the query parameters ${list('en', p.names)}.`,
  },
  'api.error.unknown-organisation': { sv: (p) => `Ingen organisation med IRI ${p.iri} är känd här.`, en: (p) => `No organisation with the IRI ${p.iri} is known here.` },
  'api.error.unknown-dataset': { sv: (p) => `Ingen datamängd med IRI ${p.iri} är känd här.`, en: (p) => `No dataset with the IRI ${p.iri} is known here.` },
  'api.error.no-resource': { sv: (p) => `Det finns ingen resurs på ${p.path}.`, en: (p) => `There is no resource at ${p.path}.` },
  'api.error.internal': {
    sv: (p) => `Ett internt fel inträffade. Uppge felnumret ${p.id} om du kontaktar oss.`,
    en: (p) => `An internal error occurred. Quote the error id ${p.id} if you contact us.`,
  },
  'api.doc.description': {
    sv: 'datavakts API för läsning: poäng, problem och historik för öppna data.',
    en: 'The read-only API of datavakt: scores, problems and history of open data.',
  },
  'api.route.health': { sv: 'Lever tjänsten, inklusive databasen.', en: 'Liveness, including the database.' },
  'api.route.region': { sv: 'Regionens senaste sammanställning, utveckling och katalogernas hälsa.', en: "The region's latest rollup, trend and catalogue health." },
  'api.route.organisations': { sv: 'Organisationerna, sämst först, med sina aktuella poäng.', en: 'Organisations worst first with their current scores.' },
  'api.route.organisation': { sv: 'En organisations poäng, utveckling, datamängder och problem.', en: "One organisation's scores, trend, datasets and problems." },
  'api.route.dataset': { sv: 'En datamängd med sina distributioner, senaste resultat per kontroll och deras fynd.', en: 'One dataset with its distributions, the latest result per check and their findings.' },
  'api.route.distribution': { sv: 'En distribution med sitt tillgänglighetsläge och sina provningar.', en: 'One distribution with its availability state and probe history.' },
  'api.route.problems': { sv: 'En organisations eller datamängds problem, värst först, med filter.', en: 'The problems of an organisation or dataset, worst first, filterable.' },
  'api.route.trend': { sv: 'Dagliga sammanställningar för en nivå och nyckel de senaste dagarna.', en: 'Daily rollups of one level and key over the last days.' },
  'api.route.history': { sv: 'Poänghistorik per dimension per dag, vecka eller månad.', en: 'Score history per dimension by day, week or month.' },
  'api.route.harvest-runs': { sv: 'De senaste skördningarna, nyast först.', en: 'The latest harvest runs, newest first.' },
  'api.route.sweeps': { sv: 'De senaste tillgänglighetsrundorna, nyast först.', en: 'The latest availability sweeps, newest first.' },
  'api.route.export-organisations-csv': { sv: 'Organisationernas tabell som CSV.', en: 'The league of organisations as CSV.' },
  'api.error.rate-limited': {
    sv: (p) => `För många förfrågningar från din adress. Försök igen om ${p.seconds} s.`,
    en: (p) => `Too many requests from your address. Try again in ${p.seconds} s.`,
  },
  'api.error.rate-limited-title': { sv: 'För många förfrågningar', en: 'Too many requests' },
  'api.error.admin-off': {
    sv: 'Administrationen är avstängd: ingen token är inställd (web.adminToken i konfigurationen).',
    en: 'The admin endpoints are off: no token is configured (web.adminToken in the configuration).',
  },
  'api.error.unauthorized': {
    sv: 'Administrationen kräver rubriken Authorization: Bearer med rätt token.',
    en: 'The admin endpoints need an Authorization: Bearer header with the right token.',
  },
  'api.error.job-running': {
    sv: (p) => `Jobbet ${p.job} körs redan; det startas inte en gång till.`,
    en: (p) => `The job ${p.job} is already running; it is not started twice.`,
  },
  'api.error.recheck-running': {
    sv: (p) => `Distributionen ${p.iri} kontrolleras redan.`,
    en: (p) => `The distribution ${p.iri} is already being checked.`,
  },
  'api.error.bad-body': {
    sv: (p) => `Innehållet i förfrågan är inte giltigt: ${p.reason}.`,
    en: (p) => `The request body is not valid: ${p.reason}.`,
  },
  'api.route.organisation-hvd': {
    sv: 'En organisations högvärdesdatamängder (HVD) och om varje skyldighet är uppfylld, med underlag; som JSON eller CSV.',
    en: "One organisation's high-value datasets (HVD) and whether each obligation is met, with the evidence; as JSON or CSV.",
  },
  'api.route.organisation-datasets': { sv: 'En organisations datamängder med sina poäng, sämst först.', en: "One organisation's datasets with their scores, worst first." },
  'api.route.admin-harvest': { sv: 'Starta en skördning av alla kataloger nu (admin).', en: 'Start a harvest of every catalogue now (admin).' },
  'api.route.admin-sweep': { sv: 'Starta en tillgänglighets- eller innehållsrunda nu (admin).', en: 'Start an availability or content sweep now (admin).' },
  'api.route.admin-recheck': { sv: 'Kontrollera en distribution på nytt nu (admin).', en: 'Re-check one distribution now (admin).' },
  'api.route.admin-contacts-get': { sv: 'En organisations larmkontakter (admin).', en: "One organisation's alert contacts (admin)." },
  'api.route.admin-contacts-put': { sv: 'Ersätt en organisations larmkontakter (admin).', en: "Replace one organisation's alert contacts (admin)." },
  'api.doc.title': { sv: 'datavakts API', en: 'The datavakt API' },
  'api.doc.parameters': { sv: 'Frågeparametrar', en: 'Query parameters' },
  'api.doc.required': { sv: 'krävs', en: 'required' },
  'api.doc.openapi-link': { sv: 'OpenAPI 3.1-dokumentet (JSON)', en: 'The OpenAPI 3.1 document (JSON)' },
  'api.doc.other-language': { sv: 'På svenska', en: 'In English' },
} as const satisfies Record<string, Message>
