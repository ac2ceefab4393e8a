import { describe, expect, it } from 'vitest'
import { qualityBadge } from '../../dashboards/badge.js'

describe('the quality badge', () => {
  it('shows the rounded total in the language asked, coloured by its band', () => {
    const sv = qualityBadge({ total: 86.6, day: '2026-11-20' }, 'sv')
    expect(sv).toContain('<title>datakvalitet: 87/100</title>')
    expect(sv).toContain('#689f38')
    expect(qualityBadge({ total: 86.6, day: '2026-11-20' }, 'en')).toContain('<title>data quality: 87/100</title>')
  })

  it('tells "not scored" (known, grey) from "unknown" (names nothing), in both languages', () => {
    expect(qualityBadge({ total: null, day: null }, 'sv')).toContain('datakvalitet: ej bedömd')
    expect(qualityBadge({ total: null, day: null }, 'en')).toContain('data quality: not scored')
    expect(qualityBadge(undefined, 'sv')).toContain('datakvalitet: okänd')
    const unknown = qualityBadge(undefined, 'en')
    expect(unknown).toContain('data quality: unknown')
    expect(unknown).toContain('#9f9f9f')
  })
})
