import type { Kysely } from 'kysely'
import type { CoreTables } from './tables/core.js'
import type { AvailabilityTables } from './tables/availability.js'
import type { ContentTables } from './tables/content.js'

/** The whole schema as Kysely sees it: one interface per part, merged. */
export interface Database extends CoreTables, AvailabilityTables, ContentTables {}

/** A Kysely handle on the datavakt database. */
export type Db = Kysely<Database>
