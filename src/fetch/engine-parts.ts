import type { HttpConfig } from '../config/config.js'
import type { RequestParts } from './follow-redirects.js'
import type { TlsFacts } from './tls-connector.js'

/** What the engine's operations (probe, fetchBody, fetchDocument) share: made once by createFetchEngine. */
export interface EngineParts extends RequestParts {
  http: HttpConfig
  /** The User-Agent sent with every request: names datavakt and its contact URL. */
  userAgent: string
  /** What the connector last saw of a URL's certificate. */
  tlsFacts(url: URL | null): TlsFacts
}

/** The configured User-Agent, with the contact URL added when it does not name it already. */
export function userAgentOf(http: Pick<HttpConfig, 'userAgent' | 'contactUrl'>): string {
  return http.userAgent.includes(http.contactUrl) ? http.userAgent : `${http.userAgent} (+${http.contactUrl})`
}
