/**
 * The configuration model of datavakt. One object, read from `datavakt.config.json`
 * (or the path in DATAVAKT_CONFIG), validated by `config-schema.ts`, merged over
 * `defaultConfig`. Each section belongs to one part of the system; add fields to your
 * section only, with a default here and a schema entry in `config-schema.ts`.
 */

/** A catalogue to watch. `kind` decides which reader harvests it. */
import type { Budgets } from '../domain/budgets.js'
export interface SourceConfig {
  id: string
  /** IRI or name of the organisation the catalogue belongs to, when the catalogue does not say. */
  organisation?: string
  kind: 'dcat' | 'ckan' | 'entryscape'
  url: string
  /** EntryScape/CKAN: only datasets whose dct:publisher is this IRI (or CKAN organisation name). */
  publisher?: string
}

export interface HttpConfig {
  /** Sent as User-Agent; must name datavakt and a contact URL. */
  userAgent: string
  contactUrl: string
  /** At most this many open connections to one host. */
  perHostConnections: number
  /** Minimum gap between two requests to the same host, in ms. */
  perHostGapMs: number
  /** At most this many requests in flight in total. */
  globalConcurrency: number
  /** Idle timeouts: opening a connection, waiting for response headers, each pause in a body. */
  connectTimeoutMs: number
  headersTimeoutMs: number
  bodyTimeoutMs: number
  /**
   * Overall time budget for one probe, redirects included. Running out means "could not
   * tell" (`budget-exceeded`, unverified). Time spent waiting politely for a host does not count.
   */
  urlBudgetMs: number
  /** Bytes asked for (and read at most) by an availability probe. */
  probeBytes: number
  maxRedirects: number
  /** Cap on decompressed bytes, so a gzip bomb cannot exhaust memory. */
  maxDecompressedBytes: number
  /** Longest pause a host's Retry-After may impose on it, in ms. */
  maxRetryAfterMs: number
  /** Each 429/503-with-Retry-After multiplies that host's gap by this (until rateLimitMemoryMs has passed) ... */
  rateLimitGapFactor: number
  /** ... up to this gap, in ms. */
  maxHostGapMs: number
  /**
   * How long a host stays slowed down after its last 429/503 (ms). Default 6 hours, the
   * shortest wait of a healthy URL (availability.minIntervalHours): "until its URLs come
   * round again", also in a long-running `datavakt start` whose engine outlives many sweeps.
   */
  rateLimitMemoryMs: number
  /**
   * Overall deadline for reading one whole body (content checks), in ms: a server that
   * trickles bytes cannot hold a download longer (`timeout`). Waiting for a host does not count.
   */
  bodyBudgetMs: number
  /**
   * Overall deadline for one whole document (a schema; catalogue pages use
   * harvest.timeoutMs), in ms: a server that trickles bytes cannot hold it longer (`timeout`).
   */
  documentDeadlineMs: number
}

export interface HarvestConfig {
  /** A catalogue body larger than this is refused. */
  maxCatalogueBytes: number
  /** Overall deadline for one catalogue document (page, entry), in ms ('timeout'). */
  timeoutMs: number
  /**
   * Overall deadline for the whole harvest of one source (every page, sub-catalogue and
   * entry), in ms: a catalogue whose paging never ends fails with 'deadline' and withdraws nothing.
   */
  deadlineMs: number
  /** EntryScape: requests per second to the registry. */
  entryscapeRequestsPerSecond: number
  /**
   * A harvest that would withdraw more than this share (0–1) of the source's live datasets
   * fails ('dataset-drop') until the next harvest reads the same catalogue again.
   */
  maxDropShare: number
}

