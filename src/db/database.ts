import type { Kysely } from 'kysely'
import type { CoreTables } from './tables/core.js'
import type { AvailabilityTables } from './tables/availability.js'
import type { ContentTables } from './tables/content.js'
import type { AlertTables } from './tables/alerts.js'
import type { AlertSubscriptionTables } from './tables/alert-subscriptions.js'
import type { ColumnProfileTables } from './tables/column-profiles.js'

/** The whole schema as Kysely sees it: one interface per part, merged. */
export interface Database extends CoreTables, AvailabilityTables, ContentTables, AlertTables, AlertSubscriptionTables, ColumnProfileTables {}

/** A Kysely handle on the datavakt database. */
export type Db = Kysely<Database>
