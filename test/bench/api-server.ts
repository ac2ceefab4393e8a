/**
 * The web app over DATABASE_URL on a free loopback port, for `npm run bench:api`: the same
 * createApp as `datavakt start` (without the rate limit, which would answer the benchmark's
 * one address with 429s, and without scheduler or worker). Prints `{"port":N}` once listening.
 */
import { serve } from '@hono/node-server'
import { openDatabase } from '../../src/db/open-database.js'
import { defaultConfig } from '../../src/config/config.js'
import { createApp } from '../../src/web/create-app.js'

/** BENCH_NO_CACHE=1: every request reads the database (what one uncached answer costs). */
const BENCH_NO_CACHE = Boolean(process.env.BENCH_NO_CACHE)
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL! })
const app = createApp({ db: database.db, lang: 'sv', ...(BENCH_NO_CACHE ? {} : { readCache: defaultConfig.web.readCache }), logError: (line, err) => console.error(line, err) })
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
server.once('listening', () => {
  const addr = server.address()
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }))
})
process.once('SIGTERM', () => {
  server.close()
  void database.close().then(() => process.exit(0))
})
