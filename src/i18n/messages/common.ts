import { defineMessages } from '../message.js'

/**
 * Words shared by several places (pages, API, e-mails, CLI): the five dimensions, the
 * availability states, check statuses and severities. Keys end in the stored value, so a
 * caller can build the key from data: `t(lang, \`dimension.${d}\`)`.
 */
export const commonMessages = defineMessages({
  'app.name': { sv: 'datavakt', en: 'datavakt' },
  'app.tagline': { sv: 'Kvalitet och tillgänglighet i öppna data', en: 'Quality and availability of open data' },

  'dimension.total': { sv: 'Totalt', en: 'Total' },
  'dimension.availability': { sv: 'Tillgänglighet', en: 'Availability' },
  'dimension.freshness': { sv: 'Aktualitet', en: 'Freshness' },
  'dimension.format': { sv: 'Format', en: 'Format' },
  'dimension.conformance': { sv: 'Följer specifikation', en: 'Conformance' },
  'dimension.metadata': { sv: 'Metadata', en: 'Metadata' },

  'state.ok': { sv: 'fungerar', en: 'working' },
  'state.degraded': { sv: 'instabil', en: 'degraded' },
  'state.broken': { sv: 'trasig', en: 'broken' },
  'state.unknown': { sv: 'okänd', en: 'unknown' },

  'status.pass': { sv: 'godkänd', en: 'passed' },
  'status.warn': { sv: 'varning', en: 'warning' },
  'status.fail': { sv: 'underkänd', en: 'failed' },
  'status.unverified': { sv: 'kunde inte avgöras', en: 'could not be judged' },
  'status.skipped': { sv: 'hoppades över', en: 'skipped' },

  'severity.error': { sv: 'fel', en: 'error' },
  'severity.warning': { sv: 'varning', en: 'warning' },
  'severity.info': { sv: 'information', en: 'information' },
})
