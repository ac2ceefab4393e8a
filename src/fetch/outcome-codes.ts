/**
 * The outcome codes of one availability probe: the one place they are listed and
 * explained. `outcome` + `code` are stored with every probe, so a code is never renamed
 * or reused for something else; new codes may only be added.
 *
 * - `ok`: bytes of the body arrived (or a 304 Not Modified answered a conditional probe).
 * - `failing`: the URL does not deliver its file; counts towards "broken".
 * - `unverified`: we could not tell (rate limit, bot wall, our own time budget); it
 *   neither breaks nor heals a URL and is never shown or mailed as broken.
 */
import type { ProbeOutcome } from './probe-types.js'

/** One row of the code table: the stored code, its outcome, and what it means. */
export interface OutcomeCode {
  code: string
  outcome: ProbeOutcome
  /** What it means, Swedish (the default language of user-facing text). */
  sv: string
  /** What it means, English. */
  en: string
}

/** Every probe code, in display order. Stored codes: never rename, only add. */
export const outcomeCodes = [
  { code: 'ok', outcome: 'ok', sv: 'Filen svarar och data kommer fram.', en: 'The file answers and data arrives.' },
  { code: 'redirected', outcome: 'ok', sv: 'Filen svarar efter en eller flera omdirigeringar.', en: 'The file answers after one or more redirects.' },
  { code: 'http-404', outcome: 'failing', sv: 'Servern svarar 404: filen finns inte på adressen.', en: 'The server answers 404: the file is not at this address.' },
  { code: 'http-410', outcome: 'failing', sv: 'Servern svarar 410: filen är borttagen för gott.', en: 'The server answers 410: the file is gone for good.' },
  { code: 'http-4xx', outcome: 'failing', sv: 'Servern svarar med ett klientfel (4xx).', en: 'The server answers with a client error (4xx).' },
  { code: 'http-5xx', outcome: 'failing', sv: 'Servern svarar med ett serverfel (5xx).', en: 'The server answers with a server error (5xx).' },
  { code: 'http-3xx', outcome: 'failing', sv: 'Servern svarar med en omdirigering utan giltig Location.', en: 'The server answers with a redirect without a usable Location.' },
  { code: 'login-required', outcome: 'failing', sv: 'Servern kräver inloggning (401): öppna data ska gå att hämta utan konto.', en: 'The server requires a login (401): open data should be reachable without an account.' },
  { code: 'forbidden', outcome: 'failing', sv: 'Servern nekar åtkomst (403).', en: 'The server refuses access (403).' },
  { code: 'timeout', outcome: 'failing', sv: 'Servern svarade inte i tid.', en: 'The server did not answer in time.' },
  { code: 'dns', outcome: 'failing', sv: 'Värdnamnet finns inte i DNS.', en: 'The host name does not resolve in DNS.' },
  { code: 'refused', outcome: 'failing', sv: 'Servern vägrar ansluta (inget lyssnar på porten).', en: 'The server refuses the connection (nothing listens on the port).' },
  { code: 'reset', outcome: 'failing', sv: 'Anslutningen bröts av servern.', en: 'The server broke the connection.' },
  { code: 'tls-expired', outcome: 'failing', sv: 'Serverns TLS-certifikat har gått ut.', en: "The server's TLS certificate has expired." },
  { code: 'tls-untrusted', outcome: 'failing', sv: 'Serverns TLS-certifikat är självsignerat eller utfärdat av någon som inte är betrodd.', en: "The server's TLS certificate is self-signed or issued by an untrusted authority." },
  { code: 'tls-hostname', outcome: 'failing', sv: 'Serverns TLS-certifikat gäller inte för det här värdnamnet.', en: "The server's TLS certificate is not valid for this host name." },
  { code: 'tls-error', outcome: 'failing', sv: 'TLS-handskakningen misslyckades.', en: 'The TLS handshake failed.' },
  { code: 'redirect-loop', outcome: 'failing', sv: 'Omdirigeringarna går i en slinga.', en: 'The redirects go round in a loop.' },
  { code: 'too-many-redirects', outcome: 'failing', sv: 'För många omdirigeringar i rad.', en: 'Too many redirects in a row.' },
  { code: 'truncated', outcome: 'failing', sv: 'Servern stängde innan hela den utlovade datamängden kom fram.', en: 'The server closed before all the promised bytes arrived.' },
  { code: 'empty-body', outcome: 'failing', sv: 'Servern svarar OK men skickar en tom fil.', en: 'The server answers OK but sends an empty file.' },
  { code: 'api-error', outcome: 'failing', sv: 'Tjänsten svarar OK men innehållet är ett felmeddelande (t.ex. OGC ServiceExceptionReport).', en: 'The service answers OK but the content is an error report (e.g. an OGC ServiceExceptionReport).' },
  { code: 'invalid-url', outcome: 'failing', sv: 'Adressen är ingen giltig http- eller https-adress.', en: 'The address is not a valid http or https URL.' },
  { code: 'forbidden-target', outcome: 'failing', sv: 'Adressen pekar på ett privat, lokalt eller reserverat nät och hämtas inte.', en: 'The address points at a private, local or reserved network and is not fetched.' },
  { code: 'rate-limited', outcome: 'unverified', sv: 'Servern ber oss vänta (429/503 med Retry-After); kunde inte avgöras nu.', en: 'The server asks us to wait (429/503 with Retry-After); could not be judged now.' },
  { code: 'blocked', outcome: 'unverified', sv: 'En bot-spärr (t.ex. Cloudflare-utmaning) stoppade kontrollen; kunde inte avgöras.', en: 'A bot wall (e.g. a Cloudflare challenge) stopped the check; could not be judged.' },
  { code: 'budget-exceeded', outcome: 'unverified', sv: 'Vår egen tidsgräns för adressen tog slut; kunde inte avgöras.', en: 'Our own time budget for the address ran out; could not be judged.' },
] as const satisfies readonly OutcomeCode[]

/** A probe code. */
export type ProbeCode = (typeof outcomeCodes)[number]['code']

const byCode = new Map<string, OutcomeCode>(outcomeCodes.map((c) => [c.code, c]))

/** The entry of a code; throws for an unknown code (a programming error, never data). */
export function outcomeOf(code: ProbeCode): OutcomeCode {
  const entry = byCode.get(code)
  if (!entry) throw new Error(`Unknown probe code: ${code}`)
  return entry
}

/** The explanation of a code in the given language; unknown codes give the code itself. */
export function describeOutcomeCode(code: string, lang: 'sv' | 'en' = 'sv'): string {
  const entry = byCode.get(code)
  return entry ? entry[lang] : code
}
