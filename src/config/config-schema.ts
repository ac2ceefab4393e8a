/** A closed JSON-schema object: only the keys in `properties`, each optional. */
function section<const P extends Record<string, unknown>>(properties: P) {
  return { type: 'object', additionalProperties: false, properties } as const
}

/** A closed JSON-schema object that must have the `required` keys. */
function requiredSection<const R extends readonly string[], const P extends Record<string, unknown>>(required: R, properties: P) {
  return { type: 'object', additionalProperties: false, required, properties } as const
}

/** A whole number of at least 1 (counts, sizes, timeouts). */
const positiveInt = { type: 'integer', minimum: 1 } as const
/** A whole number of at least 0 (gaps and ages that may be zero). */
const nonNegativeInt = { type: 'integer', minimum: 0 } as const
/** A number above 0 (rates, days, hours). */
const positiveNumber = { type: 'number', exclusiveMinimum: 0 } as const
/** A share from 0 to 1. */
const fraction = { type: 'number', minimum: 0, maximum: 1 } as const
/** Any string (cron expressions, paths, time zones). */
const text = { type: 'string' } as const
/** A string that is not empty (IRIs, names, paths). */
const nonEmptyText = { type: 'string', minLength: 1 } as const
/** An http(s) address. */
const httpUrl = { type: 'string', pattern: '^https?://' } as const
/** A language the messages are written in. */
const language = { enum: ['sv', 'en'] } as const

/** An alert contact: an address, its language, and whose alerts it hears (organisation or source). */
const recipient = requiredSection(['email'], {
  email: { type: 'string', pattern: '^[^\\s@<>,;]+@[^\\s@<>,;]+$' },
  lang: language,
  organisation: nonEmptyText,
  source: nonEmptyText,
})