export interface ScheduleConfig {
  timezone: string
  /** croner patterns */
  harvest: string
  availabilitySweep: string
  contentChecks: string
  rollups: string
  /** the alert digests: queue each recipient's digest, then send the outbox */
  alerts: string
  /** the weekly summary to the regional team (`alerts.regionalTeam`) */
  regionalSummary: string
  /** immediate notices (`alerts.immediate`), retries, and what quiet hours held */
  alertsOutbox: string
  /** probe history: next months' partitions, then tiered retention (`retention`) */
  retention: string
}

/**
 * How long the probe history keeps what (src/db/probe-retention.ts). Every probe for
 * `allProbesDays` (at least 90: a file's page reads its last 90 days of probes); then one a
 * day per distribution (its last of the day) and every change of state, until
 * `dailyProbesDays` old; older probes are dropped, leaving the daily rollups. A
 * distribution's latest probe and its current run of failures are always kept (scores read them).
 */
export interface RetentionConfig {
  allProbesDays: number
  dailyProbesDays: number
}

export interface AvailabilityConfig {
  /** A distribution is broken after this many consecutive failing probes ... */
  brokenAfterFailures: number
  /** ... spread over at least this many hours. */
  brokenAfterHours: number
  /** Lease length for a claimed host, in seconds. */
  leaseSeconds: number
  /**
   * When each URL is probed again (src/availability/next-check.ts): a failing one after
   * these hours (the first recheck, the second, ...; the last repeats) ...
   */
  recheckFailingHours: number[]
  /** ... a newly healthy (or unverified) one after this many hours ... */
  minIntervalHours: number
  /** ... a long-healthy one after as long as it has been healthy, up to this many hours. */
  maxIntervalHours: number
  /** Each wait is shortened by a random share of up to this (0–1), so hosts are not all hit in the same minute. */
  splay: number
}

export interface ContentConfig {
  /** Content is streamed and checked up to this many bytes. */
  maxBytes: number
  /** csv-structure and conformance stop after this many errors (and say so). */
  errorLimit: number
  /** Operator's own schemas: a folder with index.json mapping conformsTo URIs to files. */
  schemasDir?: string
  /** Overrides of the resource budgets (src/domain/budgets.ts); absent ones keep their default. */
  budgets?: Partial<Budgets>
}

/** Who hears about an organisation's (or a catalogue source's) alerts. */
export interface AlertContact {
  email: string
  /** Language of the e-mails; Swedish when not set. */
  lang?: 'sv' | 'en'
  /** Alerts of datasets whose organisation (or publisher) is this IRI ... */
  organisation?: string
  /** ... or of this catalogue source (its id in `sources`), harvest failures included. */
  source?: string
}

export interface AlertsConfig {
  /** A content problem opens after this many consecutive daily checks find it. */
  contentOpenAfter: number
  /** A catalogue that cannot be harvested opens after this many failed harvests in a row. */
  harvestOpenAfter: number
  /** An open alert resolves after this many consecutive good checks. */
  resolveAfter: number
  /** An open alert is repeated in a digest at most this often, in days. */
  reminderDays: number
  /** Bad checks within this many days, with good ones between, are flapping ... */
  flapWindowDays: number
  /** ... and this many of them open one intermittent alert. */
  flapOpenAfter: number
  /** Alert contacts per organisation or source. */
  contacts: AlertContact[]
  /** Sender address of the e-mails. */
  from: string
  /** Folder for .eml files when SMTP_URL is unset; relative to dataDir unless absolute. */
  outboxDir: string
  /**
   * Secret (at least 32 characters) signing the unsubscribe, snooze and confirmation links
   * (HMAC-SHA256). Nothing is sent without one; the embedded database (no DATABASE_URL)
   * makes one and keeps it in dataDir when unset.
   */
  linkSecret?: string
  /** Unsubscribe and snooze links in an e-mail stay valid this many days. */
  linkDays: number
  /** A snooze link pauses the alerts for this many days. */
  snoozeDays: number
  /** The follow form answers at most this many requests per client address per hour ... */
  followPerClientPerHour: number
  /** ... and mails one address at most this many confirmations per day. */
  followPerAddressPerDay: number
  /** JSON POSTs of the alerts: per organisation (IRI) or, without one, of all. */
  webhooks: AlertWebhook[]
  /** Organisations (IRIs) whose datasets' dcat:contactPoint e-mail also gets the alerts. */
  contactPointOrganisations: string[]
  /** A file that keeps less than this share (0–1) of its last good version's rows has lost rows. */
  rowsDroppedBelow: number
  /** A changed column layout that stays this many days becomes the file's new layout. */
  columnChangeAcceptDays: number
  /** Send at once (not in the daily digest) when a high-value or critical dataset breaks. */
  immediate: boolean
  /** Datasets (IRIs) treated as critical by `immediate`, besides the high-value ones. */
  criticalDatasets: string[]
  /** Nothing is sent between `from` and `to` (HH:MM, local time in `timeZone`); null: never quiet. */
  quietHours: QuietHours | null
  /** Who gets the weekly regional summary (`schedule.regionalSummary`). */
  regionalTeam: { email: string; lang?: 'sv' | 'en' }[]
  /** An address the SMTP server refuses (5xx) this many times in a row is paused ... */
  bouncesBeforePause: number
  /** ... for this many days; then one message is tried again. */
  bouncePauseDays: number
}

