import { describe, expect, it } from 'vitest'
import { catalogueAreas, describeFinding, findingMessages, messages, t } from '../../src/i18n/catalogue.js'
import { LANGS } from '../../src/i18n/lang.js'
import type { FindingMessage, Message } from '../../src/i18n/message.js'
import { render } from '../../src/i18n/message.js'
import { PROBE_CODES } from '../../src/domain/probe-codes.js'
import { looksEnglish, looksSwedish } from '../helpers/language.js'

/**
 * Params that answer any name a message asks for with a plausible value, so every text can
 * be rendered without knowing its params: numbers where a count is likely, words otherwise.
 */
const anyParams = new Proxy(
  {},
  {
    get: (_t, name) =>
      typeof name === 'string' && /^(n|count|row|rows|field|line|points|max|min|limit|days|hours|bytes|status|size|total|score|seconds|ms|percent|share|got|expected|errors|warnings|of|width|position|byte|column|columns|urls|hosts|changes|tables|deleted|dropped|made|datasets|services|\w+Days)$/i.test(name)
        ? 2
        : typeof name === 'string' && /(date|since|at|day|modified|until)$/i.test(name)
          ? '2026-12-03'
          : typeof name === 'string' && /(list|codes|names|values|fields|items|labels|positions)$/i.test(name)
            ? ['a', 'b']
            : 'x',
  },
) as Record<string, never>

function entries(): [string, string, Message][] {
  const out: [string, string, Message][] = []
  for (const [area, table] of Object.entries(catalogueAreas)) {
    for (const [key, value] of Object.entries(table)) {
      if ('message' in value) {
        const fm = value as FindingMessage
        out.push([area, `${key}.message`, fm.message])
        if (fm.hint) out.push([area, `${key}.hint`, fm.hint])
      } else out.push([area, key, value as Message])
    }
  }
  return out
}

describe('the message catalogue', () => {
  it('has every text in every language, none empty or broken by a missing param', () => {
    const problems: string[] = []
    for (const [area, key, m] of entries()) {
      for (const lang of LANGS) {
        if (m[lang] === undefined) {
          problems.push(`${area}/${key}: no ${lang}`)
          continue
        }
        const text = render(m, lang, anyParams)
        if (text.trim() === '') problems.push(`${area}/${key}: empty in ${lang}`)
        if (/\bundefined\b|\bNaN\b|\[object Object\]/.test(text)) problems.push(`${area}/${key}: "${text}" in ${lang}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('keeps each key in one area only, so no text silently replaces another', () => {
    const seen = new Map<string, string>()
    const twice: string[] = []
    for (const [area, table] of Object.entries(catalogueAreas)) {
      for (const key of Object.keys(table)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${area}`)
        seen.set(key, area)
      }
    }
    expect(twice).toEqual([])
  })

  it("starts each key with its area's name, so a text is found where its area keeps it", () => {
    const misplaced: string[] = []
    for (const [area, table] of Object.entries(catalogueAreas)) {
      if (area === 'common' || area === 'probe' || area.startsWith('findings-')) continue
      for (const key of Object.keys(table)) if (!key.startsWith(`${area}.`)) misplaced.push(`${area}: ${key}`)
    }
    expect(misplaced).toEqual([])
  })

  it('writes Swedish texts in Swedish and English texts in English', () => {
    const wrong: string[] = []
    for (const [area, key, m] of entries()) {
      const sv = render(m, 'sv', anyParams)
      const en = render(m, 'en', anyParams)
      if (looksEnglish(sv) && !looksSwedish(sv)) wrong.push(`${area}/${key} sv: ${sv}`)
      if (looksSwedish(en)) wrong.push(`${area}/${key} en: ${en}`)
    }
    expect(wrong).toEqual([])
  })

  it('has words for every probe code', () => {
    for (const code of Object.keys(PROBE_CODES)) expect(findingMessages).toHaveProperty(code)
  })

  it('renders a stored finding in the reader language, and an old one with its stored words', () => {
    expect(describeFinding({ code: 'http-404', params: {} }, 'en').message).toMatch(/404/)
    expect(describeFinding({ code: 'http-404', params: {} }, 'sv').message).toMatch(/finns inte/)
    expect(describeFinding({ code: 'no-such-code', message: 'Gammal text' }, 'en')).toEqual({ message: 'Gammal text' })
    expect(describeFinding({ code: 'no-such-code' }, 'en')).toEqual({ message: 'no-such-code' })
    expect(t('en', 'dimension.metadata')).toBe('Metadata')
    expect(Object.keys(messages).length).toBeGreaterThan(0)
  })
})
