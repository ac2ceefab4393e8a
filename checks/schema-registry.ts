/**
 * The schema registry: finds the machine-readable schema of a specification named by
 * `dct:conformsTo`, for the conformance check. It looks in three places, in order:
 *
 * 1. the operator's schemas folder (`content.schemasDir`), so a regional team can add a
 *    specification without a release;
 * 2. the schemas bundled in `checks/specs/`;
 * 3. the conformsTo URL itself, when it serves a Table Schema, CSVW metadata or a JSON
 *    Schema. When it serves HTML (a specification's web page), `<uri>/schema.json` is
 *    tried too — where the national specifications keep their CSVW file.
 *
 * Folders 1 and 2 hold an `index.json`: either `{"<conformsTo URI>": "file.json", ...}` or
 * `{"specifications": [{"uri": "...", "file": "...", "aliases": [...]}]}`.
 *
 * URIs are normalised before matching: http/https, `www.`, a trailing slash, a `/sv/` or
 * `/en/` language segment, query and fragment are ignored. A URI with no exact match
 * falls back to the specification's name: `dataportal.se/specifications/<name>/<version>`
 * and `lankadedata.se/spec/<name>` both carry `<name>`, and the highest version wins.
 *
 * CSVW is mapped to Table Schema here, so callers only see 'table-schema' or
 * 'json-schema'. Results (also "not found") are cached per registry. Network access goes
 * only through the `fetchDocument` given (the guarded, polite engine); without it, step 3
 * is skipped. Never throws for a missing or unusable schema: the answer is null.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_BUDGETS } from '../src/domain/budgets.js'
import type { FetchEngine } from '../src/fetch/fetch-engine.js'
import type { MessageParams } from '../src/domain/finding.js'
import type { MessageKey } from '../src/i18n/catalogue.js'
import { DatavaktError } from '../src/i18n/datavakt-error.js'
import { isTableSchema } from './table-schema/compile-table-schema.js'
import { csvwToTableSchema, isCsvwMetadata } from './table-schema/csvw-to-table-schema.js'
import type { ResolvedSchema } from './types.js'

export type FetchDocument = FetchEngine['fetchDocument']

export interface SchemaRegistryOptions {
  /** The operator's schemas folder, with index.json. */
  operatorDir?: string
  /** Defaults to `checks/specs/` next to this module. */
  bundledDir?: string
  /** The guarded fetcher; without it remote schemas are not fetched. */
  fetchDocument?: FetchDocument
  /** Cap on a fetched schema document (budget `schemaBytes`); a bigger one is not read and counts as unknown. */
  maxBytes?: number
}

export interface SchemaRegistry {
  /** Resolves a conformsTo URI to a schema, or null when unknown (see module comment). */
  resolveSchema(uri: string): Promise<ResolvedSchema | null>
}

const BUNDLED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'specs')

/** Normalises a specification URI for matching (see module comment). */
export function normalizeSpecUri(uri: string): string {
  let s = uri.trim().replace(/[?#].*$/, '')
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  const slash = s.indexOf('/')
  const host = (slash === -1 ? s : s.slice(0, slash)).toLowerCase().replace(/^www\./, '').replace(/:(80|443)$/, '')
  let path = slash === -1 ? '' : s.slice(slash)
  path = path.replace(/\/(sv|en)(?=\/)/, '').replace(/\/+$/, '')
  return host + path
}

/** The specification's short name, from dataportal.se/specifications/<name>/… or lankadedata.se/spec/<name>. */
export function specNameOf(uri: string): { name: string; version: string | null } | null {
  const n = normalizeSpecUri(uri)
  let m = /^dataportal\.se\/specifications\/([^/]+)(?:\/([^/]+))?/.exec(n)
  if (m) return { name: m[1]!.toLowerCase(), version: m[2] ?? null }
  m = /^lankadedata\.se\/spec\/([^/]+)(?:\/([^/]+))?/.exec(n)
  if (m) return { name: m[1]!.toLowerCase(), version: m[2] && /^\d/.test(m[2]) ? m[2] : null }
  return null
}

interface IndexEntry {
  uri: string
  file: string
  aliases?: string[]
}

interface LoadedIndex {
  dir: string
  byUri: Map<string, IndexEntry>
  byName: Map<string, { version: string | null; entry: IndexEntry }[]>
}

async function loadIndex(dir: string): Promise<LoadedIndex | null> {
  let raw: string
  try {
    raw = await readFile(join(dir, 'index.json'), 'utf8')
  } catch {
    return null
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch (err) {
    throw new SchemaRegistryError('checks.schema-registry.index-not-json', { path: join(dir, 'index.json') }, { cause: err })
  }
  const entries: IndexEntry[] = []
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { specifications?: unknown }).specifications)) {
    for (const e of (parsed as { specifications: IndexEntry[] }).specifications) if (e && typeof e.uri === 'string' && typeof e.file === 'string') entries.push(e)
  } else if (parsed && typeof parsed === 'object') {
    for (const [uri, file] of Object.entries(parsed)) if (typeof file === 'string' && !uri.startsWith('$')) entries.push({ uri, file })
  }
  const byUri = new Map<string, IndexEntry>()
  const byName = new Map<string, { version: string | null; entry: IndexEntry }[]>()
  for (const e of entries) {
    for (const u of [e.uri, ...(e.aliases ?? [])]) {
      byUri.set(normalizeSpecUri(u), e)
      const nm = specNameOf(u)
      if (nm) byName.set(nm.name, [...(byName.get(nm.name) ?? []), { version: nm.version, entry: e }])
    }
  }
  return { dir, byUri, byName }
}

