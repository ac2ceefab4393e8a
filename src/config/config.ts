/**
 * The configuration model of datavakt. One object, read from `datavakt.config.json`
 * (or the path in DATAVAKT_CONFIG), validated by `config-schema.ts`, merged over
 * `defaultConfig`. Each section belongs to one part of the system; add fields to your
 * section only, with a default here and a schema entry in `config-schema.ts`.
 */

/** A catalogue to watch. `kind` decides which reader harvests it. */
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
   * How long a host stays slowed down after its last 429/503 (ms). Default 6 hours, one
   * availability sweep interval: "for the rest of the sweep", also in a long-running
   * `datavakt start` whose engine outlives many sweeps.
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
  timeoutMs: number
  /** EntryScape: requests per second to the registry. */
  entryscapeRequestsPerSecond: number
}

export interface ScheduleConfig {
  timezone: string
  /** croner patterns */
  harvest: string
  availabilitySweep: string
  contentChecks: string
  rollups: string
}

export interface AvailabilityConfig {
  /** A distribution is broken after this many consecutive failing probes ... */
  brokenAfterFailures: number
  /** ... spread over at least this many hours. */
  brokenAfterHours: number
  /** Lease length for a claimed host, in seconds. */
  leaseSeconds: number
}

export interface ContentConfig {
  /** Content is streamed and checked up to this many bytes. */
  maxBytes: number
  /** csv-structure and conformance stop after this many errors (and say so). */
  errorLimit: number
  /** Operator's own schemas: a folder with index.json mapping conformsTo URIs to files. */
  schemasDir?: string
}

export interface WebConfig {
  port: number
  host: string
  /** Public base URL used in e-mails and badges. */
  publicUrl?: string
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
  content: ContentConfig
  web: WebConfig
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
    entryscapeRequestsPerSecond: 2,
  },
  schedule: {
    timezone: 'Europe/Stockholm',
    harvest: '0 2 * * *',
    availabilitySweep: '0 */6 * * *',
    contentChecks: '0 3 * * *',
    rollups: '30 4 * * *',
  },
  availability: {
    brokenAfterFailures: 3,
    brokenAfterHours: 24,
    leaseSeconds: 120,
  },
  content: {
    maxBytes: 1_073_741_824,
    errorLimit: 1000,
  },
  web: {
    port: 8080,
    host: '127.0.0.1',
  },
}
