import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli.js'

/**
 * A malformed row of the Västra Götaland preset's data file, as an operator meets it: the
 * command that loads the preset stops with exit code 2 and says, in the chosen language,
 * which file, which row (and its organisation) and field, and what was expected. The data
 * file is replaced here by one whose third row has a malformed organisation number.
 */
vi.mock('../../src/config/presets/vastra-gotaland.json', async (importOriginal) => {
  const rows = ((await importOriginal()) as { default: Record<string, unknown>[] }).default
  return { default: rows.map((row, i) => (i === 2 ? { ...row, orgNumber: 'abc' } : row)) }
})

let err: string[]
const saved = { error: console.error, lang: process.env.DATAVAKT_LANG }

beforeEach(() => {
  err = []
  console.error = (...a: unknown[]) => void err.push(a.join(' '))
  delete process.env.DATAVAKT_LANG
})
afterEach(() => {
  console.error = saved.error
  if (saved.lang === undefined) delete process.env.DATAVAKT_LANG
  else process.env.DATAVAKT_LANG = saved.lang
})

describe('a malformed row of the preset data', () => {
  it('stops `datavakt harvest` with exit code 2, naming the file, /2/orgNumber, the organisation and the pattern, in Swedish and English', async () => {
    expect(await main(['harvest', '--lang', 'sv'])).toBe(2)
    expect(err.join('\n')).toBe('datavakt harvest: Ogiltig konfiguration i src/config/presets/vastra-gotaland.json:\n  /2/orgNumber (Öckerö kommun): ska följa mönstret ^\\d{6}-\\d{4}$')
    err = []
    expect(await main(['harvest', '--lang', 'en'])).toBe(2)
    expect(err.join('\n')).toBe('datavakt harvest: Invalid configuration in src/config/presets/vastra-gotaland.json:\n  /2/orgNumber (Öckerö kommun): must match the pattern ^\\d{6}-\\d{4}$')
  })
})
