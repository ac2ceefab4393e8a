import { describe, expect, it } from 'vitest'
import { judgeEndpointDescription } from '../../checks/endpoint-description.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { DESCRIPTIONS } from './helpers/endpoint-descriptions.js'

const judge = (body: string, contentType: string | null = null) => judgeEndpointDescription({ ok: true, url: 'http://127.0.0.1/d', contentType, body: new TextEncoder().encode(body) })

describe('endpoint description', () => {
  it('passes OpenAPI 3 (JSON and YAML), Swagger 2, WSDL 1.1 and 2.0, OGC capabilities, with kind and version', () => {
    expect(judge(DESCRIPTIONS.openapiJson)).toEqual({ status: 'pass', findings: [], facts: { kind: 'openapi', version: '3.0.3' } })
    expect(judge(DESCRIPTIONS.openapiYaml).facts).toEqual({ kind: 'openapi', version: '3.1.0' })
    expect(judge(DESCRIPTIONS.swagger).facts).toEqual({ kind: 'swagger', version: '2.0' })
    expect(judge(DESCRIPTIONS.wsdl11).facts).toEqual({ kind: 'wsdl', version: null })
    expect(judge(DESCRIPTIONS.wsdl20).facts).toEqual({ kind: 'wsdl', version: null })
    expect(judge(DESCRIPTIONS.wms).facts).toEqual({ kind: 'ogc-capabilities', version: '1.3.0' })
    expect(judge(DESCRIPTIONS.wmts).facts).toEqual({ kind: 'ogc-capabilities', version: '1.0.0' })
  })

  it('fails what is not a description, does not parse, lacks its paths, or is an OGC exception', () => {
    const codes = (body: string, ct?: string) => judge(body, ct).findings.map((f) => [f.code, f.params])
    expect(codes(DESCRIPTIONS.html, 'text/html')).toEqual([['endpoint-description-unknown', { contentType: 'text/html' }]])
    expect(codes(DESCRIPTIONS.plainJson, 'application/json')).toEqual([['endpoint-description-unknown', { contentType: 'application/json' }]])
    expect(codes(DESCRIPTIONS.brokenJson)[0]).toEqual(['endpoint-description-invalid', { kind: 'openapi', detail: expect.any(String) }])
    expect(codes(DESCRIPTIONS.brokenXml)[0]).toEqual(['endpoint-description-invalid', { kind: 'wsdl', detail: expect.stringMatching(/close tag/) }])
    expect(codes(DESCRIPTIONS.noPaths)).toEqual([['endpoint-description-incomplete', { kind: 'openapi', missing: ['paths'] }]])
    expect(codes(DESCRIPTIONS.exception)).toEqual([['endpoint-description-ogc-exception', { detail: 'Layer not defined' }]])
    expect(codes('   \n')).toEqual([['endpoint-description-empty', {}]])
    expect(judge(DESCRIPTIONS.html).status).toBe('fail')
  })

  it('an address that does not answer is a failure naming why', () => {
    const r = judgeEndpointDescription({ ok: false, url: 'http://127.0.0.1/openapi.json', code: 'http-404' })
    expect(r.status).toBe('fail')
    expect(r.findings[0]).toMatchObject({ code: 'endpoint-description-unreachable', params: { url: 'http://127.0.0.1/openapi.json', code: 'http-404' } })
  })

  it('every finding has words in Swedish and English', () => {
    for (const body of [DESCRIPTIONS.html, DESCRIPTIONS.brokenJson, DESCRIPTIONS.noPaths, DESCRIPTIONS.exception, '']) {
      for (const f of judge(body, 'text/html').findings) {
        expect(describeFinding(f, 'sv').message).not.toBe(f.code)
        expect(describeFinding(f, 'en').hint).toBeTruthy()
      }
    }
    expect(describeFinding({ code: 'endpoint-description-incomplete', params: { kind: 'openapi', missing: ['paths'] } }, 'sv').message).toBe('API-beskrivningen (OpenAPI 3) saknar paths.')
  })
})
