/**
 * `datavakt validate [--json] [--schema FILE|URL|SPEC-URI] [--format csv|json|geojson]
 * [--lang en] [--allow-private] [--error-limit N] FILE|URL`: checks one file before it is
 * published, with no database, by exactly the checks the content sweep runs on a
 * distribution's bytes (encoding, format, CSV structure and, with a schema, conformance:
 * checks/validate-content.ts picks them) and with the sweep's own runner, so a file gets
 * the same findings, in the same words, before and after it is published. The bytes are
 * spooled once to a temporary file as the sweep spools a download: a URL is downloaded
 * through the guarded, polite fetch engine, a local file copied, up to the byte cap.
 *
 * `--json` prints one report shaped like Frictionless's (`valid`, `stats`, `errors` with
 * `type`, `rowNumber`, `fieldNumber`, `fieldName`, `message`) plus `findings`; otherwise a
 * readable report in Swedish (English with --lang en). `--format` says what the file is
 * declared as (dct:format), as a catalogue would; `--schema` what it conforms to.
 *
 * A table (a data file) is expected unless the file's own name ends in .html/.htm: an HTML
 * page where a table was expected (a sign-in page, a portal page, a "not found" page, as
 * src/fetch/web-page.ts tells them apart) is invalid, with that finding.
 *
 * Exit code: 0 valid (no check failed), 1 invalid (or the URL could not be fetched),
 * 2 usage error (no or several files, a file that does not exist, an unknown flag, an
 * unreadable --schema file). A --schema URL that cannot be fetched (within its deadline)
 * or read as a schema, and any schema the checks cannot use, make the file invalid (1).
 */
import { readFile, stat } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { createFileContentSource } from '../../checks/file-content-source.js'
import { checks as registeredChecks } from '../../checks/index.js'
import { renderValidationReport } from '../../checks/render-validation-report.js'
import { classifySchemaDocument, createSchemaRegistry, type FetchDocument } from '../../checks/schema-registry.js'
import type { ResolvedSchema } from '../../checks/types.js'
import { buildValidationReport, contentChecksFor, sourceErrorReport, validationTarget, type ValidationReport } from '../../checks/validate-content.js'
import { loadConfig } from '../config/load-config.js'
import { budgetsWith } from '../domain/budgets.js'
import type { Config } from '../config/config.js'
import { runChecks } from '../content/run-checks.js'
import { spoolContentSource, type SpooledContent } from '../content/spool-content-source.js'
import type { CreatedFetchEngine } from '../fetch/create-fetch-engine.js'
import { looksLikeHtml, webPageKind } from '../fetch/web-page.js'
import type { RanContentCheck } from '../../checks/validate-content.js'
import { describeFinding, isFindingCode, t, type MessageKey } from '../i18n/catalogue.js'
import { errorText } from '../i18n/datavakt-error.js'
import { defaultLang, type Lang } from '../i18n/lang.js'
import type { MessageParams } from '../domain/finding.js'
import { commandEngine } from './command-engine.js'
import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'

const isUrl = (s: string) => /^https?:\/\//i.test(s)

/** A usage error; its words are made in the reader's language when it is printed. */
function usage(_lang: Lang, key: MessageKey, params?: MessageParams): UsageError {
  return new UsageError(key, params)
}

/** What --schema names: the URIs to check against, and a schema file as a made-up URI. */
interface SchemaArg {
  conformsTo: string[]
  file: { uri: string; origin: string; schema: ResolvedSchema } | null
}

/** Reads --schema: a URL or specification URI is resolved later; a file is read here. */
async function readSchemaArg(arg: string | undefined, lang: Lang): Promise<SchemaArg> {
  if (arg === undefined) return { conformsTo: [], file: null }
  if (isUrl(arg) || /^[a-z]+:\/\//i.test(arg)) return { conformsTo: [arg], file: null }
  let text: string
  try {
    text = await readFile(arg, 'utf8')
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw e.code === 'ENOENT' ? usage(lang, 'validate.usage.schema-missing', { path: arg }) : usage(lang, 'validate.usage.schema-unreadable', { path: arg, reason: e.message })
  }
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw usage(lang, 'validate.usage.schema-not-json', { path: arg, reason: (err as Error).message })
  }
  const origin = `file:${arg}`
  const schema = classifySchemaDocument(doc, origin)
  if (!schema) throw usage(lang, 'validate.usage.schema-kind', { path: arg })
  const uri = pathToFileURL(arg).href
  return { conformsTo: [uri], file: { uri, origin, schema } }
}

/** The file's bytes, spooled as the content sweep spools a download; or why they could not be had. */
async function openSource(
  input: string,
  config: Config,
  engine: () => CreatedFetchEngine,
  lang: Lang,
): Promise<(SpooledContent & { finalUrl?: string }) | { url: string; reason: string; refused: boolean }> {
  const maxBytes = config.content.maxBytes
  if (isUrl(input)) {
    try {
      // One byte over the cap, so "exactly at the cap" and "over it" can be told apart.
      const fetched = await engine().fetchBody(input, { maxBytes: maxBytes + 1 })
      const spooled = await spoolContentSource({ ...fetched, truncatedAtCap: fetched.truncatedAtCap }, { maxBytes })
      return Object.assign(spooled, { finalUrl: fetched.finalUrl })
    } catch (err) {
      return { url: input, reason: reasonOf(err, lang), refused: (err as { probeCode?: unknown }).probeCode === 'forbidden-target' }
    }
  }
  let isFile = false
  try {
    isFile = (await stat(input)).isFile()
  } catch {
    throw usage(lang, 'validate.usage.file-missing', { path: input })
  }
  if (!isFile) throw usage(lang, 'validate.usage.not-a-file', { path: input })
  const file = await createFileContentSource(input, { maxBytes: maxBytes + 1 })
  return spoolContentSource({ url: file.url, status: null, contentType: file.contentType, contentLength: file.contentLength, etag: null, lastModified: file.lastModified, body: file.stream() }, { maxBytes })
}

