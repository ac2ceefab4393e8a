import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { datavakt, killStarted } from '../faults/datavakt-process.js'
import { tempFolder } from '../helpers/temp-folder.js'

/**
 * bin/datavakt.js runs the TypeScript through tsx when dist/ is stale (an edited clone) or
 * DATAVAKT_FROM_SOURCE=1. Started from another folder, tsx used to miss the package's
 * tsconfig.json and compile the pages' JSX for React: every page answered 500.
 */
const dir = tempFolder('datavakt-from-source-', killStarted)

describe('datavakt run from its TypeScript, from another working folder', () => {
  it('serves its pages', async () => {
    const config = join(dir, 'config.json')
    writeFileSync(config, JSON.stringify({ lang: 'en', dataDir: join(dir, 'data') }))
    const p = datavakt(['start', '--port', '0'], { config, env: { DATAVAKT_FROM_SOURCE: '1', DATAVAKT_LOG_FORMAT: 'human' }, spawn: { cwd: dir } })
    const line = await p.waitFor(/running at http:\/\/127\.0\.0\.1:\d+\//)
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(line)![0]
    const res = await fetch(`${url}?lang=en`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<html lang="en"')
    p.child.kill('SIGTERM')
    expect((await p.exited).code).toBe(0)
  }, 120_000)
})
