/** Test helpers: a CheckTarget around a real file, and a CheckContext. */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFileContentSource } from '../../../checks/file-content-source.js'
import type { CheckContext, CheckTarget, ResolvedSchema } from '../../../checks/types.js'
import { datasetRecord, distributionRecord } from '../../helpers/check-records.js'

let dir: string | null = null

/** Writes `bytes` to a temp file and returns a target whose content streams it. */
export async function targetWithContent(
  name: string,
  bytes: string | Buffer,
  opts: { format?: string | null; conformsTo?: string[]; datasetConformsTo?: string[]; maxBytes?: number } = {},
): Promise<CheckTarget> {
  dir ??= await mkdtemp(join(tmpdir(), 'datavakt-checks-'))
  const path = join(dir, name)
  await writeFile(path, bytes)
  const content = await createFileContentSource(path, { maxBytes: opts.maxBytes })
  return {
    dataset: datasetRecord({ iri: 'https://example.org/ds/1', conformsTo: opts.datasetConformsTo ?? [] }),
    distribution: distributionRecord({
      iri: 'https://example.org/dist/1', datasetIri: 'https://example.org/ds/1', accessUrl: content.url, downloadUrl: content.url, format: opts.format ?? null, conformsTo: opts.conformsTo ?? [],
    }),
    dataServices: [],
    content,
  }
}

/** A context; `schemas` answers resolveSchema by exact URI. */
export function testContext(opts: { lang?: 'sv' | 'en'; errorLimit?: number; schemas?: Record<string, ResolvedSchema>; resolveSchema?: CheckContext['resolveSchema'] } = {}): CheckContext {
  return {
    lang: opts.lang ?? 'sv',
    now: new Date('2026-01-01T00:00:00Z'),
    errorLimit: opts.errorLimit ?? 1000,
    resolveSchema: opts.resolveSchema ?? (async (uri) => opts.schemas?.[uri] ?? null),
  }
}
