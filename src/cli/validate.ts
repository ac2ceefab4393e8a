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
 * Exit code: 0 valid (no check failed), 1 invalid (or the URL could not be fetched),
 * 2 usage error (no or several files, a file that does not exist, an unknown flag, an
 * unreadable --schema).
 */
import { readFile, stat } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { createFileContentSource } from '../../checks/file-content-source.js'
import { checks as registeredChecks } from '../../checks/index.js'
import { renderValidationReport } from '../../checks/render-validation-report.js'
import { classifySchemaDocument, createSchemaRegistry } from '../../checks/schema-registry.js'
import type { ResolvedSchema } from '../../checks/types.js'
import { buildValidationReport, contentChecksFor, sourceErrorReport, validationTarget, type ValidationReport } from '../../checks/validate-content.js'
import { loadConfig } from '../config/load-config.js'
import type { Config } from '../config/config.js'
import { runChecks } from '../content/run-checks.js'
import { spoolContentSource, type SpooledContent } from '../content/spool-content-source.js'
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import { describeFinding, isFindingCode, t, type MessageKey } from '../i18n/catalogue.js'
import { defaultLang, parseLang, type Lang } from '../i18n/lang.js'
import type { MessageParams } from '../domain/finding.js'
import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'

export const summary = 'kontrollera en fil med samma kontroller som innehållskontrollen (utan databas)'

const help = `Användning: datavakt validate [--json] [--schema FIL|URL|SPEC-URI] [--format csv|json|geojson] [--lang en] FIL|URL

Kontrollerar en fil innan den publiceras, med samma kontroller som innehållskontrollen
gör på publicerade filer: teckenkodning, format, CSV-struktur och, med ett schema, att
den följer specifikationen (Table Schema, CSVW eller JSON Schema).

  --json            en rapport i JSON, i samma form som Frictionless
  --schema S        schemafil, schemats URL eller specifikationens URI (dct:conformsTo)
  --format F        vad filen uppges vara (som dct:format i katalogen): csv, json eller geojson
  --lang en         engelska texter
  --allow-private   tillåt lokala och privata adresser (127.0.0.1, 10.x, ...)
  --error-limit N   sluta efter N fel (standard ${'1000'})

Slutkod: 0 giltig, 1 ogiltig, 2 felaktigt anrop.`

const isUrl = (s: string) => /^https?:\/\//i.test(s)

function usage(lang: Lang, key: MessageKey, params?: MessageParams): UsageError {
  return new UsageError(t(lang, key, params))
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
  engine: () => ReturnType<typeof createFetchEngine>,
  lang: Lang,
): Promise<SpooledContent | { url: string; reason: string }> {
  const maxBytes = config.content.maxBytes
  if (isUrl(input)) {
    try {
      // One byte over the cap, so "exactly at the cap" and "over it" can be told apart.
      const fetched = await engine().fetchBody(input, { maxBytes: maxBytes + 1 })
      return await spoolContentSource({ ...fetched, truncatedAtCap: fetched.truncatedAtCap }, { maxBytes })
    } catch (err) {
      const e = err as Error & { code?: unknown }
      const code = typeof e.code === 'string' ? e.code : ''
      return { url: input, reason: isFindingCode(code) ? describeFinding({ code }, lang).message : e.message }
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

function parse(args: string[]) {
  return parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    schema: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
    'allow-private': { type: 'boolean', default: false },
    'error-limit': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  })
}

/** Runs `datavakt validate`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args)
  if (values.help) {
    console.log(help)
    return 0
  }
  const lang = values.lang === undefined ? defaultLang() : parseLang(values.lang) === values.lang ? (values.lang as Lang) : null
  if (!lang) throw usage(defaultLang(), 'validate.usage.lang', { value: values.lang })
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
  let engine: ReturnType<typeof createFetchEngine> | null = null
  const getEngine = () => (engine ??= createFetchEngine(config.http, { allowPrivateNetworks: values['allow-private'] || config.allowPrivateNetworks }))
  let source: SpooledContent | undefined
  try {
    const schemaArg = await readSchemaArg(values.schema, lang)
    const registry = createSchemaRegistry({ operatorDir: config.content.schemasDir, fetchDocument: (url, o) => getEngine().fetchDocument(url, o) })
    const resolveSchema = async (uri: string) => (schemaArg.file && uri === schemaArg.file.uri ? schemaArg.file.schema : registry.resolveSchema(uri))
    const opened = await openSource(positionals[0]!, config, getEngine, lang)
    if (!('dispose' in opened)) {
      print(sourceErrorReport(opened.url, opened.reason, lang), values.json, lang)
      return 1
    }
    source = opened
    const started = performance.now()
    const target = validationTarget(source, { format, conformsTo: schemaArg.conformsTo })
    const ran = await runChecks(target, contentChecksFor(registeredChecks, target), { lang, now: new Date(), errorLimit, resolveSchema })
    const seconds = Math.round(performance.now() - started) / 1000
    const report = buildValidationReport({ content: source, target, ran, bytes: source.bytes, seconds, lang, schemaFile: schemaArg.file })
    print(report, values.json, lang)
    return report.valid ? 0 : 1
  } finally {
    await source?.dispose()
    if (engine) await (engine as { close(): Promise<void> }).close()
  }
}

function print(report: ValidationReport, json: boolean, lang: Lang): void {
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  else process.stdout.write(renderValidationReport(report, lang) + '\n')
}
