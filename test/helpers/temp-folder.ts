import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/**
 * A temporary folder for a test file, made at once and removed after its tests; `first`
 * runs before it is removed (stopping what still writes into it).
 */
export function tempFolder(prefix: string, first: () => unknown = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  afterAll(async () => {
    await first()
    rmSync(dir, { recursive: true, force: true })
  })
  return dir
}
