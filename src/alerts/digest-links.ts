import type { Config } from '../config/config.js'
import { linkUrl, signLink, type LinkAction } from './links.js'
import type { Recipient } from './recipients.js'
import type { DigestLinks } from './render-digest.js'

/**
 * The signed links of one recipient's digest: unsubscribe from everything, snooze
 * everything, and stop one dataset; valid `alerts.linkDays`.
 */
export function digestLinks(config: Pick<Config, 'alerts' | 'web'>, secret: string, r: Pick<Recipient, 'email' | 'role' | 'lang'>, now: Date): DigestLinks {
  const exp = now.getTime() + config.alerts.linkDays * 86_400_000
  const link = (action: LinkAction, scope: string) => linkUrl(config, signLink(secret, { recipient: r.email, scope, action, exp, lang: r.lang }))
  return {
    role: r.role,
    snoozeDays: config.alerts.snoozeDays,
    unsubscribe: link('unsubscribe', 'all'),
    snooze: link('snooze', 'all'),
    stopDataset: (iri) => link('unsubscribe', `dataset:${iri}`),
  }
}
