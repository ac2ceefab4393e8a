import type { MessageParams } from '../../domain/finding.js'
import type { ProbeCode, ProbeDetail } from '../../domain/probe-codes.js'
import { count, num, quote } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, type FindingMessage, type Message } from '../message.js'

const WAITED_FOR: Record<NonNullable<ProbeDetail['waitedFor']>, Record<Lang, string>> = {
  'connect': { sv: 'ingen anslutning kom till stånd', en: 'no connection was made' },
  'headers': { sv: 'inget svar kom', en: 'no answer came' },
  'body': { sv: 'ingen data kom under läsningen', en: 'no data arrived while reading' },
}

/**
 * The facts of one probe (`ProbeDetail`) in words, as a bracketed tail: "(HTTP 503,
 * Retry-After 30 s)", "(300 av 900 byte)". Empty when the finding has none, so a stored
 * finding without params still reads as a whole sentence.
 */
function detail(lang: Lang, p: MessageParams): string {
  const d = p as ProbeDetail
  const sv = lang === 'sv'
  const parts: string[] = []
  if (d.status != null) parts.push(`HTTP ${d.status}`)
  if (d.retryAfterSeconds != null) parts.push(`Retry-After ${num(lang, d.retryAfterSeconds)} s`)
  if (d.bytes != null && d.expected != null) {
    parts.push(`${num(lang, d.bytes, 0)} ${sv ? 'av' : 'of'} ${count(lang, d.expected, 'byte', sv ? 'byte' : 'bytes')}`)
  } else if (d.bytes != null) {
    parts.push(`${count(lang, d.bytes, 'byte', sv ? 'byte' : 'bytes')}, ${sv ? 'sedan bröts anslutningen' : 'then the connection broke'}`)
  }
  const waited = d.waitedFor != null ? WAITED_FOR[d.waitedFor] : undefined
  if (waited) parts.push(waited[lang])
  if (d.host != null) parts.push(d.address != null && d.address !== d.host ? `${d.host} → ${d.address}` : d.host)
  if (d.errorCode != null) parts.push(d.errorCode)
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}

/** The words of the error page, when known: ` ("Sidan hittades inte")`. */
function evidence(p: MessageParams): string {
  return typeof p.evidence === 'string' && p.evidence !== '' ? ` (${quote(p.evidence, 120)})` : ''
}

/**
 * A probe code's words: the sentence, then the probe's facts when the finding carries them;
 * with `hint`, how to fix it (the availability verdict's words use it too).
 */
function probe(sv: string, en: string, hint?: Message): FindingMessage {
  const message: Message = { sv: (p) => sv + detail('sv', p), en: (p) => en + detail('en', p) }
  return hint ? { message, hint } : { message }
}

/**
 * What each availability probe code means (src/domain/probe-codes.ts lists them with their
 * outcome), as the finding of the same code, with the facts of the probe that found it
 * (`ProbeDetail`: status, bytes, ...) after it. Every probe code must have an entry: the
 * `satisfies` below makes a new code without words a compile error.
 */