/** Why a fetch failed, in the reader's language when the engine gave a finding code. */
function reasonOf(err: unknown, lang: Lang): string {
  const e = err as Error & { code?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  if (isFindingCode(code)) return describeFinding({ code }, lang).message
  // An operational error (a failed download, a deadline) in the reader's language, not Node's English.
  return errorText(err, lang)
}

function parse(args: string[]) {
  return parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    schema: { type: 'string' },
    format: { type: 'string' },
    'allow-private': { type: 'boolean', default: false },
    'error-limit': { type: 'string' },
  })
}

/** Runs `datavakt validate`; returns the exit code. */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values, positionals } = parse(args)
  const lang = given ?? defaultLang()
  const format = values.format ?? null
  if (format !== null && format !== 'csv' && format !== 'json' && format !== 'geojson') throw usage(lang, 'validate.usage.format', { value: format })
  if (positionals.length !== 1) throw usage(lang, positionals.length === 0 ? 'validate.usage.no-file' : 'validate.usage.one-file')
  const config = loadConfig()
  let errorLimit = config.content.errorLimit
  if (values['error-limit'] !== undefined) {
    errorLimit = Number(values['error-limit'])
    if (!Number.isInteger(errorLimit) || errorLimit < 1) throw usage(lang, 'validate.usage.error-limit', { value: values['error-limit'] })
  }
  // The engine is created only when something must be fetched: a local file with a local
  // schema opens no sockets.
  let engine: CreatedFetchEngine | null = null
  const getEngine = () => (engine ??= commandEngine(config, values['allow-private']))
  let source: SpooledContent | undefined
  try {
    const schemaArg = await readSchemaArg(values.schema, lang)
    // The registry treats an unreachable schema as unknown; a schema named on the command
    // line that cannot be fetched (error, deadline) or parsed is a schema error, so remember
    // why. A 404 stays `unknown-specification` (info), as for any specification URI.
    let schemaFailure: unknown = null
    const fetchDocument: FetchDocument = (url, o) =>
      getEngine()
        .fetchDocument(url, o)
        .then((doc) => {
          const text = doc.status < 300 ? doc.body.toString('utf8').replace(/^\uFEFF/, '').trimStart() : ''
          if (text.startsWith('{')) {
            try {
              JSON.parse(text)
            } catch (err) {
              schemaFailure = err
            }
          }
          return doc
        })
        .catch((err: unknown) => {
          schemaFailure = err
          throw err
        })
    const registry = createSchemaRegistry({ operatorDir: config.content.schemasDir, fetchDocument, maxBytes: budgetsWith(config.content.budgets).schemaBytes })
    const resolveSchema = async (uri: string) => (schemaArg.file && uri === schemaArg.file.uri ? schemaArg.file.schema : registry.resolveSchema(uri))
    if (!schemaArg.file && values.schema !== undefined && !(await registry.resolveSchema(values.schema)) && schemaFailure) {
      print(sourceErrorReport(values.schema, reasonOf(schemaFailure, lang), lang, 'schema'), values.json, lang)
      return 1
    }
    const opened = await openSource(positionals[0]!, config, getEngine, lang)
    if (!('dispose' in opened)) {
      print(sourceErrorReport(opened.url, opened.reason, lang), values.json, lang)
      // A loopback or private address refused on the command line: say how to allow it.
      if (opened.refused && !values['allow-private']) console.error(t(lang, 'cli.check.hint.allow-private'))
      return 1
    }
    source = opened
    const started = performance.now()
    const target = validationTarget(source, { format, conformsTo: schemaArg.conformsTo })
    const ran = await runChecks(target, contentChecksFor(registeredChecks, target), { lang, now: new Date(), errorLimit, resolveSchema, budgets: budgetsWith(config.content.budgets) })
    const page = webPageWhereTableExpected(opened, positionals[0]!, format !== null)
    const seconds = Math.round(performance.now() - started) / 1000
    const report = buildValidationReport({ content: source, target, ran: page ? [...ran, page] : ran, bytes: source.bytes, seconds, lang, schemaFile: schemaArg.file })
    print(report, values.json, lang)
    return report.valid ? 0 : 1
  } finally {
    await source?.dispose()
    if (engine) await (engine as { close(): Promise<void> }).close()
  }
}

/**
 * The finding for an HTML page where a table was expected (`login-wall`, `landing-page`,
 * `soft-404`, with the probe codes' words), as a failed check; null for anything else, or
 * when the name says it is a web page (.html, .htm) and no --format says otherwise.
 */
function webPageWhereTableExpected(source: SpooledContent & { finalUrl?: string }, input: string, formatGiven: boolean): RanContentCheck | null {
  if (!formatGiven && /\.html?$/i.test(input.split(/[?#]/)[0]!)) return null
  if (!looksLikeHtml(source.head, source.contentType)) return null
  const html = Buffer.from(source.head.buffer, source.head.byteOffset, Math.min(source.head.byteLength, 16_384)).toString('utf8')
  const page = webPageKind(html, [input, ...(source.finalUrl ? [source.finalUrl] : [])])
  const params = page.evidence ? { evidence: page.evidence } : {}
  return { check: { id: 'source' }, result: { status: 'fail', findings: [{ code: page.kind, severity: 'error', params }] } }
}

function print(report: ValidationReport, json: boolean, lang: Lang): void {
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  else process.stdout.write(renderValidationReport(report, lang) + '\n')
}
