import { describe, expect, it } from 'vitest'
import { ForbiddenTargetError } from '../../src/fetch/address-guard.js'
import { classifyError, errorDetail } from '../../src/fetch/classify-error.js'
import {
  BudgetExceededError,
  EngineClosedError,
  FetchBodyError,
  FetchDeadlineError,
  TlsRejectedError,
} from '../../src/fetch/fetch-errors.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { DatavaktError } from '../../src/i18n/datavakt-error.js'
import { looksEnglish, looksSwedish } from '../helpers/language.js'

const url = 'http://files.test/a.csv'
const errors: [name: string, error: DatavaktError][] = [
  ['no body (404)', new FetchBodyError('fetch.no-body', { url, probeCode: 'http-404', status: 404 })],
  ['no body (refused)', new FetchBodyError('fetch.no-body', { url, probeCode: 'refused', status: null })],
  ['cut off', new FetchBodyError('fetch.cut-off', { url, probeCode: 'truncated', status: 200 }, { bytes: 1000 })],
  ['stalled', new FetchBodyError('fetch.stalled', { url, probeCode: 'timeout', status: 200 }, { bytes: 1 })],
  ['too large', new FetchBodyError('fetch.too-large', { url, probeCode: null, status: 200 }, { limit: 5 * 1024 * 1024 })],
  ['deadline', new FetchDeadlineError(url, 30_000, 200)],
  ['budget', new BudgetExceededError(60_000)],
  ['closed', new EngineClosedError()],
  ['tls', new TlsRejectedError('CERT_HAS_EXPIRED')],
  ['guard', new ForbiddenTargetError('intranet.test', '10.0.0.1')],
]

describe("the engine's errors", () => {
  it.each(errors)('%s: a DatavaktError with a fetch.* code and words in both languages', (_name, e) => {
    expect(e).toBeInstanceOf(DatavaktError)
    expect(e.code).toMatch(/^fetch\./)
    // Our words only: the URL and host names are data.
    const words = (text: string) => text.replaceAll(url, '').replace(/intranet\.test/g, '')
    const sv = words(e.describe('sv'))
    const en = words(e.describe('en'))
    expect(looksSwedish(sv) || !looksEnglish(sv)).toBe(true)
    expect(looksSwedish(en)).toBe(false)
    expect(e.message).toBe(e.describe('en'))
  })

  it('say what went wrong with the facts they carry', () => {
    expect(errors[0][1].describe('sv')).toBe(`Kunde inte hämta ${url}: Servern svarar 404: filen finns inte på adressen. (HTTP 404)`)
    expect(errors[0][1].describe('en')).toBe(`Could not fetch ${url}: The server answers 404: the file is not at this address. (HTTP 404)`)
    expect(errors[2][1].describe('sv')).toMatch(/bröts efter 1\s000 byte\.$/)
    expect(errors[4][1].describe('en')).toBe(`${url} is larger than the limit of 5 MB.`)
    expect(errors[9][1].describe('sv')).toContain('intranet.test (10.0.0.1)')
  })

  it('are classified by class and typed fields, through cause chains, never by message', () => {
    const wrap = (e: unknown) => Object.assign(new Error('anything at all'), { cause: e })
    expect(classifyError(wrap(new ForbiddenTargetError('h', '10.0.0.1')))).toBe('forbidden-target')
    expect(classifyError(new BudgetExceededError(1))).toBe('budget-exceeded')
    expect(classifyError(wrap(new EngineClosedError()))).toBe('budget-exceeded')
    expect(classifyError(new FetchDeadlineError(url, 1))).toBe('timeout')
    expect(classifyError(new TlsRejectedError('CERT_HAS_EXPIRED'))).toBe('tls-expired')
    expect(classifyError(new TlsRejectedError('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('tls-untrusted')
    expect(classifyError(new TlsRejectedError('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('tls-hostname')
    expect(classifyError(wrap(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })))).toBe('refused')
    expect(classifyError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))).toBe('timeout')
    // A message that reads like a refusal is still not one.
    expect(classifyError(new Error('Refused to connect to 10.0.0.1: forbidden-target'))).toBe('reset')
  })

  it('give a probe finding its facts as data', () => {
    expect(errorDetail(new ForbiddenTargetError('intranet.test', '10.0.0.1'))).toEqual({ host: 'intranet.test', address: '10.0.0.1' })
    expect(errorDetail(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))).toEqual({ waitedFor: 'headers' })
    expect(errorDetail(Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }))).toEqual({ waitedFor: 'connect' })
    expect(errorDetail(new TlsRejectedError('CERT_HAS_EXPIRED'))).toEqual({ errorCode: 'CERT_HAS_EXPIRED' })
    expect(errorDetail(new Error('no code'))).toEqual({})
    const shown = describeFinding({ code: 'timeout', params: { waitedFor: 'headers' } }, 'sv').message
    expect(shown).toBe('Servern svarade inte i tid. (inget svar kom)')
  })
})
