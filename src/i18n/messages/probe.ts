import type { ProbeCode } from '../../domain/probe-codes.js'
import type { FindingMessage } from '../message.js'

/**
 * What each availability probe code means (src/domain/probe-codes.ts lists them with their
 * outcome), as the finding of the same code. Every probe code must have an entry: the
 * `satisfies` below makes a new code without words a compile error.
 */
export const probeMessages = {
  ok: { message: { sv: 'Filen svarar och data kommer fram.', en: 'The file answers and data arrives.' } },
  redirected: { message: { sv: 'Filen svarar efter en eller flera omdirigeringar.', en: 'The file answers after one or more redirects.' } },
  'http-404': { message: { sv: 'Servern svarar 404: filen finns inte på adressen.', en: 'The server answers 404: the file is not at this address.' } },
  'http-410': { message: { sv: 'Servern svarar 410: filen är borttagen för gott.', en: 'The server answers 410: the file is gone for good.' } },
  'http-4xx': { message: { sv: 'Servern svarar med ett klientfel (4xx).', en: 'The server answers with a client error (4xx).' } },
  'http-5xx': { message: { sv: 'Servern svarar med ett serverfel (5xx).', en: 'The server answers with a server error (5xx).' } },
  'http-3xx': { message: { sv: 'Servern svarar med en omdirigering utan giltig Location.', en: 'The server answers with a redirect without a usable Location.' } },
  'login-required': { message: { sv: 'Servern kräver inloggning (401): öppna data ska gå att hämta utan konto.', en: 'The server requires a login (401): open data should be reachable without an account.' } },
  forbidden: { message: { sv: 'Servern nekar åtkomst (403).', en: 'The server refuses access (403).' } },
  timeout: { message: { sv: 'Servern svarade inte i tid.', en: 'The server did not answer in time.' } },
  dns: { message: { sv: 'Värdnamnet finns inte i DNS.', en: 'The host name does not resolve in DNS.' } },
  refused: { message: { sv: 'Servern vägrar ansluta (inget lyssnar på porten).', en: 'The server refuses the connection (nothing listens on the port).' } },
  reset: { message: { sv: 'Anslutningen bröts av servern.', en: 'The server broke the connection.' } },
  'tls-expired': { message: { sv: 'Serverns TLS-certifikat har gått ut.', en: "The server's TLS certificate has expired." } },
  'tls-untrusted': { message: { sv: 'Serverns TLS-certifikat är självsignerat eller utfärdat av någon som inte är betrodd.', en: "The server's TLS certificate is self-signed or issued by an untrusted authority." } },
  'tls-hostname': { message: { sv: 'Serverns TLS-certifikat gäller inte för det här värdnamnet.', en: "The server's TLS certificate is not valid for this host name." } },
  'tls-error': { message: { sv: 'TLS-handskakningen misslyckades.', en: 'The TLS handshake failed.' } },
  'redirect-loop': { message: { sv: 'Omdirigeringarna går i en slinga.', en: 'The redirects go round in a loop.' } },
  'too-many-redirects': { message: { sv: 'För många omdirigeringar i rad.', en: 'Too many redirects in a row.' } },
  truncated: { message: { sv: 'Servern stängde innan hela den utlovade datamängden kom fram.', en: 'The server closed before all the promised bytes arrived.' } },
  'empty-body': { message: { sv: 'Servern svarar OK men skickar en tom fil.', en: 'The server answers OK but sends an empty file.' } },
  'api-error': { message: { sv: 'Tjänsten svarar OK men innehållet är ett felmeddelande (t.ex. OGC ServiceExceptionReport).', en: 'The service answers OK but the content is an error report (e.g. an OGC ServiceExceptionReport).' } },
  'invalid-url': { message: { sv: 'Adressen är ingen giltig http- eller https-adress.', en: 'The address is not a valid http or https URL.' } },
  'forbidden-target': { message: { sv: 'Adressen pekar på ett privat, lokalt eller reserverat nät och hämtas inte.', en: 'The address points at a private, local or reserved network and is not fetched.' } },
  'rate-limited': { message: { sv: 'Servern ber oss vänta (429/503 med Retry-After); kunde inte avgöras nu.', en: 'The server asks us to wait (429/503 with Retry-After); could not be judged now.' } },
  blocked: { message: { sv: 'En bot-spärr (t.ex. Cloudflare-utmaning) stoppade kontrollen; kunde inte avgöras.', en: 'A bot wall (e.g. a Cloudflare challenge) stopped the check; could not be judged.' } },
  'budget-exceeded': { message: { sv: 'Vår egen tidsgräns för adressen tog slut; kunde inte avgöras.', en: 'Our own time budget for the address ran out; could not be judged.' } },
} as const satisfies Record<ProbeCode, FindingMessage>
