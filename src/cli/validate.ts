/**
 * `datavakt validate [--json] [--schema FILE|URL|SPEC-URI] [--format csv|json|geojson]
 * [--lang en] [--allow-private] [--error-limit N] FILE|URL`: checks one file before it is
 * published — encoding, CSV structure, schema conformance and the other content checks —
 * with no database. A local file is streamed, never read whole; a URL is downloaded
 * through the guarded, polite fetch engine into a temporary file first (so each check can
 * stream it), up to the configured byte cap.
 *
 * `--json` prints one report shaped like Frictionless's (`valid`, `stats`, `errors` with
 * `type`, `rowNumber`, `fieldNumber`, `fieldName`, `message`) plus `findings`; otherwise a
 * readable report in Swedish (English with --lang en).
 *
 * Exit code: 0 valid, 1 invalid (or the URL could not be fetched), 2 usage error (no or
 * several files, a file that does not exist, an unknown flag, an unreadable --schema).
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createFileContentSource } from '../../checks/file-content-source.js'
import { classifySchemaDocument, createSchemaRegistry } from '../../checks/schema-registry.js'
import type { ResolvedSchema } from '../../checks/types.js'
import { renderValidationReport, validateContent, type ValidationReport } from '../../checks/validate-content.js'
import { loadConfig } from '../config/load-config.js'
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'

export const summary = 'kontrollera en fil mot CSV-regler och schema (utan databas)'

const help = `Användning: datavakt validate [--json] [--schema FIL|URL|SPEC-URI] [--format csv|json|geojson] [--lang en] FIL|URL

Kontrollerar en fil innan den publiceras: teckenkodning, CSV-struktur och, med ett
schema, att den följer specifikationen (Table Schema, CSVW eller JSON Schema).

  --json            en rapport i JSON, i samma form som Frictionless
  --schema S        schemafil, schemats URL eller specifikationens URI (dct:conformsTo)
  --format F        csv, json eller geojson (annars gissas formatet)
  --lang en         engelska texter
  --allow-private   tillåt lokala och privata adresser (127.0.0.1, 10.x, ...)
  --error-limit N   sluta efter N fel (standard ${'1000'})

Slutkod: 0 giltig, 1 ogiltig, 2 felaktigt anrop.`

const isUrl = (s: string) => /^https?:\/\//i.test(s)

/** Runs `datavakt validate`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    schema: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string', default: 'sv' },
    'allow-private': { type: 'boolean', default: false },
    'error-limit': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  })
  if (values.help) {
    console.log(help)
    return 0
  }
  const lang = values.lang
  if (lang !== 'sv' && lang !== 'en') throw new UsageError(`--lang måste vara sv eller en, inte "${lang}"`)
  const format = values.format ?? null
  if (format !== null && format !== 'csv' && format !== 'json' && format !== 'geojson') {
    throw new UsageError(`--format måste vara csv, json eller geojson, inte "${format}"`)
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'ange en fil eller URL att kontrollera' : 'ange bara en fil eller URL')
  const input = positionals[0]!
  const config = loadConfig()
  let errorLimit = config.content.errorLimit
  if (values['error-limit'] !== undefined) {
    errorLimit = Number(values['error-limit'])
    if (!Number.isInteger(errorLimit) || errorLimit < 1) throw new UsageError(`--error-limit måste vara ett positivt heltal, inte "${values['error-limit']}"`)
  }

  // The engine is created only when something must be fetched: a local file with a local
  // schema opens no sockets.
  let engine: ReturnType<typeof createFetchEngine> | null = null
  const getEngine = () => (engine ??= createFetchEngine(config.http, { allowPrivateNetworks: values['allow-private'] || config.allowPrivateNetworks }))

  let tempDir: string | null = null
  try {
    // The schema: a local file is read here; a URL or specification URI goes through the registry.
    let schema: ResolvedSchema | null = null
    let specification: string | null = null
    const schemaArg = values.schema
    if (schemaArg !== undefined) {
      if (isUrl(schemaArg) || /^[a-z]+:\/\//i.test(schemaArg)) {
        specification = schemaArg
      } else {
        let text: string
        try {
          text = await readFile(schemaArg, 'utf8')
        } catch (err) {
          throw new UsageError(`kan inte läsa schemat ${schemaArg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen finns inte' : (err as Error).message}`)
        }
        let doc: unknown
        try {
          doc = JSON.parse(text.replace(/^\uFEFF/, ''))
        } catch (err) {
          throw new UsageError(`schemat ${schemaArg} är inte giltig JSON: ${(err as Error).message}`)
        }
        schema = classifySchemaDocument(doc, `file:${schemaArg}`)
        if (!schema) throw new UsageError(`${schemaArg} är varken ett Table Schema, CSVW-metadata eller ett JSON Schema`)
      }
    }
    const registry = createSchemaRegistry({
      operatorDir: config.content.schemasDir,
      fetchDocument: (url, o) => getEngine().fetchDocument(url, o),
    })

    // The content: a local file as is, a URL spooled to a temporary file.
    let path = input
    let contentType: string | null | undefined
    let sourceUrl: string | undefined
    if (isUrl(input)) {
      tempDir = await mkdtemp(join(tmpdir(), 'datavakt-validate-'))
      path = join(tempDir, 'body')
      let fetched
      try {
        fetched = await getEngine().fetchBody(input, { maxBytes: config.content.maxBytes })
        await pipeline(Readable.from(fetched.body), createWriteStream(path))
      } catch (err) {
        const e = err as Error & { code?: string }
        const report = sourceErrorReport(input, `${e.code ? e.code + ': ' : ''}${e.message}`, lang)
        print(report, values.json, lang)
        return 1
      }
      contentType = fetched.contentType
      sourceUrl = fetched.finalUrl || input
    } else {
      try {
        const info = await stat(input)
        if (!info.isFile()) throw new UsageError(`${input} är ingen fil`)
      } catch (err) {
        if (err instanceof UsageError) throw err
        throw new UsageError(`filen finns inte: ${input}`)
      }
    }
    const content = await createFileContentSource(path, { maxBytes: config.content.maxBytes, contentType, url: sourceUrl })
    const report = await validateContent(content, {
      lang,
      errorLimit,
      schema,
      specification,
      resolveSchema: (uri) => registry.resolveSchema(uri),
      format: format as 'csv' | 'json' | 'geojson' | null,
    })
    print(report, values.json, lang)
    return report.valid ? 0 : 1
  } finally {
    if (engine) await (engine as { close(): Promise<void> }).close()
    if (tempDir) await rm(tempDir, { recursive: true, force: true })
  }
}

function print(report: ValidationReport, json: boolean, lang: 'sv' | 'en'): void {
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  else process.stdout.write(renderValidationReport(report, lang) + '\n')
}

function sourceErrorReport(url: string, detail: string, lang: 'sv' | 'en'): ValidationReport {
  const sv = lang === 'sv'
  return {
    valid: false,
    source: url,
    format: 'other',
    encoding: null,
    dialect: null,
    schema: null,
    stats: { rows: 0, fields: 0, errors: 1, bytes: 0, seconds: 0, truncatedAtCap: false },
    warnings: [],
    errors: [
      {
        type: 'source-error',
        rowNumber: null,
        fieldNumber: null,
        fieldName: null,
        cell: null,
        note: detail,
        message: sv ? `Filen kunde inte hämtas: ${detail}` : `The file could not be fetched: ${detail}`,
        hint: sv ? 'Kontrollera att adressen stämmer och att filen går att ladda ner.' : 'Check that the address is right and that the file can be downloaded.',
      },
    ],
    findings: [],
  }
}