/**
 * JSON Schema (draft-07, checked by ajv) of `datavakt.config.json`. Every section is
 * optional; what is missing comes from `defaultConfig`. Unknown keys are refused so a
 * typo does not silently fall back to a default.
 */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: text,
    sources: {
      type: 'array',
      items: requiredSection(['id', 'kind', 'url'], {
        id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
        organisation: nonEmptyText,
        kind: { enum: ['dcat', 'ckan', 'entryscape'] },
        url: httpUrl,
        publisher: nonEmptyText,
      }),
    },
    allowPrivateNetworks: { type: 'boolean' },
    preset: { enum: ['vastra-gotaland', 'vastra-gotaland-dataportal', 'vastra-gotaland-catalogues'] },
    dataDir: nonEmptyText,
    lang: language,
    http: section({
      userAgent: nonEmptyText,
      contactUrl: { type: 'string', pattern: '^(https?://|mailto:)' },
      perHostConnections: { type: 'integer', minimum: 1, maximum: 16 },
      perHostGapMs: nonNegativeInt,
      globalConcurrency: positiveInt,
      connectTimeoutMs: positiveInt,
      headersTimeoutMs: positiveInt,
      bodyTimeoutMs: positiveInt,
      urlBudgetMs: positiveInt,
      probeBytes: positiveInt,
      maxRedirects: { type: 'integer', minimum: 0, maximum: 50 },
      maxDecompressedBytes: positiveInt,
      maxRetryAfterMs: nonNegativeInt,
      rateLimitGapFactor: { type: 'number', minimum: 1 },
      maxHostGapMs: nonNegativeInt,
      rateLimitMemoryMs: nonNegativeInt,
      bodyBudgetMs: positiveInt,
      documentDeadlineMs: positiveInt,
    }),
    harvest: section({
      maxCatalogueBytes: positiveInt,
      timeoutMs: positiveInt,
      deadlineMs: positiveInt,
      entryscapeRequestsPerSecond: positiveNumber,
      maxDropShare: fraction,
    }),
    schedule: section({
      timezone: text,
      harvest: text,
      availabilitySweep: text,
      contentChecks: text,
      rollups: text,
      alerts: text,
      regionalSummary: text,
      alertsOutbox: text,
      retention: text,
    }),
    availability: section({
      brokenAfterFailures: positiveInt,
      brokenAfterHours: { type: 'number', minimum: 0 },
      leaseSeconds: { type: 'integer', minimum: 5 },
      recheckFailingHours: { type: 'array', minItems: 1, maxItems: 24, items: positiveNumber },
      minIntervalHours: positiveNumber,
      maxIntervalHours: positiveNumber,
      splay: fraction,
    }),
    retention: section({
      // Not below DISTRIBUTION_PAGE_DAYS (src/read-model/distribution-page.ts): a file's page reads every probe of those days.
      allProbesDays: { type: 'integer', minimum: 90 },
      dailyProbesDays: positiveInt,
    }),
    content: section({
      maxBytes: positiveInt,
      errorLimit: positiveInt,
      schemasDir: text,
      budgets: section({
        fieldBytes: positiveInt,
        columns: positiveInt,
        profileColumns: positiveInt,
        patternLength: positiveInt,
        schemaBytes: positiveInt,
        fileChecksDeadlineMs: positiveInt,
        jsonNesting: positiveInt,
        workerHeapMb: { type: 'integer', minimum: 16 },
      }),
    }),
    web: section({
      port: { type: 'integer', minimum: 0, maximum: 65535 },
      host: text,
      publicUrl: httpUrl,
      adminToken: { type: 'string', minLength: 16, maxLength: 512, pattern: '^[\\x21-\\x7e]+$' },
      rateLimit: section({
        burst: { type: 'integer', minimum: 0, maximum: 1000000 },
        perSecond: { type: 'number', exclusiveMinimum: 0, maximum: 1000000 },
        trustForwardedFor: { type: 'boolean' },
      }),
      readCache: section({
        maxMb: { type: 'number', minimum: 0, maximum: 65536 },
        maxAgeSeconds: { type: 'number', minimum: 0, maximum: 86400 },
        checkMs: { type: 'integer', minimum: 0, maximum: 3600000 },
      }),
    }),
    worker: section({
      metricsPort: { type: 'integer', minimum: 0, maximum: 65535 },
      metricsHost: nonEmptyText,
    }),
    alerts: section({
      contentOpenAfter: positiveInt,
      harvestOpenAfter: positiveInt,
      resolveAfter: positiveInt,
      reminderDays: positiveNumber,
      flapWindowDays: positiveNumber,
      flapOpenAfter: { type: 'integer', minimum: 2 },
      contacts: { type: 'array', items: recipient },
      from: { type: 'string', pattern: '^[^\\r\\n]+$' },
      outboxDir: nonEmptyText,
      rowsDroppedBelow: fraction,
      columnChangeAcceptDays: positiveNumber,
      immediate: { type: 'boolean' },
      criticalDatasets: { type: 'array', items: nonEmptyText },
      quietHours: {
        anyOf: [
          { type: 'null' },
          requiredSection(['from', 'to', 'timeZone'], {
            from: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
            to: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
            timeZone: nonEmptyText,
          }),
        ],
      },
      regionalTeam: { type: 'array', items: { ...recipient, properties: { email: recipient.properties.email, lang: recipient.properties.lang } } },
      linkSecret: { type: 'string', minLength: 32 },
      bouncesBeforePause: positiveInt,
      bouncePauseDays: positiveNumber,
      linkDays: positiveNumber,
      snoozeDays: positiveNumber,
      followPerClientPerHour: positiveInt,
      followPerAddressPerDay: positiveInt,
      webhooks: { type: 'array', items: requiredSection(['url'], { url: httpUrl, organisation: nonEmptyText }) },
      contactPointOrganisations: { type: 'array', items: nonEmptyText },
    }),
  },
} as const

/** A string of `pattern`, or null for none known. */
const textOrNull = (pattern: string) => ({ type: ['string', 'null'], pattern, default: null }) as const

/**
 * JSON Schema (draft-07, checked by ajv) of one row of a preset's organisation list
 * (src/config/presets/vastra-gotaland.json): the shape of PresetOrganisation
 * (src/config/presets/vastra-gotaland.ts), which says what each field means. A field that
 * may be left out has its `default`, filled in as the rows are read.
 */
export const presetOrganisationSchema = requiredSection(['code', 'name', 'orgNumber', 'orgNumberEvidence'], {
  code: { type: 'string', pattern: '^(\\d{4})?$' },
  name: { type: 'string', pattern: '\\S' },
  orgNumber: { type: 'string', pattern: '^\\d{6}-\\d{4}$' },
  orgNumberEvidence: { enum: ['two-sources', 'single-source', 'single-source+fixture'] },
  publisherUri: textOrNull(httpUrl.pattern),
  subPublishers: { type: 'array', items: httpUrl, default: [] },
  host: textOrNull('^[a-z0-9.-]+$'),
  context: textOrNull('^\\d+$'),
  hostInactive: { type: 'boolean' },
})

/** JSON Schema of a preset's organisation list: one row an organisation. */
export const presetOrganisationsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'array',
  items: presetOrganisationSchema,
} as const
