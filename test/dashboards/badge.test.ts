import { describe, expect, it } from 'vitest'
import { badgeFace, LABEL_COLOURS, qualityBadge, shieldsJson, valueColours } from '../../dashboards/badge.js'

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m)
  return (x + 0.05) / (y + 0.05)
}

const CHECKED = { checkedAt: new Date('2026-11-20T06:05:00Z') }

describe('the quality badge', () => {
  it('shows the rounded total in the language asked, and its title names the time of the last check', () => {
    const sv = qualityBadge({ value: 86.6, ...CHECKED }, 'overall', 'sv')
    expect(sv).toContain('<title>datakvalitet: 87/100 (senast kontrollerad 2026-11-20 06:05 UTC)</title>')
    expect(qualityBadge({ value: 86.6, ...CHECKED }, 'overall', 'en')).toContain('<title>data quality: 87/100 (last checked 2026-11-20 06:05 UTC)</title>')
  })

  it('has every text at a contrast of at least 4.5:1 on its fill, in every band and verdict', () => {
    expect(contrast(LABEL_COLOURS.text, LABEL_COLOURS.fill)).toBeGreaterThanOrEqual(4.5)
    const faces = [
      ...[null, 0, 30, 60, 80, 95].map((v) => badgeFace({ value: v, ...CHECKED }, 'overall', 'en')),
      ...(['valid', 'invalid', 'error', 'unknown'] as const).map((v) => badgeFace({ value: v, ...CHECKED }, 'conformance', 'en')),
      badgeFace(undefined, 'overall', 'en'),
    ]
    for (const f of faces) expect([f.message, contrast(f.colours.text, f.colours.fill) >= 4.5]).toEqual([f.message, true])
    expect(valueColours(95)).not.toEqual(valueColours(30))
  })

  it('tells "not scored" (known) from "unknown" (names nothing), in both languages', () => {
    expect(qualityBadge({ value: null, checkedAt: null }, 'overall', 'sv')).toContain('datakvalitet: ej bedömd (aldrig kontrollerad)')
    expect(qualityBadge({ value: null, checkedAt: null }, 'overall', 'en')).toContain('data quality: not scored')
    expect(qualityBadge(undefined, 'overall', 'sv')).toContain('datakvalitet: okänd')
    expect(qualityBadge(undefined, 'overall', 'en')).toContain('data quality: unknown')
  })

  it('has availability and conformance variants, and a shields.io endpoint form', () => {
    expect(badgeFace({ value: 99.5, ...CHECKED }, 'availability', 'sv').message).toBe('99,5 %')
    expect(badgeFace({ value: 'invalid', ...CHECKED }, 'conformance', 'sv')).toMatchObject({ label: 'följer specifikation', message: 'ogiltig' })
    expect(shieldsJson({ value: 'valid', ...CHECKED }, 'conformance', 'en')).toEqual({ schemaVersion: 1, label: 'conformance', message: 'valid', color: '#2e7d32', labelColor: '#555555' })
  })
})
