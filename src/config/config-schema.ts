/** An alert contact: an address, its language, and whose alerts it hears (organisation or source). */
const recipient = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: {
    email: { type: 'string', pattern: '^[^\\s@<>,;]+@[^\\s@<>,;]+$' },
    lang: { enum: ['sv', 'en'] },
    organisation: { type: 'string', minLength: 1 },
    source: { type: 'string', minLength: 1 },
  },
} as const

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
    $schema: { type: 'string' },
    sources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'url'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
          organisation: { type: 'string', minLength: 1 },
          kind: { enum: ['dcat', 'ckan', 'entryscape'] },
          url: { type: 'string', pattern: '^https?://' },
          publisher: { type: 'string', minLength: 1 },
        },
      },
    },
    allowPrivateNetworks: { type: 'boolean' },
    preset: { enum: ['vastra-gotaland', 'vastra-gotaland-dataportal', 'vastra-gotaland-catalogues'] },
    dataDir: { type: 'string', minLength: 1 },
    lang: { enum: ['sv', 'en'] },
    http: {
      type: 'object',
      additionalProperties: false,
      properties: {
        userAgent: { type: 'string', minLength: 1 },
        contactUrl: { type: 'string', pattern: '^(https?://|mailto:)' },
        perHostConnections: { type: 'integer', minimum: 1, maximum: 16 },
        perHostGapMs: { type: 'integer', minimum: 0 },
        globalConcurrency: { type: 'integer', minimum: 1 },
        connectTimeoutMs: { type: 'integer', minimum: 1 },
        headersTimeoutMs: { type: 'integer', minimum: 1 },
        bodyTimeoutMs: { type: 'integer', minimum: 1 },
        urlBudgetMs: { type: 'integer', minimum: 1 },
        probeBytes: { type: 'integer', minimum: 1 },
        maxRedirects: { type: 'integer', minimum: 0, maximum: 50 },
        maxDecompressedBytes: { type: 'integer', minimum: 1 },
        maxRetryAfterMs: { type: 'integer', minimum: 0 },
        rateLimitGapFactor: { type: 'number', minimum: 1 },
        maxHostGapMs: { type: 'integer', minimum: 0 },
        rateLimitMemoryMs: { type: 'integer', minimum: 0 },
        bodyBudgetMs: { type: 'integer', minimum: 1 },
        documentDeadlineMs: { type: 'integer', minimum: 1 },
      },
    },
    harvest: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxCatalogueBytes: { type: 'integer', minimum: 1 },
        timeoutMs: { type: 'integer', minimum: 1 },
        deadlineMs: { type: 'integer', minimum: 1 },
        entryscapeRequestsPerSecond: { type: 'number', exclusiveMinimum: 0 },
        maxDropShare: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    schedule: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timezone: { type: 'string' },
        harvest: { type: 'string' },
        availabilitySweep: { type: 'string' },
        contentChecks: { type: 'string' },
        rollups: { type: 'string' },
        alerts: { type: 'string' },
        regionalSummary: { type: 'string' },
        alertsOutbox: { type: 'string' },
        retention: { type: 'string' },
      },
    },
    availability: {
      type: 'object',
      additionalProperties: false,
      properties: {
        brokenAfterFailures: { type: 'integer', minimum: 1 },
        brokenAfterHours: { type: 'number', minimum: 0 },
        leaseSeconds: { type: 'integer', minimum: 5 },
        recheckFailingHours: { type: 'array', minItems: 1, maxItems: 24, items: { type: 'number', exclusiveMinimum: 0 } },
        minIntervalHours: { type: 'number', exclusiveMinimum: 0 },
        maxIntervalHours: { type: 'number', exclusiveMinimum: 0 },
        splay: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    retention: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // Not below DISTRIBUTION_PAGE_DAYS (src/read-model/distribution-page.ts): a file's page reads every probe of those days.
        allProbesDays: { type: 'integer', minimum: 90 },
        dailyProbesDays: { type: 'integer', minimum: 1 },
      },
    },
    content: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxBytes: { type: 'integer', minimum: 1 },
        errorLimit: { type: 'integer', minimum: 1 },
        schemasDir: { type: 'string' },
        budgets: {
          type: 'object',
          additionalProperties: false,
          properties: {
            fieldBytes: { type: 'integer', minimum: 1 },
            columns: { type: 'integer', minimum: 1 },
            profileColumns: { type: 'integer', minimum: 1 },
            patternLength: { type: 'integer', minimum: 1 },
            schemaBytes: { type: 'integer', minimum: 1 },
            fileChecksDeadlineMs: { type: 'integer', minimum: 1 },
            jsonNesting: { type: 'integer', minimum: 1 },
            workerHeapMb: { type: 'integer', minimum: 16 },
          },
        },
      },
    },
    web: {
      type: 'object',
      additionalProperties: false,
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        host: { type: 'string' },
        publicUrl: { type: 'string', pattern: '^https?://' },
        adminToken: { type: 'string', minLength: 16, maxLength: 512, pattern: '^[\\x21-\\x7e]+$' },
        rateLimit: {
          type: 'object',
          additionalProperties: false,
          properties: {
            burst: { type: 'integer', minimum: 0, maximum: 1000000 },
            perSecond: { type: 'number', exclusiveMinimum: 0, maximum: 1000000 },
            trustForwardedFor: { type: 'boolean' },
          },
        },
        readCache: {
          type: 'object',
          additionalProperties: false,
          properties: {
            maxMb: { type: 'number', minimum: 0, maximum: 65536 },
            maxAgeSeconds: { type: 'number', minimum: 0, maximum: 86400 },
            checkMs: { type: 'integer', minimum: 0, maximum: 3600000 },
          },
        },
      },
    },
    alerts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        contentOpenAfter: { type: 'integer', minimum: 1 },
        harvestOpenAfter: { type: 'integer', minimum: 1 },
        resolveAfter: { type: 'integer', minimum: 1 },
        reminderDays: { type: 'number', exclusiveMinimum: 0 },
        flapWindowDays: { type: 'number', exclusiveMinimum: 0 },
        flapOpenAfter: { type: 'integer', minimum: 2 },
        contacts: { type: 'array', items: recipient },
        from: { type: 'string', pattern: '^[^\\r\\n]+$' },
        outboxDir: { type: 'string', minLength: 1 },
        rowsDroppedBelow: { type: 'number', minimum: 0, maximum: 1 },
        columnChangeAcceptDays: { type: 'number', exclusiveMinimum: 0 },
        immediate: { type: 'boolean' },
        criticalDatasets: { type: 'array', items: { type: 'string', minLength: 1 } },
        quietHours: {
          anyOf: [
            { type: 'null' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['from', 'to', 'timeZone'],
              properties: {
                from: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
                to: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
                timeZone: { type: 'string', minLength: 1 },
              },
            },
          ],
        },
        regionalTeam: { type: 'array', items: { ...recipient, properties: { email: recipient.properties.email, lang: recipient.properties.lang } } },
        linkSecret: { type: 'string', minLength: 32 },
        bouncesBeforePause: { type: 'integer', minimum: 1 },
        bouncePauseDays: { type: 'number', exclusiveMinimum: 0 },
        linkDays: { type: 'number', exclusiveMinimum: 0 },
        snoozeDays: { type: 'number', exclusiveMinimum: 0 },
        followPerClientPerHour: { type: 'integer', minimum: 1 },
        followPerAddressPerDay: { type: 'integer', minimum: 1 },
        webhooks: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['url'],
            properties: { url: { type: 'string', pattern: '^https?://' }, organisation: { type: 'string', minLength: 1 } },
          },
        },
        contactPointOrganisations: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const
