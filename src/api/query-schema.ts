import { Ajv, type ErrorObject } from 'ajv'
import type { Context } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { apiError } from './api-error.js'

/** The JSON Schema of one query parameter (strings, whole numbers or one of a list). */
export type ParamSchema =
  | { type: 'string'; description?: string; minLength?: number; maxLength?: number; pattern?: string; enum?: readonly string[]; default?: string }
  | { type: 'integer'; description?: string; minimum: number; maximum: number; default?: number }

/** A route's query parameters: the one schema that validates them and documents them in the OpenAPI document. */
export interface QuerySchema {
  type: 'object'
  properties: Record<string, ParamSchema>
  required: readonly string[]
  additionalProperties: false
}

/** Every route takes `lang` (sv, en, en-GB, …; unknown values fall back to the default). */
const LANG_PARAM: ParamSchema = { type: 'string', maxLength: 35, description: 'The language of the words: sv or en.' }

const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: true, useDefaults: true })

/** A validated query: its values typed loosely (each route names what it reads). */
export type Query = Record<string, string | number | undefined>

/** What `defineQuery` gives a route: its schema (for the OpenAPI document) and the validator. */
export interface QueryParams {
  schema: QuerySchema
  /** The request's query, validated and with defaults filled in; or the API's 400 answer naming the first bad parameter. */
  read(c: Context, lang: Lang): Query | Response
}

/**
 * The one validator of the API's query parameters. A route declares its parameters as
 * JSON Schema; ajv checks a request's query against it (numbers coerced from their text,
 * defaults filled in, unknown parameters refused), and the first failure becomes the API's
 * one error shape with a message naming the parameter and what it must be.
 */
export function defineQuery(properties: Record<string, ParamSchema>, required: readonly string[] = []): QueryParams {
  const schema: QuerySchema = { type: 'object', properties: { ...properties, lang: LANG_PARAM }, required, additionalProperties: false }
  const validate = ajv.compile<Query>(schema)
  return {
    schema,
    read(c, lang) {
      const query: Query = { ...c.req.query() }
      if (validate(query)) return query
      return rejection(c, lang, schema, validate.errors?.[0], c.req.query())
    },
  }
}

function rejection(c: Context, lang: Lang, schema: QuerySchema, e: ErrorObject | undefined, raw: Record<string, string>): Response {
  if (e?.keyword === 'required') return apiError(c, lang, 'bad-request', 'api.error.param-required', { name: String(e.params.missingProperty) })
  if (e?.keyword === 'additionalProperties') {
    return apiError(c, lang, 'bad-request', 'api.error.param-unknown', { name: String(e.params.additionalProperty), allowed: Object.keys(schema.properties) })
  }
  const name = (e?.instancePath ?? '').replace(/^\//, '')
  const param = schema.properties[name]
  const got = raw[name] ?? ''
  if (param?.type === 'integer') return apiError(c, lang, 'bad-request', 'api.error.param-integer', { name, min: param.minimum, max: param.maximum, got })
  if (param?.enum) return apiError(c, lang, 'bad-request', 'api.error.param-one-of', { name, allowed: [...param.enum], got })
  return apiError(c, lang, 'bad-request', 'api.error.param-invalid', { name, got })
}
