/**
 * Issue 10 defect 10, through `datavakt start`: runs a killed process left 'running' (a
 * harvest and a content run, here of a process that has exited) are marked 'interrupted'
 * when `start` starts, before any job runs, and it says so; a run of a process still alive
 * (this test) is left alone. On PGlite, the embedded case.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCheckRun } from '../../src/db/content-store.js'
import { startHarvestRun, syncCatalogueSources } from '../../src/db/harvest-runs.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { openDatabase } from '../../src/db/open-database.js'
import { tempFolder } from '../helpers/temp-folder.js'
import { datavakt, killStarted } from './datavakt-process.js'

const dir = tempFolder('datavakt-interrupted-', killStarted)

describe('runs left running, on start', () => {
  it('start marks a gone process’s harvest and content runs interrupted, and leaves a live one running', async () => {
    const data = join(dir, 'data')
    const config = join(dir, 'config.json')
    writeFileSync(config, JSON.stringify({ lang: 'en', dataDir: data, web: { host: '127.0.0.1', port: 0 } }))
    const dead = spawnSync(process.execPath, ['-e', 'process.pid'], { stdio: 'ignore' }).pid
    const gone = `${hostname()} ${dead} 1`
    const alive = `${hostname()} ${process.pid} ${Math.round(Date.now() - process.uptime() * 1000)}`
    let ids: { harvest: number; content: number; live: number }
    {
      const db = await openDatabase({ dataDir: data })
      await migrateToLatest(db.db)
      await syncCatalogueSources(db.db, [{ id: 'src', kind: 'dcat', url: 'http://127.0.0.1:9/catalog.rdf' }])
      ids = { harvest: await startHarvestRun(db.db, 'src', gone), content: await startCheckRun(db.db, 'content', new Date(), gone), live: await startCheckRun(db.db, 'content', new Date(), alive) }
      await db.close()
    }
    const start = datavakt(['start', '--port', '0'], { config })
    await start.waitFor(/datavakt is running at/, 180_000)
    expect(start.out()).toContain('Runs a stopped process left running are now marked interrupted: 1 harvests, 1 content runs.')
    await new Promise((r) => setTimeout(r, 3000))
    start.child.kill('SIGTERM')
    expect(await start.exited, start.out()).toEqual({ code: 0, signal: null })

    const db = await openDatabase({ dataDir: data })
    try {
      const harvest = await db.db.selectFrom('harvest_runs').select(['status', 'error_code']).where('id', '=', ids.harvest).executeTakeFirstOrThrow()
      expect(harvest).toEqual({ status: 'interrupted', error_code: 'interrupted' })
      const status = async (id: number) => (await db.db.selectFrom('check_runs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
      expect(await status(ids.content)).toBe('interrupted')
      expect(await status(ids.live)).toBe('running')
    } finally {
      await db.close()
    }
  }, 300_000)
})
