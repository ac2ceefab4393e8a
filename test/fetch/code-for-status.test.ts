import { describe, expect, it } from 'vitest'
import { outcomeOf, type ProbeCode } from '../../src/domain/probe-codes.js'
import { codeForStatus } from '../../src/fetch/code-for-status.js'

describe('codeForStatus: what an HTTP status means by itself', () => {
  it.each<[status: number, retryAfterSeconds: number | null, code: ProbeCode | null]>([
    // Judged by the body that follows: a success, a partial answer, a 304 to a conditional request.
    [200, null, null],
    [204, null, null],
    [206, null, null],
    [299, null, null],
    [304, null, null],
    // A final 1xx is no answer a client can use.
    [100, null, 'http-4xx'],
    [199, null, 'http-4xx'],
    // A redirect that reached the classifier had no usable Location.
    [300, null, 'http-3xx'],
    [301, null, 'http-3xx'],
    [399, null, 'http-3xx'],
    [400, null, 'http-4xx'],
    [401, null, 'login-required'],
    [403, null, 'forbidden'],
    [404, null, 'http-404'],
    [410, null, 'http-410'],
    [416, null, 'http-4xx'],
    [418, null, 'http-4xx'],
    [429, null, 'rate-limited'],
    [429, 30, 'rate-limited'],
    [499, null, 'http-4xx'],
    [500, null, 'http-5xx'],
    [502, 30, 'http-5xx'],
    // 503 is a rate limit only when it says when to come back.
    [503, null, 'http-5xx'],
    [503, 0, 'rate-limited'],
    [503, 120, 'rate-limited'],
    [599, null, 'http-5xx'],
  ])('%i (Retry-After %s) → %s', (status, retryAfter, code) => {
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
