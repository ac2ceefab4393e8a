import { describe, expect, it } from 'vitest'
import { outcomeOf, type ProbeCode } from '../../src/domain/probe-codes.js'
import { codeForStatus } from '../../src/fetch/code-for-status.js'

describe('codeForStatus: what an HTTP status means by itself', () => {
  /**
   * Each code with the answers that mean it by themselves: a status alone (no Retry-After),
   * or a status with its Retry-After in seconds.
   */
  const MEANINGS: [code: ProbeCode | null, answers: (number | [status: number, retryAfterSeconds: number])[]][] = [
    // Judged by the body that follows: a success, a partial answer, a 304 to a conditional request.
    [null, [200, 204, 206, 299, 304]],
    // A final 1xx is no answer a client can use; nor is a 4xx with no code of its own.
    ['http-4xx', [100, 199, 400, 416, 418, 499]],
    // A redirect that reached the classifier had no usable Location.
    ['http-3xx', [300, 301, 399]],
    ['login-required', [401]],
    ['forbidden', [403]],
    ['http-404', [404]],
    ['http-410', [410]],
    // 503 is a rate limit only when it says when to come back.
    ['rate-limited', [429, [429, 30], [503, 0], [503, 120]]],
    ['http-5xx', [500, [502, 30], 503, 599]],
  ]
  const cases = MEANINGS.flatMap(([code, answers]) =>
    answers.map((a): [number, number | null, ProbeCode | null] => (typeof a === 'number' ? [a, null, code] : [...a, code])),
  )

  it.each(cases)('%i (Retry-After %s) → %s', (status, retryAfter, code) => {
    expect(codeForStatus(status, retryAfter)).toBe(code)
  })

  it('never calls a client or server error ok', () => {
    for (let status = 400; status < 600; status++) {
      const code = codeForStatus(status, null)
      expect(code).not.toBeNull()
      expect(outcomeOf(code!)).not.toBe('ok')
    }
  })
})
