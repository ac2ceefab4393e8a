import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Config } from '../config/config.js'
import { ConfigError } from '../config/config-error.js'

/**
 * Signed links: unsubscribe, snooze and the double opt-in's confirmation work without a
 * login because each link carries what it does (recipient, scope, action, expiry) and an
 * HMAC-SHA256 of exactly that, keyed by `alerts.linkSecret`. A forged, altered or expired
 * link does not verify.
 */

export type LinkAction = 'unsubscribe' | 'snooze' | 'confirm'

/** What a link does. scope: 'all', 'dataset:<iri>' or 'organisation:<iri>'. */
export interface LinkClaim {
  recipient: string
  scope: string
  action: LinkAction
  /** Expiry, ms since the epoch. */
  exp: number
  /** The language of the recipient (of the page the link opens). */
  lang?: 'sv' | 'en'
}

const ACTIONS: readonly LinkAction[] = ['unsubscribe', 'snooze', 'confirm']
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url')

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest()
}

/** The token of a link: base64url(JSON of the claim) "." base64url(HMAC over that). */
export function signLink(secret: string, claim: LinkClaim): string {
  const payload = b64(JSON.stringify([claim.recipient, claim.scope, claim.action, claim.exp, claim.lang ?? null]))
  return `${payload}.${b64(mac(secret, payload))}`
}

/** Why a token was refused. */
export type LinkRefusal = 'malformed' | 'forged' | 'expired'

/** The claim of a valid token, or why it is refused. Compares the HMAC in constant time. */
export function verifyLink(secret: string, token: string, now: Date = new Date()): LinkClaim | { refused: LinkRefusal } {
  const m = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!m) return { refused: 'malformed' }
  const given = Buffer.from(m[2]!, 'base64url')
  if (given.length !== 32 || !timingSafeEqual(given, mac(secret, m[1]!))) return { refused: 'forged' }
  let parts: unknown
  try {
    parts = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'))
  } catch {
    return { refused: 'malformed' }
  }
  if (!Array.isArray(parts) || parts.length !== 5) return { refused: 'malformed' }
  const [recipient, scope, action, exp, lang] = parts as [unknown, unknown, unknown, unknown, unknown]
  if (typeof recipient !== 'string' || typeof scope !== 'string' || typeof exp !== 'number') return { refused: 'malformed' }
  if (!ACTIONS.includes(action as LinkAction)) return { refused: 'malformed' }
  if (exp <= now.getTime()) return { refused: 'expired' }
  const claim: LinkClaim = { recipient, scope, action: action as LinkAction, exp }
  if (lang === 'sv' || lang === 'en') claim.lang = lang
  return claim
}

/** The public base URL of links: `web.publicUrl`, else the address the server listens on. */
export function publicBase(config: Pick<Config, 'web'>): string {
  return (config.web.publicUrl ?? `http://${config.web.host}:${config.web.port}`).replace(/\/$/, '')
}

/** The address of a link's page. */
export function linkUrl(config: Pick<Config, 'web'>, token: string): string {
  return `${publicBase(config)}/alerts/link?token=${token}`
}

const SECRET_FILE = 'alerts-link-secret'

/**
 * The link secret: `alerts.linkSecret`; without one, the embedded database (PGlite, demo
 * included) makes one and keeps it in dataDir, and a server database refuses with a
 * configuration error naming the key, so nothing is sent with links nobody can verify.
 */
export async function resolveLinkSecret(config: Pick<Config, 'alerts' | 'dataDir'>, dbKind: 'pglite' | 'postgres'): Promise<string> {
  if (config.alerts.linkSecret) return config.alerts.linkSecret
  if (dbKind !== 'pglite') {
    throw new ConfigError('config.invalid', {}, [{ path: '/alerts/linkSecret', code: 'config.problem.link-secret' }])
  }
  const file = join(config.dataDir, SECRET_FILE)
  try {
    const kept = (await readFile(file, 'utf8')).trim()
    if (kept.length >= 32) return kept
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const made = randomBytes(32).toString('base64url')
  await mkdir(config.dataDir, { recursive: true })
  await writeFile(file, `${made}\n`, { mode: 0o600, flag: 'w' })
  return made
}
