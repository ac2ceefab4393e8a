import { describe, expect, it } from 'vitest'
import { profileCsv, profileJson, typeOfText, type ColumnProfile } from '../../src/content/column-profile.js'
import { columnChanges, decideColumns } from '../../src/content/column-profile-changes.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { contentFromBuffer } from '../helpers/content-from-buffer.js'

const rules = { rowsDroppedBelow: 0.5, columnChangeAcceptDays: 14 }
const since = new Date('2026-12-03T02:00:00Z')
const p = (cols: [string, ColumnProfile['columns'][number]['type']][], rows = 10): ColumnProfile => ({
  columns: cols.map(([name, type]) => ({ name, type })),
  rows,
})

describe('column profiles', () => {
  it.each([
    ['', 'empty'],
    ['ja', 'boolean'],
    ['42', 'integer'],
    ['3,5', 'number'],
    ['-0.25', 'number'],
    ['2026-12-03', 'date'],
    ['2026-12-03T08:00:00Z', 'datetime'],
    ['Borås', 'string'],
  ] as const)('types %j as %s', (value, type) => expect(typeOfText(value)).toBe(type))

  it('profiles a CSV with its delimiter: names, widened types, rows', async () => {
    const csv = 'id;värde;namn\n1;2;Ale\n2;2,5;\n3;x;Lerum\n'
    expect(await profileCsv(contentFromBuffer(csv), { delimiter: ';', quote: '"' })).toEqual(
      p([['id', 'integer'], ['värde', 'string'], ['namn', 'string']], 3),
    )
  })

  it('profiles JSON records, GeoJSON properties, and nothing else', async () => {
    expect(await profileJson(contentFromBuffer('[{"a":1,"b":"x"},{"a":2.5,"c":true}]'))).toEqual(p([['a', 'number'], ['b', 'string'], ['c', 'boolean']], 2))
    const geo = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { namn: 'Ale' }, geometry: null }] }
    expect(await profileJson(contentFromBuffer(JSON.stringify(geo)))).toEqual(p([['namn', 'string']], 1))
    expect(await profileJson(contentFromBuffer('{"a":1}'))).toBeNull()
  })
})

describe('breaking changes against the last good version', () => {
  const before = p([['datum', 'date'], ['antal', 'integer'], ['plats', 'string']])

  it('a dropped column, in words with the day it went', () => {
    const f = columnChanges(before, p([['datum', 'date'], ['plats', 'string']]), since, rules)
    expect(f).toEqual([{ code: 'column-dropped', severity: 'error', params: { column: 'antal', date: '2026-12-03' }, location: { fieldName: 'antal' } }])
    expect(describeFinding(f[0]!, 'sv').message).toBe('Kolumnen `antal` försvann den 3 december.')
    expect(describeFinding(f[0]!, 'en').message).toBe('The column `antal` disappeared on 3 December.')
  })

  it('a column replaced in its place is renamed; an added one is no break', () => {
    const f = columnChanges(before, p([['datum', 'date'], ['antal_st', 'integer'], ['plats', 'string'], ['ny', 'string']]), since, rules)
    expect(f.map((x) => [x.code, x.params?.column, x.params?.newColumn])).toEqual([['column-renamed', 'antal', 'antal_st']])
  })

  it('a type that no longer fits breaks; integer to number and empty cells do not', () => {
    expect(columnChanges(before, p([['datum', 'string'], ['antal', 'number'], ['plats', 'empty']]), since, rules).map((x) => x.params)).toEqual([
      { column: 'datum', from: 'date', to: 'string', date: '2026-12-03' },
    ])
  })

  it('losing most rows breaks; losing a few does not', () => {
    expect(columnChanges(before, p(before.columns.map((c) => [c.name, c.type]), 4), since, rules).map((x) => x.code)).toEqual(['rows-dropped'])
    expect(columnChanges(before, p(before.columns.map((c) => [c.name, c.type]), 6), since, rules)).toEqual([])
  })

  it('decides: first good version is the baseline; a break keeps it and its first day; a lasting conforming change is accepted', () => {
    const dropped = p([['datum', 'date'], ['plats', 'string']])
    expect(decideColumns(null, before, false, since, rules)).toBeNull()
    expect(decideColumns(null, before, true, since, rules)?.baseline).toEqual({ profile: before, changedSince: null })
    const first = decideColumns({ profile: before, changedSince: null }, dropped, true, since, rules)!
    expect(first.baseline).toEqual({ profile: before, changedSince: since })
    const later = new Date(since.getTime() + 5 * 86_400_000)
    const again = decideColumns(first.baseline, dropped, true, later, rules)!
    expect(again.findings[0]?.params?.date).toBe('2026-12-03')
    const accepted = decideColumns(first.baseline, dropped, true, new Date(since.getTime() + 14 * 86_400_000), rules)!
    expect(accepted).toEqual({ findings: [], baseline: { profile: dropped, changedSince: null } })
    // Not conforming: never accepted, however long.
    expect(decideColumns(first.baseline, dropped, false, new Date(since.getTime() + 40 * 86_400_000), rules)!.findings).toHaveLength(1)
  })
})
