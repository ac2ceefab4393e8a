import { Ajv, type ValidateFunction } from 'ajv'
import formats from 'ajv-formats'
import type { Hono } from 'hono'
import { openApiDocument } from '../../src/api/openapi.js'

/**
 * Holds every answer the API tests receive to the OpenAPI document the API serves: the
 * status must be one the document names for that route and method, and a JSON body must
 * match the schema it gives for that status (ajv, formats checked). The API tests send
 * their requests through `conformingRequest` (or check a fetched answer with
 * `expectConforms`), so each response the suite produces is checked, not one sample.
 */
const doc = openApiDocument('en') as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> }
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv) => Ajv
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
ajv.addSchema(doc, 'api')
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')
const compiled = new Map<string, ValidateFunction>()

/** Every (method path status) the suite checked, for a test that wants to know what it covered. */
export const checked = new Set<string>()

function validatorFor(path: string, method: string, status: string): ValidateFunction | undefined {
  const ref = `api#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`
  if (!compiled.has(ref)) {
    const v = ajv.getSchema(ref)
    if (!v) return undefined
    compiled.set(ref, v)
  }
  return compiled.get(ref)
}

/** Throws unless `res` (the answer to `method path`) is what the OpenAPI document says it may be. Answers outside /api, and pages a browser gets under /api, are not the API's. */
export async function expectConforms(method: string, path: string, res: Response): Promise<void> {
  const url = new URL(path, 'http://localhost')
  const route = url.pathname
  if (!route.startsWith('/api/') || route === '/api/openapi.json' || route === '/api/docs') return
  const type = res.headers.get('content-type') ?? ''
  if (type.startsWith('text/html')) return
  const status = String(res.status)
  const operation = doc.paths[route]?.[method.toLowerCase()]
  if (!operation) {
    // An address the API does not serve: only its one 404 (or 405) error shape is right.
    if (res.status !== 404 && res.status !== 405) throw new Error(`${method} ${route} is not in the OpenAPI document, yet answered ${status}`)
    const err = ajv.getSchema('api#/components/schemas/Error')!
    if (res.status === 404 && !err(await res.clone().json())) throw new Error(`${method} ${route}: 404 is not the error shape: ${ajv.errorsText(err.errors)}`)
    return
  }
  if (!operation.responses[status]) throw new Error(`${method} ${route} answered ${status}, which the OpenAPI document does not name (${Object.keys(operation.responses).join(', ')})`)
  checked.add(`${method.toUpperCase()} ${route} ${status}`)
  if (!type.startsWith('application/json')) {
    if (operation.responses[status]!.content && !Object.keys(operation.responses[status]!.content!).some((t) => type.startsWith(t))) {
      throw new Error(`${method} ${route} ${status} sent ${type}, not one of ${Object.keys(operation.responses[status]!.content!).join(', ')}`)
    }
    return
  }
  const validate = validatorFor(route, method.toLowerCase(), status)
  if (!validate) throw new Error(`${method} ${route} ${status} sent JSON, but the OpenAPI document gives it no JSON schema`)
  const body: unknown = await res.clone().json()
  if (!validate(body)) throw new Error(`${method} ${route} ${status} does not match its schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`)
}

/** `app.request`, with every answer checked by expectConforms before the test sees it. */
export function conformingRequest(app: () => Hono): (path: string, init?: RequestInit) => Promise<Response> {
  return async (path, init) => {
    const res = await app().request(path, init)
    await expectConforms(init?.method ?? 'GET', path, res)
    return res
  }
}