export const probeMessages = defineFindingMessages({
  ok: probe('Filen svarar och data kommer fram.', 'The file answers and data arrives.'),
  redirected: probe('Filen svarar efter en eller flera omdirigeringar.', 'The file answers after one or more redirects.'),
  'http-404': probe('Servern svarar 404: filen finns inte på adressen.', 'The server answers 404: the file is not at this address.'),
  'http-410': probe('Servern svarar 410: filen är borttagen för gott.', 'The server answers 410: the file is gone for good.'),
  'http-4xx': probe('Servern svarar med ett klientfel (4xx).', 'The server answers with a client error (4xx).'),
  'http-5xx': probe('Servern svarar med ett serverfel (5xx).', 'The server answers with a server error (5xx).'),
  'http-3xx': probe('Servern svarar med en omdirigering utan giltig Location.', 'The server answers with a redirect without a usable Location.'),
  'login-required': probe('Servern kräver inloggning (401): öppna data ska gå att hämta utan konto.', 'The server requires a login (401): open data should be reachable without an account.'),
  forbidden: probe('Servern nekar åtkomst (403).', 'The server refuses access (403).'),
  timeout: probe('Servern svarade inte i tid.', 'The server did not answer in time.'),
  dns: probe('Värdnamnet finns inte i DNS.', 'The host name does not resolve in DNS.'),
  refused: probe('Servern vägrar ansluta (inget lyssnar på porten).', 'The server refuses the connection (nothing listens on the port).'),
  reset: probe('Anslutningen bröts av servern.', 'The server broke the connection.'),
  'tls-expired': probe('Serverns TLS-certifikat har gått ut.', "The server's TLS certificate has expired."),
  'tls-untrusted': probe('Serverns TLS-certifikat är självsignerat eller utfärdat av någon som inte är betrodd.', "The server's TLS certificate is self-signed or issued by an untrusted authority."),
  'tls-hostname': probe('Serverns TLS-certifikat gäller inte för det här värdnamnet.', "The server's TLS certificate is not valid for this host name."),
  'tls-error': probe('TLS-handskakningen misslyckades.', 'The TLS handshake failed.'),
  'redirect-loop': probe('Omdirigeringarna går i en slinga.', 'The redirects go round in a loop.'),
  'too-many-redirects': probe('För många omdirigeringar i rad.', 'Too many redirects in a row.'),
  truncated: probe('Servern stängde innan hela den utlovade datamängden kom fram.', 'The server closed before all the promised bytes arrived.'),
  'empty-body': probe('Servern svarar OK men skickar en tom fil.', 'The server answers OK but sends an empty file.'),
  'api-error': probe('Tjänsten svarar OK men innehållet är ett felmeddelande (t.ex. OGC ServiceExceptionReport).', 'The service answers OK but the content is an error report (e.g. an OGC ServiceExceptionReport).'),
  'login-wall': probe(
    'En datafil väntades men adressen leder till ett inloggningsformulär (SAML/OIDC-inloggning, en login-sida eller ett lösenordsfält): utan konto går filen inte att hämta.',
    'A data file was expected but the address leads to a sign-in form (a SAML/OIDC sign-in, a login page or a password field): without an account the file cannot be downloaded.',
    { sv: 'Öppna data ska gå att hämta utan inloggning. Lägg filen utanför inloggningen (eller undanta den), och ange filens direkta adress som downloadURL i katalogen.', en: "Open data should download without signing in. Move the file outside the sign-in (or exempt it), and give the file's direct address as the downloadURL in the catalogue." },
  ),
  'landing-page': probe(
    'En datafil väntades men adressen leder till en webbsida (t.ex. portalens startsida), inte till filen.',
    'A data file was expected but the address leads to a web page (such as the portal front page), not to the file.',
    { sv: 'Ange filens direkta adress som downloadURL. Är adressen en sida om datamängden, ange den som datamängdens landningssida (dcat:landingPage) eller som accessURL utan dataformat.', en: "Give the file's direct address as the downloadURL. If the address is a page about the dataset, give it as the dataset's landing page (dcat:landingPage) or as an accessURL without a data format." },
  ),
  // Also the content check's finding (checks/format.ts), with the page's words as `evidence`.
  'soft-404': { message: { sv: (p) => `Adressen svarar 200 OK men visar en felsida${evidence(p)} i stället för filen ("mjuk 404").`, en: (p) => `The address answers 200 OK but shows an error page${evidence(p)} instead of the file (a "soft 404").` }, hint: { sv: 'Filen har troligen flyttats eller tagits bort. Uppdatera nedladdningsadressen i katalogen eller lägg tillbaka filen, och låt servern svara 404/410 när filen saknas.', en: 'The file has probably moved or been removed. Update the download URL in the catalogue or put the file back, and let the server answer 404/410 when the file is missing.' } },
  'invalid-url': probe('Adressen är ingen giltig http- eller https-adress.', 'The address is not a valid http or https URL.'),
  'forbidden-target': probe('Adressen pekar på ett privat, lokalt eller reserverat nät och hämtas inte.', 'The address points at a private, local or reserved network and is not fetched.'),
  'rate-limited': probe('Servern ber oss vänta (429/503 med Retry-After); kunde inte avgöras nu.', 'The server asks us to wait (429/503 with Retry-After); could not be judged now.'),
  blocked: probe('En bot-spärr (t.ex. Cloudflare-utmaning) stoppade kontrollen; kunde inte avgöras.', 'A bot wall (e.g. a Cloudflare challenge) stopped the check; could not be judged.'),
  'budget-exceeded': probe('Vår egen tidsgräns för adressen tog slut; kunde inte avgöras.', 'Our own time budget for the address ran out; could not be judged.'),
}) satisfies Record<ProbeCode, FindingMessage>
