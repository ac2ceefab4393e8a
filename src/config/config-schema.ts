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
        entryscapeRequestsPerSecond: { type: 'number', exclusiveMinimum: 0 },
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
      },
    },
    availability: {
      type: 'object',
      additionalProperties: false,
      properties: {
        brokenAfterFailures: { type: 'integer', minimum: 1 },
        brokenAfterHours: { type: 'number', minimum: 0 },
        leaseSeconds: { type: 'integer', minimum: 5 },
      },
    },
    content: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxBytes: { type: 'integer', minimum: 1 },
        errorLimit: { type: 'integer', minimum: 1 },
        schemasDir: { type: 'string' },
      },
    },
    web: {
      type: 'object',
      additionalProperties: false,
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        host: { type: 'string' },
        publicUrl: { type: 'string', pattern: '^https?://' },
      },
    },
  },
} as const
