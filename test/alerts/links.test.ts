import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveLinkSecret, signLink, verifyLink, type LinkClaim } from '../../src/alerts/links.js'
import { ConfigError } from '../../src/config/config-error.js'
import { defaultConfig } from '../../src/config/config.js'

const SECRET = 'a-secret-of-at-least-thirty-two-chars'
const now = new Date('2026-12-05T08:00:00Z')
const claim: LinkClaim = { recipient: 'a@b.test', scope: 'dataset:urn:x', action: 'snooze', exp: now.getTime() + 1000, lang: 'en' }

describe('signed links', () => {
  it('a link verifies to exactly what was signed', () => {
    expect(verifyLink(SECRET, signLink(SECRET, claim), now)).toEqual(claim)
  })

  it('an altered claim, another secret, a cut signature or an expired link is refused', () => {
    const token = signLink(SECRET, claim)
    const [payload, sig] = token.split('.') as [string, string]
    const other = signLink(SECRET, { ...claim, action: 'unsubscribe' }).split('.')[0]!
    expect(verifyLink(SECRET, `${other}.${sig}`, now)).toEqual({ refused: 'forged' })
    expect(verifyLink('another-secret-of-thirty-two-chars!!', token, now)).toEqual({ refused: 'forged' })
    expect(verifyLink(SECRET, `${payload}.${sig.slice(1)}`, now)).toEqual({ refused: 'malformed' })
    expect(verifyLink(SECRET, token, new Date(claim.exp))).toEqual({ refused: 'expired' })
    expect(verifyLink(SECRET, '', now)).toEqual({ refused: 'malformed' })
  })

  it('the secret comes from config; the embedded database makes and keeps one; a server database refuses without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datavakt-links-'))
    try {
      const config = { ...defaultConfig, dataDir: dir }
      expect(await resolveLinkSecret({ ...config, alerts: { ...config.alerts, linkSecret: SECRET } }, 'postgres')).toBe(SECRET)
      const made = await resolveLinkSecret(config, 'pglite')
      expect(made.length).toBeGreaterThanOrEqual(32)
      expect(await resolveLinkSecret(config, 'pglite')).toBe(made)
      const file = join(dir, 'alerts-link-secret')
      expect(readFileSync(file, 'utf8').trim()).toBe(made)
      expect(statSync(file).mode & 0o077).toBe(0)
      const refused = await resolveLinkSecret(config, 'postgres').catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(ConfigError)
      expect((refused as ConfigError).describe('en')).toContain('/alerts/linkSecret')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
