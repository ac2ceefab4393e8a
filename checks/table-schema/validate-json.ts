/**
 * Validates a JSON or GeoJSON document against a JSON Schema with ajv: draft-07 (and
 * older drafts, which ajv reads as draft-07) by default, 2019-09 and 2020-12 when the
 * schema's `$schema` says so. Formats come from ajv-formats.
 *
 * A JSON document has to be parsed whole, so it is buffered up to `maxBytes`; a bigger
 * document is reported (`source-error`), not validated half-way. Errors are capped at
 * `errorLimit`. Refuses (JsonSchemaError) a schema ajv cannot compile.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import formatsPlugin from 'ajv-formats'

/** Thrown when a JSON Schema cannot be compiled. */
export class JsonSchemaError extends Error {
  override name = 'JsonSchemaError'
}

export interface JsonValidationError {
  type: 'json-schema-error' | 'format-error' | 'source-error'
  /** JSON pointer of the failing value ('' = the root). */
  pointer?: string
  keyword?: string
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
    const opts = { allErrors: true, strict: false, validateSchema: false }
    ajv = draft === '2020-12' ? new Ajv2020(opts) : draft === '2019-09' ? new Ajv2019(opts) : new Ajv(opts)
    addFormats(ajv)
    instances.set(draft, ajv)
  }
  return ajv
}

/** Compiles (once per schema object) and returns the validator; throws JsonSchemaError. */
export function compileJsonSchema(schema: unknown): ValidateFunction {
  if (!schema || typeof schema !== 'object') throw new JsonSchemaError('a JSON Schema must be an object')
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
    throw new JsonSchemaError(`the JSON Schema cannot be compiled: ${(err as Error).message}`, { cause: err })
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

/** Validates the JSON document in `source` against `schema` (see module comment). */
export async function validateJson(
  source: AsyncIterable<Uint8Array>,
  schema: unknown,
  opts: { errorLimit: number; maxBytes?: number },
): Promise<JsonValidationReport> {
  const validate = compileJsonSchema(schema)
  const draft = jsonSchemaDraft(schema as object)
  const maxBytes = opts.maxBytes ?? 100 * 1024 * 1024
  const { body, bytes } = await readCapped(source, maxBytes)
  if (!body) {
    return { valid: false, errors: [{ type: 'source-error', message: `the document is larger than ${maxBytes} bytes, too large to validate as one JSON value` }], limitReached: false, bytes, draft }
  }
  let data: unknown
  try {
    data = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''))
  } catch (err) {
    return { valid: false, errors: [{ type: 'format-error', message: `not valid JSON: ${(err as Error).message}` }], limitReached: false, bytes, draft }
  }
  if (validate(data)) return { valid: true, errors: [], limitReached: false, bytes, draft }
  const all = (validate.errors ?? []) as ErrorObject[]
  const errors: JsonValidationError[] = all.slice(0, opts.errorLimit).map((e) => ({
    type: 'json-schema-error',
    pointer: e.instancePath,
    keyword: e.keyword,
    message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? `: ${JSON.stringify(e.params.allowedValues)}` : ''}`,
  }))
  return { valid: false, errors, limitReached: all.length > opts.errorLimit, bytes, draft }
}

/** A message and an actionable hint for a JSON validation error, in Swedish or English. */
export function describeJsonError(e: JsonValidationError, lang: 'sv' | 'en'): { message: string; hint: string } {
  const sv = lang === 'sv'
  switch (e.type) {
    case 'format-error':
      return sv
        ? { message: `Filen är inte giltig JSON (${e.message}).`, hint: 'Kontrollera att filen är komplett och giltig JSON, till exempel med en JSON-validerare.' }
        : { message: `The file is not valid JSON (${e.message}).`, hint: 'Check that the file is complete, valid JSON, for example with a JSON validator.' }
    case 'source-error':
      return sv
        ? { message: `Filen kunde inte kontrolleras mot schemat (${e.message}).`, hint: 'Dela upp stora JSON-filer, eller publicera dem som GeoJSON-sekvenser eller CSV.' }
        : { message: `The file could not be checked against the schema (${e.message}).`, hint: 'Split large JSON files, or publish them as GeoJSON sequences or CSV.' }
    default:
      return sv
        ? { message: `Dokumentet följer inte JSON-schemat: ${e.message}`, hint: 'Rätta värdet på den angivna platsen (JSON-pekare) så att det följer schemat.' }
        : { message: `The document does not follow the JSON Schema: ${e.message}`, hint: 'Correct the value at the given place (JSON pointer) so that it follows the schema.' }
  }
}