/** A daily span in which no e-mail is sent; it may wrap midnight (22:00–07:00). */
export interface QuietHours {
  from: string
  to: string
  timeZone: string
}

/** A webhook: what opened and resolved is POSTed to `url` as JSON. */
export interface AlertWebhook {
  url: string
  /** Only the alerts of this organisation; all when not set. */
  organisation?: string
}

/** The token bucket of public reads, one per client address. */
export interface RateLimitConfig {
  /** Requests a client may make at once (the bucket's size); 0 turns the limit off. */
  burst: number
  /** Requests per second the bucket refills with. */
  perSecond: number
  /**
   * Take the client's address from the last `X-Forwarded-For` entry (behind one reverse
   * proxy of yours); otherwise the connection's address.
   */
  trustForwardedFor: boolean
}

/** The answer cache of public reads (src/web/read-cache.ts). */
export interface ReadCacheConfig {
  /** Memory for kept answers, in MB; 0 turns the cache off. */
  maxMb: number
  /** The longest an answer is kept, in seconds, even while the database's read generation stays the same. */
  maxAgeSeconds: number
  /** How often the read generation is looked at, in ms: how long an answer may lag a committed write. */
  checkMs: number
}

export interface WebConfig {
  port: number
  host: string
  /** Public base URL used in e-mails and badges. */
  publicUrl?: string
  /**
   * The bearer token of the admin endpoints (/api/admin/...). Unset: the admin endpoints
   * are off (404 saying so). Use a long random value (e.g. `openssl rand -hex 32`).
   */
  adminToken?: string
  rateLimit: RateLimitConfig
  readCache: ReadCacheConfig
}

/** What `datavakt worker` serves beside its work (not the worker inside `start`, whose /metrics is the web app's). */
export interface WorkerConfig {
  /** Serve GET /metrics and /healthz on this port (0: any free port); unset: none (`--metrics-port` sets it too). */
  metricsPort?: number
  /** The address that server listens on; `0.0.0.0` (or the machine's address) for a Prometheus on another machine. */
  metricsHost: string
}

export interface Config {
  sources: SourceConfig[]
  /**
   * A built-in set of sources added before `sources` (src/config/presets/): 'vastra-gotaland'
   * (national portal per publisher + municipal catalogues), or only one half of it.
   */
  preset?: 'vastra-gotaland' | 'vastra-gotaland-dataportal' | 'vastra-gotaland-catalogues'
  /** Lifts the address guard: loopback and private targets may be fetched. Tests and the demo only. */
  allowPrivateNetworks: boolean
  /** Folder of the embedded database when DATABASE_URL is unset. */
  dataDir: string
  /** Language of user-facing text. */
  lang: 'sv' | 'en'
  http: HttpConfig
  harvest: HarvestConfig
  schedule: ScheduleConfig
  availability: AvailabilityConfig
  retention: RetentionConfig
  content: ContentConfig
  web: WebConfig
  worker: WorkerConfig
  alerts: AlertsConfig
}

