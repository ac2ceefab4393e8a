import { Hono } from 'hono'
import { t, type MessageKey } from '../i18n/catalogue.js'
import { parseLang, type Lang } from '../i18n/lang.js'
import { adminContactsQuery, adminHarvestQuery, adminRecheckQuery, adminSweepQuery, CONTACTS_BODY, CONTACTS_SCHEMA, STARTED_SCHEMA } from './admin.js'
import { datasetQuery } from './dataset.js'
import { distributionQuery } from './distribution.js'
import { historyQuery } from './history.js'
import { organisationQuery } from './organisation.js'
import { organisationDatasetsQuery } from './organisation-datasets.js'
import { organisationHvdQuery } from './organisation-hvd.js'
import { organisationsQuery } from './organisations.js'
import { problemsQuery } from './problems.js'
import { defineQuery, type QueryParams } from './query-schema.js'
import { regionQuery } from './region.js'
import * as S from './response-schemas.js'
import { trendQuery } from './trend.js'
import { harvestRunsQuery, sweepsQuery } from './work-runs.js'

type JsonSchema = S.JsonSchema
export const ERROR_SCHEMA = S.ERROR_SCHEMA

/** One documented API route: its method, query (the same object that validates it), body, and its answer's schema. */
export interface ApiRouteDoc {
  path: string
  method?: 'get' | 'post' | 'put'
  summary: MessageKey
  query: QueryParams
  response: JsonSchema
  /** The success status (200 unless told). */
  status?: 200 | 202
  /** The JSON body it takes (the same object that validates it). */
  body?: JsonSchema
  /** Needs the admin bearer token. */
  admin?: boolean
  csv?: boolean
}

const PROBLEMS = S.listOf('problems', { ...S.PROBLEM, required: [...(S.PROBLEM.required as string[]), 'state', 'since'], properties: { ...(S.PROBLEM.properties as object), state: { enum: ['open', 'pending'] }, since: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } } })

/** Every route under /api, with the schemas that validate its query; test/api/openapi.test.ts holds the app to this list. */
export const API_ROUTES: readonly ApiRouteDoc[] = [
  { path: '/health', summary: 'api.route.health', query: defineQuery({}), response: S.HEALTH_SCHEMA },
  { path: '/region', summary: 'api.route.region', query: regionQuery, response: S.REGION_SCHEMA },
  { path: '/organisations', summary: 'api.route.organisations', query: organisationsQuery, response: S.listOf('organisations', S.ORGANISATION_SUMMARY), csv: true },
  { path: '/organisation', summary: 'api.route.organisation', query: organisationQuery, response: S.ORGANISATION_SCHEMA },
  { path: '/organisation/datasets', summary: 'api.route.organisation-datasets', query: organisationDatasetsQuery, response: S.listOf('datasets', S.DATASET_SUMMARY, { organisation: { type: 'string' } }), csv: true },
  { path: '/organisation/hvd', summary: 'api.route.organisation-hvd', query: organisationHvdQuery, response: S.HVD_SCHEMA, csv: true },
  { path: '/dataset', summary: 'api.route.dataset', query: datasetQuery, response: S.DATASET_SCHEMA },
  { path: '/distribution', summary: 'api.route.distribution', query: distributionQuery, response: S.DISTRIBUTION_SCHEMA, csv: true },
  { path: '/problems', summary: 'api.route.problems', query: problemsQuery, response: PROBLEMS, csv: true },
  { path: '/trend', summary: 'api.route.trend', query: trendQuery, response: S.TREND_SCHEMA },
  { path: '/history', summary: 'api.route.history', query: historyQuery, response: S.HISTORY_SCHEMA, csv: true },
  { path: '/harvest-runs', summary: 'api.route.harvest-runs', query: harvestRunsQuery, response: S.listOf('runs', S.HARVEST_RUN), csv: true },
  { path: '/sweeps', summary: 'api.route.sweeps', query: sweepsQuery, response: S.listOf('sweeps', S.SWEEP), csv: true },
  { path: '/export/organisations.csv', summary: 'api.route.export-organisations-csv', query: defineQuery({ sep: { type: 'string', enum: ['comma', 'semicolon'] } }), response: { type: 'string' }, csv: true },
  { path: '/admin/harvest', method: 'post', summary: 'api.route.admin-harvest', query: adminHarvestQuery, response: STARTED_SCHEMA, status: 202, admin: true },
  { path: '/admin/sweep', method: 'post', summary: 'api.route.admin-sweep', query: adminSweepQuery, response: STARTED_SCHEMA, status: 202, admin: true },
  { path: '/admin/recheck', method: 'post', summary: 'api.route.admin-recheck', query: adminRecheckQuery, response: STARTED_SCHEMA, status: 202, admin: true },
  { path: '/admin/contacts', summary: 'api.route.admin-contacts-get', query: adminContactsQuery, response: CONTACTS_SCHEMA, admin: true },
  { path: '/admin/contacts', method: 'put', summary: 'api.route.admin-contacts-put', query: adminContactsQuery, response: CONTACTS_SCHEMA, body: CONTACTS_BODY, admin: true },
]

const ERROR = { $ref: '#/components/schemas/Error' }
const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: ERROR } } })

/** The answers of one route: its success, and the error shape for each failure it can have. */
function responses(r: ApiRouteDoc): Record<string, unknown> {
  const content: Record<string, unknown> = r.path.endsWith('.csv') ? {} : { 'application/json': { schema: r.response } }
  if (r.csv) content['text/csv'] = { schema: { type: 'string' } }
  const out: Record<string, unknown> = { [String(r.status ?? 200)]: { description: 'OK', content } }
  if (!r.admin) out['304'] = { description: 'Not modified (If-None-Match matched the ETag).' }
  out['400'] = errorAnswer('A bad query parameter or body.')
  if (r.admin) out['401'] = errorAnswer('No or a wrong bearer token.')
  out['404'] = errorAnswer(r.admin ? 'Nothing by that IRI, or admin is off (no token configured).' : 'Nothing by that IRI.')
  if (r.status === 202) out['409'] = errorAnswer('Already running.')
  if (!r.admin) out['429'] = { ...errorAnswer('Too many requests from this address; see Retry-After.'), headers: { 'Retry-After': { schema: { type: 'integer' } } } }
  out['500'] = errorAnswer('An internal error, with the id the server logged it under.')
  return out
}

/** The OpenAPI 3.1 document of the API, made from API_ROUTES: the same schemas validate the requests. */
export function openApiDocument(lang: Lang = 'en'): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of API_ROUTES) {
    const operation: Record<string, unknown> = {
      summary: t(lang, r.summary),
      parameters: Object.entries(r.query.schema.properties).map(([name, schema]) => ({ name, in: 'query', required: r.query.schema.required.includes(name), schema })),
      responses: responses(r),
    }
    if (r.body) operation['requestBody'] = { required: true, content: { 'application/json': { schema: r.body } } }
    if (r.admin) operation['security'] = [{ adminToken: [] }]
    ;(paths[`/api${r.path}`] ??= {})[r.method ?? 'get'] = operation
  }
  return {
    openapi: '3.1.0',
    info: { title: 'datavakt API', version: '1', description: t(lang, 'api.doc.description') },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'The token in the configuration, web.adminToken.' } },
    },
  }
}

/** `GET /api/openapi.json[?lang=]`: the document, its words in `lang` (default English). */
export function openApiRoutes(): Hono {
  return new Hono().get('/', (c) => c.json(openApiDocument(parseLang(c.req.query('lang')) ?? 'en')))
}
