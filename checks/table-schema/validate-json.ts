/**
 * Validates a JSON or GeoJSON document against a JSON Schema with ajv: draft-07 (and
 * older drafts, which ajv reads as draft-07) by default, 2019-09 and 2020-12 when the
 * schema's `$schema` says so. Formats come from ajv-formats. Patterns run on RE2
 * (safe-pattern.ts), so a schema cannot make validation backtrack for ever.
 *
 * A JSON document has to be parsed whole, so it is buffered up to `maxBytes`; a bigger
 * document is reported (`source-error`), not validated half-way. Errors are capped at
 * `errorLimit`. Refuses (JsonSchemaError) a schema ajv cannot compile.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import formatsPlugin from 'ajv-formats'
import { DEFAULT_BUDGETS } from '../../src/domain/budgets.js'
import type { MessageParams } from '../../src/domain/finding.js'
import type { MessageKey } from '../../src/i18n/catalogue.js'
import { DatavaktError } from '../../src/i18n/datavakt-error.js'
import type { Finding } from '../types.js'
import { re2RegExpEngine, UnsafePatternError } from './safe-pattern.js'

/** Why a JSON Schema cannot be checked against: its text in the catalogue. */
export type JsonSchemaErrorCode = Extract<MessageKey, `checks.json-schema.${string}` | `checks.pattern.${string}`>

/** Thrown when a JSON Schema cannot be compiled. */
export class JsonSchemaError extends DatavaktError {
  override name = 'JsonSchemaError'
  declare readonly code: JsonSchemaErrorCode

  constructor(code: JsonSchemaErrorCode, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(code, params, options)
  }
}

export interface JsonValidationError {
  type: 'json-schema-error' | 'format-error' | 'source-error' | 'nesting-too-deep'
  /** JSON pointer of the failing value ('' = the root). */
  pointer?: string
  keyword?: string
  /** For a `required` error: the property that is missing. */
  missingProperty?: string
  /** Where JSON.parse gave up (character offset), for format-error. */
  position?: number
  /** The byte cap that was exceeded, for source-error; the nesting budget, for nesting-too-deep. */
  limit?: number
  /** The validator's own words, for logs and debugging; people read the catalogue's. */
  message: string
}

export interface JsonValidationReport {
  valid: boolean
  errors: JsonValidationError[]
  limitReached: boolean
  bytes: number
  /** The draft used: 'draft-07' | '2019-09' | '2020-12'. */
  draft: string
}

type AjvLike = { compile(schema: object): ValidateFunction }
const instances = new Map<string, AjvLike>()
const compiled = new WeakMap<object, ValidateFunction>()

// ajv-formats is CommonJS; under NodeNext its default import may arrive wrapped.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: AjvLike) => void

/** The draft a schema asks for, from `$schema`. */
export function jsonSchemaDraft(schema: object): 'draft-07' | '2019-09' | '2020-12' {
  const id = String((schema as { $schema?: unknown }).$schema ?? '')
  if (id.includes('2020-12')) return '2020-12'
  if (id.includes('2019-09')) return '2019-09'
  return 'draft-07'
}

function ajvFor(draft: string): AjvLike {
  let ajv = instances.get(draft)
  if (!ajv) {
    // strict: false, because published schemas carry vendor keywords (x-..., examples in
    // odd places) that are not errors in the data.
    const opts = { allErrors: true, strict: false, validateSchema: false, code: { regExp: re2RegExpEngine() } }
    ajv = draft === '2020-12' ? new Ajv2020(opts) : draft === '2019-09' ? new Ajv2019(opts) : new Ajv(opts)
    addFormats(ajv)
    instances.set(draft, ajv)
  }
  return ajv
}

/** Compiles (once per schema object) and returns the validator; throws JsonSchemaError. */
export function compileJsonSchema(schema: unknown): ValidateFunction {
  if (!schema || typeof schema !== 'object') throw new JsonSchemaError('checks.json-schema.not-object')
  const cached = compiled.get(schema)
  if (cached) return cached
  const draft = jsonSchemaDraft(schema)
  const copy = { ...(schema as Record<string, unknown>) }
  // The same $id compiled twice in one ajv instance is an error; the cache is per object.
  delete copy.$id
  let fn: ValidateFunction
  try {
    fn = ajvFor(draft).compile(copy)
  } catch (err) {
    // ajv's own words about the schema are data about it; a pattern RE2 cannot run has its own code.
    if (err instanceof UnsafePatternError) throw new JsonSchemaError(err.code, err.params, { cause: err })
    throw new JsonSchemaError('checks.json-schema.cannot-compile', { detail: (err as Error).message }, { cause: err })
  }
  compiled.set(schema, fn)
  return fn
}