/** Defaults: polite to small servers, safe against hostile ones. */
export const defaultConfig: Config = {
  sources: [],
  allowPrivateNetworks: false,
  dataDir: './data',
  lang: 'sv',
  http: {
    userAgent: 'datavakt/0.1 (open-data quality monitor; +https://github.com/datavakt/datavakt)',
    contactUrl: 'https://github.com/datavakt/datavakt',
    perHostConnections: 2,
    perHostGapMs: 250,
    globalConcurrency: 128,
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 20_000,
    bodyTimeoutMs: 30_000,
    urlBudgetMs: 60_000,
    probeBytes: 65_536,
    maxRedirects: 10,
    maxDecompressedBytes: 1_073_741_824,
    maxRetryAfterMs: 60_000,
    rateLimitGapFactor: 2,
    maxHostGapMs: 1_000,
    rateLimitMemoryMs: 6 * 3_600_000,
    bodyBudgetMs: 600_000,
    documentDeadlineMs: 30_000,
  },
  harvest: {
    maxCatalogueBytes: 200 * 1024 * 1024,
    timeoutMs: 120_000,
    deadlineMs: 3 * 3_600_000,
    entryscapeRequestsPerSecond: 2,
    maxDropShare: 0.2,
  },
  schedule: {
    timezone: 'Europe/Stockholm',
    harvest: '0 2 * * *',
    // Queues only what is due (each URL's stored next check): often, so that a failing
    // URL's one-hour recheck is not late by more than these minutes.
    availabilitySweep: '*/10 * * * *',
    contentChecks: '0 3 * * *',
    rollups: '30 4 * * *',
    alerts: '0 7 * * *',
    regionalSummary: '0 8 * * 1',
    alertsOutbox: '*/10 * * * *',
    retention: '15 5 * * *',
  },
  availability: {
    brokenAfterFailures: 3,
    brokenAfterHours: 24,
    leaseSeconds: 120,
    recheckFailingHours: [1, 6],
    minIntervalHours: 6,
    maxIntervalHours: 24,
    splay: 0.1,
  },
  retention: {
    allProbesDays: 90,
    dailyProbesDays: 365,
  },
  content: {
    maxBytes: 1_073_741_824,
    errorLimit: 1000,
  },
  web: {
    port: 8080,
    host: '127.0.0.1',
    // A page view is one request; a client reading the API politely stays far below this.
    rateLimit: { burst: 120, perSecond: 10, trustForwardedFor: false },
    // Pages change when a sweep, a content run or a harvest writes: a second behind is not felt.
    readCache: { maxMb: 64, maxAgeSeconds: 60, checkMs: 1000 },
  },
  worker: {
    metricsHost: '127.0.0.1',
  },
  alerts: {
    contentOpenAfter: 2,
    harvestOpenAfter: 1,
    resolveAfter: 2,
    reminderDays: 7,
    flapWindowDays: 7,
    flapOpenAfter: 3,
    contacts: [],
    from: 'datavakt <datavakt@localhost>',
    outboxDir: 'outbox',
    linkDays: 60,
    snoozeDays: 7,
    followPerClientPerHour: 10,
    followPerAddressPerDay: 3,
    webhooks: [],
    contactPointOrganisations: [],
    rowsDroppedBelow: 0.5,
    columnChangeAcceptDays: 14,
    immediate: false,
    criticalDatasets: [],
    quietHours: { from: '22:00', to: '07:00', timeZone: 'Europe/Stockholm' },
    regionalTeam: [],
    bouncesBeforePause: 3,
    bouncePauseDays: 30,
  },
}
