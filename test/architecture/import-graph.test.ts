import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The layer table of docs/architecture.md, checked against the code: every import between
 * two layers must be one the table allows. The table is read from the document itself, so
 * the document and this test cannot disagree.
 */

const root = resolve(import.meta.dirname, '../..')
const LAYER_DIRS = ['src', 'checks', 'dashboards', 'migrations']

/** The layer a file belongs to: `src/<folder>`, `src/cli` for src/cli.ts, or a top folder. */
function layerOf(file: string): string {
  const rel = relative(root, file).replaceAll('\\', '/')
  if (rel === 'src/cli.ts') return 'src/cli'
  const m = rel.match(/^src\/([^/]+)\//)
  if (m) return `src/${m[1]}`
  return rel.split('/')[0]!
}

function sourceFiles(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p)
    }
  }
  for (const d of LAYER_DIRS) walk(join(root, d))
  return out
}

/** Every relative import (static, re-export, dynamic, type-only alike) of a file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specs: string[] = []
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    specs.push((m[1] ?? m[2] ?? m[3])!)
  }
  return specs.map((s) => resolve(dirname(file), s))
}

/** The "may import" column of the layer table in docs/architecture.md. */
function layerTable(): Map<string, Set<string> | 'everything'> {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8')
  const section = doc.slice(doc.indexOf('## Layers'), doc.indexOf('\n## ', doc.indexOf('## Layers') + 5))
  const table = new Map<string, Set<string> | 'everything'>()
  const short = (name: string) => (name === 'checks' || name === 'dashboards' || name === 'migrations' ? name : `src/${name}`)
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue
    const layers = [...cells[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, '').replace(/\.ts$/, ''))
    const may = cells[3]!
    const allowed: Set<string> | 'everything' =
      may === 'everything' ? 'everything' : may.startsWith('everything above but') ? new Set(['*but:' + may.replace('everything above but', '').trim()]) : new Set(may === 'nothing of ours' ? [] : may.split(',').map((s) => short(s.trim())))
    for (const l of layers) table.set(l === 'src/cli' ? 'src/cli' : l, allowed)
  }
  // "everything above but X": every layer listed before this row, except X.
  const order = [...table.keys()]
  for (const [layer, allowed] of table) {
    if (allowed === 'everything') continue
    const but = [...allowed].find((a) => a.startsWith('*but:'))
    if (!but) continue
    const except = new Set(but.slice(5).split(',').map((s) => short(s.trim())))
    table.set(layer, new Set(order.slice(0, order.indexOf(layer)).filter((l) => !except.has(l))))
  }
  return table
}

describe('the import graph', () => {
  const table = layerTable()

  it('knows every layer that has code', () => {
    const unknown = [...new Set(sourceFiles().map(layerOf))].filter((l) => !table.has(l))
    expect(unknown, 'layers with code but no row in docs/architecture.md').toEqual([])
  })

  it('has no import the layer table does not allow', () => {
    const bad: string[] = []
    for (const file of sourceFiles()) {
      const from = layerOf(file)
      const allowed = table.get(from)
      if (!allowed || allowed === 'everything') continue
      for (const target of importsOf(file)) {
        const to = layerOf(target)
        if (to === from || allowed.has(to)) continue
        bad.push(`${relative(root, file)} → ${relative(root, target)} (${from} may not import ${to})`)
      }
    }
    expect(bad).toEqual([])
  })

  it('reads the table as written (a few rows checked by hand)', () => {
    expect(table.get('src/domain')).toEqual(new Set())
    expect(table.get('src/i18n')).toEqual(new Set(['src/domain']))
    expect(table.get('src/cli')).toBe('everything')
    expect(table.get('dashboards')).toEqual(new Set(['src/domain', 'src/i18n', 'src/read-model']))
  })
})