/** Reads a whole stream up to `maxBytes`; null when it is longer. */
async function readCapped(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<{ body: Buffer | null; bytes: number }> {
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const c of source) {
    bytes += c.length
    if (bytes > maxBytes) return { body: null, bytes }
    chunks.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength))
  }
  return { body: Buffer.concat(chunks), bytes }
}

/**
 * True when `text` nests arrays and objects deeper than `limit` (brackets inside strings
 * do not count). One pass, no parsing: a deep document is refused before JSON.parse, and
 * so never reaches the recursion of a validator or of JSON.stringify.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true
    } else if (c === 93 || c === 125) depth--
  }
  return false
}

/**
 * Reads and parses one JSON document (up to `maxBytes`): its value, or the error that says
 * why not (`source-error` too large, `nesting-too-deep` deeper than `maxNesting` (budget
 * `jsonNesting`), `format-error` not well-formed, with where it broke).
 */
export async function parseJsonDocument(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  maxNesting: number = DEFAULT_BUDGETS.jsonNesting,
): Promise<{ data: unknown; bytes: number; text: string } | { error: JsonValidationError; bytes: number; text: string | null }> {
  const { body, bytes } = await readCapped(source, maxBytes)
  if (!body) {
    return { error: { type: 'source-error', limit: maxBytes, message: `the document is larger than ${maxBytes} bytes, too large to validate as one JSON value` }, bytes, text: null }
  }
  const text = body.toString('utf8').replace(/^\uFEFF/, '')
  if (nestsDeeperThan(text, maxNesting)) {
    return { error: { type: 'nesting-too-deep', limit: maxNesting, message: `the document nests deeper than ${maxNesting} levels` }, bytes, text: null }
  }
  try {
    return { data: JSON.parse(text), bytes, text }
  } catch (err) {
    const message = (err as Error).message
    const position = /position (\d+)/.exec(message)?.[1]
    const error: JsonValidationError = { type: 'format-error', message: `not valid JSON: ${message}` }
    if (position !== undefined) error.position = Number(position)
    return { error, bytes, text }
  }
}

/** Validates the JSON document in `source` against `schema` (see module comment). */
export async function validateJson(
  source: AsyncIterable<Uint8Array>,
  schema: unknown,
  opts: { errorLimit: number; maxBytes?: number; maxNesting?: number },
): Promise<JsonValidationReport> {
  const validate = compileJsonSchema(schema)
  const draft = jsonSchemaDraft(schema as object)
  const maxBytes = opts.maxBytes ?? 100 * 1024 * 1024
  const parsed = await parseJsonDocument(source, maxBytes, opts.maxNesting)
  if ('error' in parsed) return { valid: false, errors: [parsed.error], limitReached: false, bytes: parsed.bytes, draft }
  const { data, bytes } = parsed
  if (validate(data)) return { valid: true, errors: [], limitReached: false, bytes, draft }
  const all = (validate.errors ?? []) as ErrorObject[]
  const errors: JsonValidationError[] = all.slice(0, opts.errorLimit).map((e) => ({
    type: 'json-schema-error',
    pointer: e.instancePath,
    keyword: e.keyword,
    ...(e.keyword === 'required' && typeof e.params.missingProperty === 'string' ? { missingProperty: e.params.missingProperty } : {}),
    message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? `: ${JSON.stringify(e.params.allowedValues)}` : ''}`,
  }))
  return { valid: false, errors, limitReached: all.length > opts.errorLimit, bytes, draft }
}

/** A JSON validation error as a finding: code and params, the words come from the catalogue. */
export function jsonErrorToFinding(e: JsonValidationError): Finding {
  const params: Record<string, string | number> = { kind: 'json' }
  if (e.pointer !== undefined) params.pointer = e.pointer
  if (e.keyword !== undefined) params.keyword = e.keyword
  if (e.missingProperty !== undefined) params.missingProperty = e.missingProperty
  if (e.position !== undefined) params.position = e.position
  if (e.limit !== undefined) params.limit = e.limit
  const f: Finding = { code: e.type, severity: 'error', params }
  if (e.pointer !== undefined) f.location = { pointer: e.pointer }
  return f
}
