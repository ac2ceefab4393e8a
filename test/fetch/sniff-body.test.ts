import { describe, expect, it } from 'vitest'
import { sniffBody } from '../../src/fetch/sniff-body.js'

const page = (inside: string) => Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>Hej</p>${inside}</body></html>`)

describe('sniffBody: bot challenge markers', () => {
  // Each marker alone, in any case, on an ordinary 200 page, is a challenge.
  const markers = [
    '<title>Just a moment...</title>',
    '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>',
    '<div id="cf-chl-widget-abc"></div>',
    '<script>window._cf_chl_opt = {}</script>',
    '<title>Attention Required! | Cloudflare</title>',
    '<script src="https://ct.captcha-delivery.com/c.js"></script>',
    '<iframe src="/_Incapsula_Resource?SWJIYLWA=1"></iframe>',
    'Incapsula incident ID: 1234',
    '<div id="px-captcha"></div>',
    '<script>window._pxAppId="PX1"; // PerimeterX</script>',
    '<script src="/.well-known/sgcaptcha/?r=%2Ffile.csv"></script>',
  ]
  for (const marker of markers) {
    it(`blocked: ${marker}`, () => {
      expect(sniffBody(200, {}, page(marker))).toBe('blocked')
      expect(sniffBody(200, {}, page(marker.toUpperCase()))).toBe('blocked')
    })
  }

  it('an ordinary page, a CSV and an empty body are not challenges', () => {
    expect(sniffBody(200, { 'content-type': 'text/html' }, page('<a href="/data.csv">Ladda ner</a>'))).toBeNull()
    const csv = Buffer.from('id;namn;kommun\n1;Skola;Göteborg\n'.repeat(500), 'latin1')
    expect(sniffBody(200, { 'content-type': 'text/csv' }, csv)).toBeNull()
    expect(sniffBody(200, {}, new Uint8Array(0))).toBeNull()
  })

  it('a marker past the first 16 KiB is not looked at', () => {
    const late = Buffer.concat([Buffer.from('x'.repeat(16_384)), Buffer.from('<div id="px-captcha"></div>')])
    expect(sniffBody(200, {}, late)).toBeNull()
  })

  it('words that mean a wall only on a refusal: blocked on 403, not on 200', () => {
    const captcha = page('<div class="g-recaptcha"></div>')
    expect(sniffBody(403, {}, captcha)).toBe('blocked')
    expect(sniffBody(200, {}, captcha)).toBeNull()
  })

  it('cf-mitigated: challenge is a challenge whatever the body', () => {
    expect(sniffBody(403, { 'cf-mitigated': 'challenge' }, new Uint8Array(0))).toBe('blocked')
  })
})
