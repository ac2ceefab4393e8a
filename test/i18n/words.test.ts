import { describe, expect, it } from 'vitest'
import { wordFor, type Words } from '../../src/i18n/message.js'

const WORDS: Words = {
  'integer': { sv: 'heltal', en: 'whole numbers' },
  'DAILY': { sv: 'dagligen', en: 'daily' },
}

describe('wordFor', () => {
  it('gives the words for a known value in the language asked for', () => {
    expect(wordFor(WORDS, 'sv', 'integer')).toBe('heltal')
    expect(wordFor(WORDS, 'en', 'DAILY')).toBe('daily')
  })

  it('gives the value itself when the table has no words for it, and nothing for no value', () => {
    expect(wordFor(WORDS, 'en', 'WEEKLY')).toBe('WEEKLY')
    expect(wordFor(WORDS, 'sv', 3)).toBe('3')
    expect(wordFor(WORDS, 'sv', undefined)).toBe('')
  })

  it("does not take a name every object has (constructor, toString) for a table's value", () => {
    expect(wordFor(WORDS, 'sv', 'constructor')).toBe('constructor')
    expect(wordFor(WORDS, 'en', 'toString')).toBe('toString')
  })
})
