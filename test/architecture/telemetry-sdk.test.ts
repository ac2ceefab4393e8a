import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The OpenTelemetry SDK starts in the entry point only: library code records through
 * `@opentelemetry/api`, so datavakt used as a library never installs providers or
 * exporters of its own.
 */
const root = resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : []
  })
}

describe('the OpenTelemetry SDK', () => {
  it('is imported only under src/cli; everything else imports @opentelemetry/api alone', () => {
    const importers = ['src', 'checks', 'dashboards']
      .flatMap((d) => sourceFiles(join(root, d)))
      .filter((f) => /from\s+['"]@opentelemetry\/(?!api['"])/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f).replaceAll('\\', '/'))
    expect(importers.length).toBeGreaterThan(0)
    expect(importers.filter((f) => !f.startsWith('src/cli/'))).toEqual([])
  })
})
