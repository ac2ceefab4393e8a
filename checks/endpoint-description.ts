/**
 * A data service's dcat:endpointDescription, fetched and read: it must be a description a
 * machine can use, one of
 * - OpenAPI 3 (`openapi: 3.x`) or Swagger 2 (`swagger: "2.0"`), JSON or YAML, with `info`
 *   and `paths`;
 * - WSDL 1.1 (`definitions` in http://schemas.xmlsoap.org/wsdl/) or WSDL 2.0 (`description`
 *   in http://www.w3.org/ns/wsdl);
 * - OGC capabilities (the root element of a WMS, WFS, WCS, WMTS or CSW GetCapabilities
 *   answer); an OGC exception report instead is a failure.
 *
 * Pure: the caller (src/content/check-services.ts) fetches the document and hands over the
 * bytes or why none could be had. Findings (codes stable, words in
 * src/i18n/messages/findings-services.ts), errors unless noted:
 * `endpoint-description-unreachable` (`url`, `code`: the fetch error or `http-<status>`),
 * `endpoint-description-empty`, `endpoint-description-unknown` (`contentType`: a page or a
 * document of no known kind), `endpoint-description-invalid` (`kind`, `detail`: it claims a
 * kind and does not parse as one), `endpoint-description-incomplete` (`kind`, `missing`),
 * `endpoint-description-ogc-exception` (`detail`). A description that parses gives the
 * facts `kind` and `version`.
 */
import { SaxesParser } from '@rubensworks/saxes'
import { parse as parseYaml } from 'yaml'
import { statusOf } from './status-of.js'
import type { CheckResult, Finding } from './types.js'

export type DescriptionKind = 'openapi' | 'swagger' | 'wsdl' | 'ogc-capabilities'

/** What the caller could fetch: the document, or why there is none. */
export type FetchedDescription =
  | { ok: true; url: string; contentType: string | null; body: Uint8Array }
  | { ok: false; url: string; code: string }

const WSDL_11 = 'http://schemas.xmlsoap.org/wsdl/'
const WSDL_20 = 'http://www.w3.org/ns/wsdl'
const OGC_ROOTS = new Set(['WMS_Capabilities', 'WMT_MS_Capabilities', 'WFS_Capabilities', 'WCS_Capabilities'])
/** WMTS, WCS 2, CSW and WPS all answer `Capabilities`, in an OGC namespace. */
const isOgcRoot = (r: { local: string; uri: string }) => OGC_ROOTS.has(r.local) || (r.local === 'Capabilities' && r.uri.includes('opengis.net'))
const OGC_EXCEPTIONS = new Set(['ExceptionReport', 'ServiceExceptionReport'])

const fail = (code: string, params: Finding['params'] = {}): Finding => ({ code, severity: 'error', params, location: { property: 'dcat:endpointDescription' } })

/** The verdict on one endpoint description (see the module comment). */
export function judgeEndpointDescription(d: FetchedDescription): CheckResult {
  if (!d.ok) return result([fail('endpoint-description-unreachable', { url: d.url, code: d.code })])
  const text = new TextDecoder('utf-8').decode(d.body).replace(/^\uFEFF/, '')
  if (text.trim() === '') return result([fail('endpoint-description-empty')])
  const start = text.trimStart()
  if (start.startsWith('<')) return start.slice(0, 512).toLowerCase().includes('<html') || /^<!doctype html/i.test(start) ? unknown(d) : judgeXml(text, d)
  return judgeOpenApi(text, d)
}

function result(findings: Finding[], facts?: CheckResult['facts']): CheckResult {
  return facts ? { status: statusOf(findings), findings, facts } : { status: statusOf(findings), findings }
}

function unknown(d: { contentType: string | null }): CheckResult {
  return result([fail('endpoint-description-unknown', { contentType: d.contentType ?? '' })])
}

/** OpenAPI 3 or Swagger 2, in JSON or YAML (JSON is YAML). */
function judgeOpenApi(text: string, d: { contentType: string | null }): CheckResult {
  let doc: unknown
  try {
    doc = parseYaml(text, { maxAliasCount: 100, uniqueKeys: false })
  } catch (err) {
    const claims = /(?:^|[{,])\s*["']?(openapi|swagger)["']?\s*:/m.exec(text)
    if (!claims) return unknown(d)
    return result([fail('endpoint-description-invalid', { kind: claims[1]!.toLowerCase(), detail: String((err as Error).message).split('\n')[0]!.slice(0, 200) })])
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return unknown(d)
  const o = doc as Record<string, unknown>
  const kind: DescriptionKind | null = typeof o.openapi === 'string' && /^3\./.test(o.openapi) ? 'openapi' : String(o.swagger ?? '') === '2.0' ? 'swagger' : null
  if (!kind) return unknown(d)
  const missing = ['info', 'paths'].filter((k) => o[k] === null || typeof o[k] !== 'object')
  // OpenAPI 3.1 allows webhooks or components instead of paths.
  const stillMissing = kind === 'openapi' && String(o.openapi).startsWith('3.1') && (o.webhooks || o.components) ? missing.filter((m) => m !== 'paths') : missing
  if (stillMissing.length) return result([fail('endpoint-description-incomplete', { kind, missing: stillMissing })])
  return result([], { kind, version: String(kind === 'openapi' ? o.openapi : o.swagger) })
}

/** WSDL or OGC capabilities: the root element (with its namespace) of a well-formed document. */
function judgeXml(text: string, d: { contentType: string | null }): CheckResult {
  const parser = new SaxesParser({ xmlns: true })
  let root: { local: string; uri: string; version: string } | null = null
  let firstText = ''
  let error: string | null = null
  parser.on('opentag', (tag) => {
    if (!root) {
      const version = tag.attributes.version
      root = { local: tag.local, uri: tag.uri, version: typeof version === 'string' ? version : (version?.value ?? '') }
    }
  })
  parser.on('text', (t) => {
    if (root && firstText.length < 200) firstText += t.trim() ? `${t.trim()} ` : ''
  })
  parser.on('error', (err) => {
    error ??= err.message
  })
  parser.on('doctype', () => {
    error ??= 'DOCTYPE'
  })
  try {
    parser.write(text).close()
  } catch (err) {
    error ??= (err as Error).message
  }
  const r = root as { local: string; uri: string; version: string } | null
  const kind: DescriptionKind | null = !r ? null : (r.local === 'definitions' && r.uri === WSDL_11) || (r.local === 'description' && r.uri === WSDL_20) ? 'wsdl' : isOgcRoot(r) ? 'ogc-capabilities' : null
  if (r && OGC_EXCEPTIONS.has(r.local)) return result([fail('endpoint-description-ogc-exception', { detail: firstText.trim().slice(0, 200) })])
  if (!kind) return error && !r ? result([fail('endpoint-description-invalid', { kind: 'xml', detail: error.slice(0, 200) })]) : unknown(d)
  if (error) return result([fail('endpoint-description-invalid', { kind, detail: error.slice(0, 200) })])
  return result([], { kind, version: r!.version || null })
}
