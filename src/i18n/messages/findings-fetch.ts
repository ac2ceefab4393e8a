import { count, date } from '../format.js'
import type { FindingMessage } from '../message.js'

/**
 * Finding texts of a probe's warnings that do not change its outcome (https→http
 * downgrade, certificate expiring soon), keyed by code. Their params are written by
 * src/fetch/probe-findings.ts. A finding stored without params still reads as a sentence.
 */
export const fetchFindingMessages = {
  'tls-expiring-soon': {
    message: {
      sv: (p) =>
        p.days === undefined
          ? 'TLS-certifikatet går snart ut. Förnya det i tid.'
          : `TLS-certifikatet går ut om ${count('sv', p.days, 'dag', 'dagar')}${p.validTo ? ` (${date('sv', p.validTo)})` : ''}. Förnya det i tid.`,
      en: (p) =>
        p.days === undefined
          ? 'The TLS certificate expires soon. Renew it in time.'
          : `The TLS certificate expires in ${count('en', p.days, 'day', 'days')}${p.validTo ? ` (${date('en', p.validTo)})` : ''}. Renew it in time.`,
    },
  },
  'https-downgrade': {
    message: {
      sv: 'En omdirigering leder från https till okrypterad http.',
      en: 'A redirect leads from https to unencrypted http.',
    },
  },
} as const satisfies Record<string, FindingMessage>
