import { API_ERROR_CODES } from './api-error.js'

/**
 * The JSON Schemas of the API's answers, one per resource. The OpenAPI document
 * (openapi.ts) is made from these very objects, and test/api/conformance.ts checks every
 * answer the API tests receive against that document with ajv, so an answer that gains,
 * loses or retypes a field fails the tests until its schema here says so.
 */
export type JsonSchema = Record<string, unknown>

/** An object with exactly these fields; all required unless named in `optional`. */
export const object = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
})
const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] })
const array = (items: JsonSchema): JsonSchema => ({ type: 'array', items })
const STRING = { type: 'string' }
const INT = { type: 'integer' }
const NUMBER = { type: 'number' }
const BOOL = { type: 'boolean' }
/** A timestamp as JSON sends a Date. */
const TIME = { type: 'string', format: 'date-time' }
/** A database id (bigint: a number, or a string where the driver keeps it exact). */
const ID = { type: ['integer', 'string'] }
const SCORE = nullable({ type: 'number', minimum: 0, maximum: 100 })
const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }

/** A page of a list (list-answer.ts): `total`, the page's rows under `key`, and the `next` page's address. */
export const listOf = (key: string, row: JsonSchema, extra: Record<string, JsonSchema> = {}): JsonSchema =>
  object({ ...extra, total: { type: 'integer', minimum: 0 }, [key]: array(row), next: nullable(STRING) })

/** The API's one error shape (api-error.ts). */
export const ERROR_SCHEMA: JsonSchema = object({ error: object({ code: { enum: [...API_ERROR_CODES] }, message: STRING, id: STRING }, ['id']) })

/** A finding or score reason with its words (finding-json.ts); the fields of its kind beside them. */
export const FINDING: JsonSchema = {
  type: 'object',
  required: ['code', 'severity', 'params', 'message'],
  properties: { code: STRING, severity: { enum: ['error', 'warning', 'info'] }, params: { type: 'object' }, message: STRING, hint: STRING, location: { type: 'object' } },
}

/** A probe's finding: a code with params and words; probes carry no severity (the probe's outcome says how bad). */
const PROBE_FINDING: JsonSchema = { ...FINDING, required: ['code', 'params', 'message'] }

/** A score reason as a problem (read-model/problems.ts) with its words. */
export const PROBLEM: JsonSchema = object(
  {
    dimension: STRING,
    checkId: STRING,
    code: STRING,
    severity: { enum: ['error', 'warning', 'info'] },
    count: INT,
    params: { type: 'object' },
    message: STRING,
    hint: STRING,
    pointsLost: NUMBER,
    pointsToGain: NUMBER,
    totalPointsToGain: NUMBER,
    distributionIri: STRING,
    datasetIri: STRING,
    datasetTitle: STRING,
    organisationIri: nullable(STRING),
    url: nullable(STRING),
    /** When the problem was first seen in its current run (read-model/problem-since.ts); on an organisation's problems. */
    firstSeen: nullable(TIME),
  },
  ['hint', 'firstSeen'],
)

/** One day's rollup of a level and key (read-model/rollup-row.ts). */
export const ROLLUP: JsonSchema = object({
  level: { enum: ['distribution', 'dataset', 'organisation', 'region'] },
  key: STRING,
  day: DAY,
  scoring_version: STRING,
  parent: nullable(STRING),
  availability: SCORE,
  freshness: SCORE,
  format: SCORE,
  conformance: SCORE,
  metadata: SCORE,
  total: SCORE,
  counts: { type: 'object', additionalProperties: NUMBER },
  computed_at: TIME,
})

export const ORGANISATION_SUMMARY: JsonSchema = object({ iri: STRING, name: nullable(STRING), scores: nullable(ROLLUP), datasets: INT, broken: INT, degraded: INT })

const CATALOGUE_HEALTH = object({ sourceId: STRING, url: STRING, kind: STRING, status: nullable(STRING), httpStatus: nullable(INT), errorCode: nullable(STRING), error: nullable(STRING), at: nullable(TIME), datasets: nullable(INT) })

/** The region (its organisations are their own list, /api/organisations). */
export const REGION_SCHEMA: JsonSchema = object({ region: nullable(ROLLUP), trend: array(ROLLUP), catalogues: array(CATALOGUE_HEALTH) })

/** One of an organisation's datasets with its latest rollup. */
export const DATASET_SUMMARY: JsonSchema = object({ iri: STRING, title: STRING, scores: nullable(ROLLUP) })

const OBLIGATION_STATUS = { enum: ['met', 'not-met', 'unknown'] }
const HVD_REASON: JsonSchema = object({ code: STRING, params: { type: 'object' }, message: STRING, hint: STRING }, ['hint'])
const HVD_OBLIGATION: JsonSchema = object({ status: OBLIGATION_STATUS, reasons: array(HVD_REASON) })

