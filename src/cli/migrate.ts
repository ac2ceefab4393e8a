import { parseCommandArgs } from './parse.js'
import { openFromConfig } from './open-from-config.js'
import { migrateToLatest } from '../db/migrate.js'

export const summary = 'uppdatera databasens schema till senaste versionen'

/** `datavakt migrate`: runs pending migrations and says which. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } }, false)
  if (values.help) {
    console.log('datavakt migrate\n\nKör databasmigreringar (PGlite i ./data, eller PostgreSQL om DATABASE_URL är satt).')
    return 0
  }
  const { database } = await openFromConfig({ migrate: false })
  try {
    const ran = await migrateToLatest(database.db)
    console.log(ran.length ? `Körde ${ran.length} migrering(ar): ${ran.join(', ')}` : 'Databasen är redan uppdaterad.')
    console.log(`Databas: ${database.kind} (${database.location})`)
    return 0
  } finally {
    await database.close()
  }
}