/** Thrown when an operator's index file is broken (an operational problem, not bad data). */
export class SchemaRegistryError extends DatavaktError {
  override name = 'SchemaRegistryError'
  declare readonly code: Extract<MessageKey, `checks.schema-registry.${string}`>

  constructor(code: SchemaRegistryError['code'], params: MessageParams, options?: { cause?: unknown }) {
    super(code, params, options)
  }
}

function compareVersions(a: string | null, b: string | null): number {
  const pa = (a ?? '').split('.').map((x) => Number.parseInt(x, 10) || 0)
  const pb = (b ?? '').split('.').map((x) => Number.parseInt(x, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

function lookup(index: LoadedIndex, uri: string): IndexEntry | null {
  const exact = index.byUri.get(normalizeSpecUri(uri))
  if (exact) return exact
  const nm = specNameOf(uri)
  if (!nm) return null
  const candidates = index.byName.get(nm.name) ?? []
  const sameVersion = nm.version ? candidates.filter((c) => c.version === nm.version) : candidates
  // A URI naming a version we do not have must not be checked against another version.
  if (nm.version && sameVersion.length === 0) return null
  const sorted = [...sameVersion].sort((x, y) => compareVersions(y.version, x.version))
  return sorted[0]?.entry ?? null
}

/**
 * Classifies a parsed JSON document as a schema: Table Schema, CSVW (mapped to Table
 * Schema) or JSON Schema; null when it is none of them.
 */
export function classifySchemaDocument(doc: unknown, origin: string): ResolvedSchema | null {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null
  if (isCsvwMetadata(doc)) {
    try {
      return { kind: 'table-schema', schema: csvwToTableSchema(doc), origin }
    } catch {
      return null
    }
  }
  if (isTableSchema(doc)) return { kind: 'table-schema', schema: doc, origin }
  const o = doc as Record<string, unknown>
  const looksJsonSchema =
    (typeof o.$schema === 'string' && /json-schema\.org/.test(o.$schema)) ||
    (typeof o.type === 'string' && ('properties' in o || 'items' in o)) ||
    'properties' in o ||
    '$defs' in o ||
    'definitions' in o
  return looksJsonSchema ? { kind: 'json-schema', schema: doc, origin } : null
}

async function readSchemaFile(dir: string, entry: IndexEntry, prefix: string): Promise<ResolvedSchema | null> {
  const path = resolve(dir, entry.file)
  // An index may only point inside its own folder.
  if (!path.startsWith(resolve(dir))) return null
  let doc: unknown
  try {
    doc = JSON.parse(await readFile(path, 'utf8'))
  } catch (err) {
    throw new SchemaRegistryError('checks.schema-registry.schema-not-json', { path, specification: entry.uri }, { cause: err })
  }
  return classifySchemaDocument(doc, `${prefix}:${entry.file}`)
}

/** Creates a registry (see module comment). */
export function createSchemaRegistry(opts: SchemaRegistryOptions = {}): SchemaRegistry {
  const cache = new Map<string, Promise<ResolvedSchema | null>>()
  let indexes: Promise<{ index: LoadedIndex; prefix: string }[]> | null = null
  const maxBytes = opts.maxBytes ?? DEFAULT_BUDGETS.schemaBytes

  const loadIndexes = () =>
    (indexes ??= (async () => {
      const out: { index: LoadedIndex; prefix: string }[] = []
      if (opts.operatorDir) {
        const i = await loadIndex(opts.operatorDir)
        if (i) out.push({ index: i, prefix: 'operator' })
      }
      const b = await loadIndex(opts.bundledDir ?? BUNDLED_DIR)
      if (b) out.push({ index: b, prefix: 'bundled' })
      return out
    })())

  const fetchSchema = async (url: string): Promise<ResolvedSchema | null> => {
    if (!opts.fetchDocument || !/^https?:\/\//i.test(url)) return null
    const get = async (u: string) => {
      try {
        const doc = await opts.fetchDocument!(u, {
          maxBytes,
          accept: 'application/schema+json, application/csvm+json, application/ld+json;q=0.9, application/json;q=0.9, text/html;q=0.5, */*;q=0.1',
        })
        return doc.status >= 200 && doc.status < 300 ? doc : null
      } catch {
        // Unreachable specification: unknown, not a failure of the file.
        return null
      }
    }
    const doc = await get(url)
    if (!doc) return null
    const text = doc.body.toString('utf8').replace(/^\uFEFF/, '')
    const trimmed = text.trimStart()
    if (trimmed.startsWith('{')) {
      try {
        return classifySchemaDocument(JSON.parse(text), doc.finalUrl || url)
      } catch {
        return null
      }
    }
    if (/html/i.test(doc.contentType ?? '') || trimmed.startsWith('<')) {
      const next = `${url.replace(/[?#].*$/, '').replace(/\/+$/, '')}/schema.json`
      const sub = await get(next)
      if (!sub) return null
      try {
        return classifySchemaDocument(JSON.parse(sub.body.toString('utf8').replace(/^\uFEFF/, '')), sub.finalUrl || next)
      } catch {
        return null
      }
    }
    return null
  }

  const resolveUncached = async (uri: string): Promise<ResolvedSchema | null> => {
    for (const { index, prefix } of await loadIndexes()) {
      const entry = lookup(index, uri)
      if (entry) {
        const found = await readSchemaFile(index.dir, entry, prefix)
        if (found) return found
      }
    }
    return fetchSchema(uri)
  }

  return {
    resolveSchema(uri: string): Promise<ResolvedSchema | null> {
      const key = normalizeSpecUri(uri)
      let p = cache.get(key)
      if (!p) {
        p = resolveUncached(uri)
        cache.set(key, p)
        // A broken operator index must surface, and must not stay cached.
        p.catch(() => cache.delete(key))
      }
      return p
    },
  }
}
