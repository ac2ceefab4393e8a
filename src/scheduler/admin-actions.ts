import type { AdminActions, AdminContact, AdminJob } from '../api/admin.js'
import type { AlertContact } from '../config/config.js'
import type { Db } from '../db/database.js'
import { listAlertContacts, replaceAlertContacts } from '../alerts/alert-store.js'
import type { Scheduler } from './start-scheduler.js'

/** What the admin actions are made of: the running scheduler and its jobs, the one-file re-check, the contacts. */
export interface AdminActionsOptions {
  db: Db
  scheduler: Pick<Scheduler, 'runNow' | 'isRunning'>
  /** The content job for some distributions (the contentChecks job is the same for all). */
  recheck: (distributionIris: string[]) => Promise<unknown>
  /** The contacts in the configuration (`alerts.contacts`), shown read-only. */
  configured: AlertContact[]
  /** Where a re-check that failed is told (scheduled jobs tell the scheduler's onEvent). */
  onError?: (err: unknown, distributionIri: string) => void
}

/**
 * The admin API's actions (src/api/admin.ts) over the scheduler of this process: a job
 * started by an operator is the scheduler's own job, run with `runNow` (skipped when it
 * already runs, as a scheduled firing is), and its end and failures go to the same
 * onEvent as a scheduled run's. A re-check runs the content job for one distribution.
 */
export function adminActions(opts: AdminActionsOptions): AdminActions {
  const rechecking = new Set<string>()
  const contactOf = (c: { email: string; lang?: 'sv' | 'en' }): AdminContact => ({ email: c.email, lang: c.lang ?? 'sv' })
  return {
    startJob(job: AdminJob) {
      if (opts.scheduler.isRunning(job)) return 'running'
      void opts.scheduler.runNow(job)
      return 'started'
    },
    recheck(iri) {
      if (rechecking.has(iri)) return 'running'
      rechecking.add(iri)
      void opts
        .recheck([iri])
        .catch((err: unknown) => opts.onError?.(err, iri))
        .finally(() => rechecking.delete(iri))
      return 'started'
    },
    async contacts(organisation) {
      const stored = await listAlertContacts(opts.db, organisation)
      return { contacts: stored.map(contactOf), configured: opts.configured.filter((c) => c.organisation === organisation).map(contactOf) }
    },
    async replaceContacts(organisation, contacts) {
      return (await replaceAlertContacts(opts.db, organisation, contacts)).map(contactOf)
    },
  }
}
