import { describe, expect, it } from 'vitest'
import { createLogger, logFormatFor } from '../../src/telemetry/logger.js'
import { ConfigError } from '../../src/config/config-error.js'

function collect() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, sinks: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } } }
}

describe('the service logger', () => {
  it('writes one JSON object a line: time, level, event, words, fields; no trace id outside a span', () => {
    const c = collect()
    const log = createLogger({ format: 'json', ...c.sinks, now: () => new Date('2026-12-05T10:00:00Z') })
    log.info('job.done', 'jobb harvest klart (3 s)', { job: 'harvest', ms: 3012, skipped: undefined })
    log.warn('no-sources', 'Inga källor')
    expect(c.err).toEqual([])
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      { time: '2026-12-05T10:00:00.000Z', level: 'info', event: 'job.done', msg: 'jobb harvest klart (3 s)', job: 'harvest', ms: 3012 },
      { time: '2026-12-05T10:00:00.000Z', level: 'warn', event: 'no-sources', msg: 'Inga källor' },
    ])
    expect(c.out.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true)
  })

  it('describes an error: a DatavaktError by its code without a stack, any other with its stack; a field never overwrites the line\'s own keys', () => {
    const c = collect()
    const log = createLogger({ format: 'json', ...c.sinks })
    log.error('link-secret', 'no secret', { level: 'sneaky' }, new ConfigError('config.not-found', { file: 'x.json' }))
    log.error('web.error', 'error abc', {}, new TypeError('boom'))
    const [ours, other] = c.out.map((l) => JSON.parse(l) as { level: string; error: Record<string, string> })
    expect(ours!.level).toBe('error')
    expect(ours!.error).toMatchObject({ name: 'ConfigError', code: 'config.not-found' })
    expect(ours!.error.stack).toBeUndefined()
    expect(other!.error).toMatchObject({ name: 'TypeError', message: 'boom' })
    expect(other!.error.stack).toContain('TypeError: boom')
  })

  it('in human format writes the words alone, warnings and errors on stderr, an unexpected error with its stack', () => {
    const c = collect()
    const log = createLogger({ format: 'human', ...c.sinks })
    log.info('running', 'datavakt kör på http://127.0.0.1:8080/', { url: 'http://127.0.0.1:8080/' })
    log.error('web.error', 'datavakt web: error 1a2b on GET /x', {}, new RangeError('bad'))
    expect(c.out).toEqual(['datavakt kör på http://127.0.0.1:8080/\n'])
    expect(c.err).toHaveLength(1)
    expect(c.err[0]).toMatch(/^datavakt web: error 1a2b on GET \/x\nRangeError: bad\n\s+at /)
  })

  it('is human on a terminal and JSON otherwise, unless DATAVAKT_LOG_FORMAT says which', () => {
    expect(logFormatFor({ isTTY: true }, {})).toBe('human')
    expect(logFormatFor({}, {})).toBe('json')
    expect(logFormatFor({ isTTY: true }, { DATAVAKT_LOG_FORMAT: 'json' })).toBe('json')
    expect(logFormatFor({}, { DATAVAKT_LOG_FORMAT: ' Human ' })).toBe('human')
    expect(logFormatFor({}, { DATAVAKT_LOG_FORMAT: 'xml' })).toBe('json')
  })
})
