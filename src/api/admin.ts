import { Ajv } from 'ajv'
import { Hono, type Context } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { organisationKeyOf } from '../read-model/organisation-key.js'
import type { ApiDeps } from './api-deps.js'
import { adminAuth } from './admin-auth.js'
import { apiError } from './api-error.js'
import { defineQuery } from './query-schema.js'
import { requestLang } from './request-lang.js'

/** The scheduled jobs an operator may start now. */
export type AdminJob = 'harvest' | 'availabilitySweep' | 'contentChecks'

/** Whether work was started now, or was already running (and is not started twice). */
export type Started = 'started' | 'running'

/** One alert contact of an organisation. */
export interface AdminContact {
  email: string
  lang: 'sv' | 'en'
}

/**
 * What the admin endpoints do, given by whoever runs the jobs (`datavakt start` builds it
 * from the scheduler: src/scheduler/admin-actions.ts), so the API starts the very jobs the
 * scheduler runs and holds no copy of them.
 */
export interface AdminActions {
  /** Starts a job in the background. */
  startJob(job: AdminJob): Started
  /** Starts the content checks of one distribution (and its scores) in the background. */
  recheck(distributionIri: string): Started
  /** An organisation's contacts: those set here, and those in the configuration (read-only). */
  contacts(organisation: string): Promise<{ contacts: AdminContact[]; configured: AdminContact[] }>
  /** Replaces the organisation's contacts set here; returns them. */
  replaceContacts(organisation: string, contacts: AdminContact[]): Promise<AdminContact[]>
}

/** The admin part of the API: its token (none: off) and its actions (none: off, e.g. a read-only web process). */
export interface AdminDeps {
  token?: string
  actions?: AdminActions
}

const IRI = { type: 'string', minLength: 1, maxLength: 2000 } as const

export const adminHarvestQuery = defineQuery({})
export const adminSweepQuery = defineQuery({ kind: { type: 'string', enum: ['availability', 'content'], default: 'availability', description: 'availability: probe every file; content: check every file\'s content.' } })
export const adminRecheckQuery = defineQuery({ iri: { ...IRI, description: 'The IRI of the distribution.' } }, ['iri'])
export const adminContactsQuery = defineQuery({ organisation: { ...IRI, description: 'The IRI of the organisation.' } }, ['organisation'])

const CONTACT = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'lang'],
  properties: { email: { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }, lang: { type: 'string', enum: ['sv', 'en'] } },
} as const

/** The body of PUT /api/admin/contacts: the whole new list (`lang` defaults to sv). */
export const CONTACTS_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['contacts'],
  properties: { contacts: { type: 'array', maxItems: 100, items: { ...CONTACT, required: ['email'], properties: { ...CONTACT.properties, lang: { ...CONTACT.properties.lang, default: 'sv' } } } } },
} as const

/** The answers of the admin endpoints. */
export const STARTED_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['job', 'status'],
  properties: { job: { type: 'string', enum: ['harvest', 'availabilitySweep', 'contentChecks', 'recheck'] }, status: { const: 'started' }, iri: { type: 'string' } },
} as const
export const CONTACTS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['organisation', 'contacts', 'configured'],
  properties: { organisation: { type: 'string' }, contacts: { type: 'array', items: CONTACT }, configured: { type: 'array', items: CONTACT } },
} as const

const validateBody = new Ajv({ strict: false, useDefaults: true, allErrors: false }).compile<{ contacts: AdminContact[] }>(CONTACTS_BODY)

/** 202 when started, 409 when it already runs. */
function startedAnswer(c: Context, lang: Lang, started: Started, job: AdminJob | 'recheck', iri?: string): Response {
  if (started === 'running') {
    return job === 'recheck' ? apiError(c, lang, 'conflict', 'api.error.recheck-running', { iri }) : apiError(c, lang, 'conflict', 'api.error.job-running', { job })
  }
  return c.json(iri ? { job, status: 'started', iri } : { job, status: 'started' }, 202)
}

/**
 * The admin endpoints under /api/admin, behind the bearer token (admin-auth.ts):
 * - `POST /harvest`: harvest every catalogue now;
 * - `POST /sweep?kind=availability|content`: an availability or content sweep now;
 * - `POST /recheck?iri=`: the content checks of one distribution now (404 for an unknown one);
 * - `GET /contacts?organisation=` and `PUT` (body `{ contacts: [{ email, lang }] }`): an
 *   organisation's alert contacts.
 * Work runs in the background: 202 when started, 409 when it already runs.
 */
export function adminApi({ db, lang: fallback, admin }: ApiDeps): Hono {
  const app = new Hono()
  app.use(adminAuth(admin?.actions ? admin.token : undefined, fallback))
  const actions = () => admin!.actions!
  app.post('/harvest', (c) => {
    const lang = requestLang(c, fallback)
    const query = adminHarvestQuery.read(c, lang)
    if (query instanceof Response) return query
    return startedAnswer(c, lang, actions().startJob('harvest'), 'harvest')
  })
  app.post('/sweep', (c) => {
    const lang = requestLang(c, fallback)
    const query = adminSweepQuery.read(c, lang)
    if (query instanceof Response) return query
    const job: AdminJob = query.kind === 'content' ? 'contentChecks' : 'availabilitySweep'
    return startedAnswer(c, lang, actions().startJob(job), job)
  })
  app.post('/recheck', async (c) => {
    const lang = requestLang(c, fallback)
    const query = adminRecheckQuery.read(c, lang)
    if (query instanceof Response) return query
    const iri = String(query.iri)
    const known = await db.selectFrom('distributions').select('iri').where('iri', '=', iri).where('withdrawn_at', 'is', null).executeTakeFirst()
    if (!known) return apiError(c, lang, 'not-found', 'api.error.unknown-distribution', { iri })
    return startedAnswer(c, lang, actions().recheck(iri), 'recheck', iri)
  })
  const organisationOf = async (c: Context, lang: Lang): Promise<string | Response> => {
    const query = adminContactsQuery.read(c, lang)
    if (query instanceof Response) return query
    const iri = String(query.organisation)
    const known =
      (await db.selectFrom('organisations').select('iri').where('iri', '=', iri).executeTakeFirst()) ??
      (await db.selectFrom('datasets as ds').select('ds.iri').where(organisationKeyOf('ds'), '=', iri).limit(1).executeTakeFirst())
    return known ? iri : apiError(c, lang, 'not-found', 'api.error.unknown-organisation', { iri })
  }
  app.get('/contacts', async (c) => {
    const lang = requestLang(c, fallback)
    const organisation = await organisationOf(c, lang)
    if (organisation instanceof Response) return organisation
    return c.json({ organisation, ...(await actions().contacts(organisation)) })
  })
  app.put('/contacts', async (c) => {
    const lang = requestLang(c, fallback)
    const organisation = await organisationOf(c, lang)
    if (organisation instanceof Response) return organisation
    const body: unknown = await c.req.json().catch(() => undefined)
    if (!validateBody(body)) {
      const e = validateBody.errors?.[0]
      // Where and which rule, not ajv's English words.
      const reason = body === undefined ? 'JSON' : `${e?.instancePath || '/'} (${e?.keyword ?? '?'})`
      return apiError(c, lang, 'bad-request', 'api.error.bad-body', { reason })
    }
    await actions().replaceContacts(organisation, body.contacts)
    return c.json({ organisation, ...(await actions().contacts(organisation)) })
  })
  return app
}