/** The HVD obligations of an organisation (read-model/hvd-obligations.ts), reasons with words. */
export const HVD_SCHEMA: JsonSchema = object({
  organisation: STRING,
  periodDays: INT,
  availabilityTarget: NUMBER,
  datasets: array(
    object({
      iri: STRING,
      title: STRING,
      checkedAt: TIME,
      status: OBLIGATION_STATUS,
      obligations: object(Object.fromEntries(['api', 'bulk', 'licence', 'category', 'english', 'availability'].map((o) => [o, HVD_OBLIGATION]))),
      evidence: array(
        object({
          kind: { enum: ['download', 'service'] },
          iri: STRING,
          url: nullable(STRING),
          lastOutcome: nullable({ enum: ['ok', 'failing', 'unverified'] }),
          description: nullable(object({ status: STRING, kind: nullable(STRING) })),
          uptime: nullable({ type: 'number', minimum: 0, maximum: 1 }),
          probes: INT,
        }),
      ),
    }),
  ),
})

/** An organisation that a catalogue publishes for (read-model/source-organisations.ts). */
const SOURCE_ORGANISATION = object({ iri: STRING, name: nullable(STRING) })

export const ORGANISATION_SCHEMA: JsonSchema = object({
  iri: STRING,
  hvd: HVD_SCHEMA,
  name: nullable(STRING),
  scores: nullable(ROLLUP),
  trend: array(ROLLUP),
  datasets: array(DATASET_SUMMARY),
  problems: array(PROBLEM),
  catalogues: array(CATALOGUE_HEALTH),
  sourceOrganisations: { type: 'object', additionalProperties: array(SOURCE_ORGANISATION) },
})

const CHECK_RESULT = object({
  checkId: STRING,
  dimension: STRING,
  status: { enum: ['pass', 'warn', 'fail', 'unverified', 'skipped'] },
  at: TIME,
  findings: array(FINDING),
})
const FILE_SCORES = object({ availability: SCORE, freshness: SCORE, format: SCORE, conformance: SCORE, metadata: SCORE, total: SCORE, at: TIME })

export const DATASET_SCHEMA: JsonSchema = object({
  iri: STRING,
  title: STRING,
  description: STRING,
  organisationIri: STRING,
  organisationName: nullable(STRING),
  scores: nullable(ROLLUP),
  distributions: array(
    object({
      iri: STRING,
      title: STRING,
      url: nullable(STRING),
      format: nullable(STRING),
      score: nullable(FILE_SCORES),
      state: STRING,
      lastCode: nullable(STRING),
      lastProbeAt: nullable(TIME),
      results: array(CHECK_RESULT),
    }),
  ),
  datasetResults: array(CHECK_RESULT),
})

const PROBE = object({
  at: TIME,
  outcome: { enum: ['ok', 'failing', 'unverified'] },
  code: STRING,
  http_status: nullable(INT),
  elapsed_ms: INT,
  final_url: nullable(STRING),
  redirect_count: INT,
  content_type: nullable(STRING),
  content_length: nullable(ID),
  tls_days_left: nullable(INT),
  state_before: nullable(STRING),
  state_after: nullable(STRING),
  findings: array(PROBE_FINDING),
})
const AVAILABILITY = object({
  state: STRING,
  consecutive_failures: INT,
  first_failure_at: nullable(TIME),
  last_ok_at: nullable(TIME),
  last_probe_at: nullable(TIME),
  last_outcome: nullable(STRING),
  last_code: nullable(STRING),
  last_http_status: nullable(INT),
  state_since: nullable(TIME),
})
export const DISTRIBUTION_SCHEMA: JsonSchema = listOf('probes', PROBE, {
  distribution: object({
    iri: STRING,
    datasetIri: STRING,
    title: STRING,
    accessUrl: nullable(STRING),
    downloadUrl: nullable(STRING),
    format: nullable(STRING),
    mediaType: nullable(STRING),
    withdrawn: BOOL,
    availability: nullable(AVAILABILITY),
  }),
})

export const TREND_SCHEMA: JsonSchema = object({ level: STRING, key: STRING, days: array(ROLLUP) })

const HISTORY_POINT = object({ period: DAY, days: INT, total: SCORE, availability: SCORE, freshness: SCORE, format: SCORE, conformance: SCORE, metadata: SCORE })
export const HISTORY_SCHEMA: JsonSchema = object({ level: STRING, key: STRING, from: DAY, to: DAY, resolution: { enum: ['day', 'week', 'month'] }, points: array(HISTORY_POINT) })

export const HARVEST_RUN: JsonSchema = object({
  id: ID,
  source_id: STRING,
  started_at: TIME,
  finished_at: nullable(TIME),
  status: STRING,
  http_status: nullable(INT),
  error: nullable(STRING),
  error_position: nullable(STRING),
  error_code: nullable(STRING),
  error_params: nullable({ type: 'object' }),
  datasets: INT,
  distributions: INT,
  data_services: INT,
  added: INT,
  changed: INT,
  withdrawn: INT,
})
export const SWEEP: JsonSchema = object({ id: ID, kind: STRING, status: STRING, trigger: STRING, created_at: TIME, finished_at: nullable(TIME), hosts: INT, urls: INT, hosts_done: INT })

export const HEALTH_SCHEMA: JsonSchema = object({ status: { const: 'ok' } })

