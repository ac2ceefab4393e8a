// Opens an in-memory embedded database, asks one query and never closes it: the process must still end.
import { sql } from 'kysely'
import { openDatabase } from '../../src/db/open-database.js'

const database = await openDatabase({ dataDir: 'memory://forgotten' })
const r = await sql<{ one: number }>`select 1 as one`.execute(database.db)
console.log(r.rows[0]?.one)
