/**
 * Operational errors outside fetch and harvest are DatavaktErrors with a code: code that
 * handles them matches on the code, and a person reads them in their own language.
 */
import { describe, expect, it } from 'vitest'
import { MigrationError } from '../../src/db/migrate.js'
import { startWorld, WorldStartError } from '../../src/demo/start-world.js'
import { DatavaktError, errorText } from '../../src/i18n/datavakt-error.js'

describe('operational errors carry a code and read in either language', () => {
  it('a world with a bad epoch is refused with demo.error.world-epoch', async () => {
    const err = await startWorld({ distributions: 4, hosts: 2, organisations: 1, epoch: 'not-a-date' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WorldStartError)
    expect(err).toMatchObject({ code: 'demo.error.world-epoch', params: { value: 'not-a-date' } })
    expect(errorText(err, 'sv')).toBe('ogiltigt epoch-datum: not-a-date')
    expect(errorText(err, 'en')).toBe('invalid epoch date: not-a-date')
  })

  it('a failed migration names itself, with the database words as its reason', () => {
    const err = new MigrationError('0009-x', 'relation "y" does not exist')
    expect(err).toBeInstanceOf(DatavaktError)
    expect(err.code).toBe('db.migration-failed')
    expect(err.describe('sv')).toContain('Migreringen 0009-x misslyckades')
    expect(err.describe('en')).toContain('Migration 0009-x failed')
  })

  it('errorText shows any other error by its own message', () => {
    expect(errorText(new Error('boom'), 'sv')).toBe('boom')
    expect(errorText('plain', 'en')).toBe('plain')
  })
})
