/**
 * `datavakt worker [--allow-private] [--id ID] [--max-hosts N]`: one worker of the
 * availability queue. Claims hosts of running sweeps from PostgreSQL (or PGlite), probes
 * them politely, stores the results, and waits for more work. Run as many as needed, on
 * as many machines, against one PostgreSQL. SIGINT/SIGTERM stop it gracefully: probes in
 * flight are recorded and held hosts go back to the queue at once.
 */
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import { defaultMaxHosts, defaultWorkerId, runWorker } from '../queue/run-worker.js'
import { openFromConfig } from './open-from-config.js'
import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'

/** One line for `datavakt --help`. */
export const summary = 'kör en arbetare som tar värdar ur kön och kontrollerar deras filer'

const help = `Användning: datavakt worker [--allow-private] [--id ID] [--max-hosts N]

Tar värdar ur arbetskön (i PostgreSQL), kontrollerar deras filer artigt och sparar
resultaten. Kör så många arbetare du vill, på flera maskiner, mot samma databas.
Avslutas snyggt med Ctrl-C eller SIGTERM.

  --allow-private   tillåt lokala och privata adresser (demo och test)
  --id ID           arbetarens namn i kön (standard: värdnamn:pid:slump)
  --max-hosts N     högst så många värdar samtidigt (standard: 2 × global gräns)`

/** Runs `datavakt worker` until SIGINT/SIGTERM; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'allow-private': { type: 'boolean', default: false },
      id: { type: 'string' },
      'max-hosts': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    false,
  )
  if (values.help) {
    console.log(help)
    return 0
  }
  const maxHosts = values['max-hosts'] === undefined ? undefined : Number(values['max-hosts'])
  if (maxHosts !== undefined && (!Number.isInteger(maxHosts) || maxHosts < 1)) {
    throw new UsageError(`--max-hosts måste vara ett heltal ≥ 1, inte "${values['max-hosts']}"`)
  }
  const { config, database } = await openFromConfig()
  const sv = config.lang === 'sv'
  const engine = createFetchEngine(config.http, {
    allowPrivateNetworks: values['allow-private'] || config.allowPrivateNetworks,
  })
  const workerId = values.id ?? defaultWorkerId()
  const stop = new AbortController()
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130)
    console.error(sv ? 'Stoppar: väntar in pågående kontroller och lämnar tillbaka värdar ...' : 'Stopping: finishing probes in flight and releasing hosts ...')
    stop.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  console.error(sv ? `Arbetare ${workerId} startad (${database.kind}).` : `Worker ${workerId} started (${database.kind}).`)
  try {
    const stats = await runWorker({
      db: database.db,
      engine,
      workerId,
      policy: config.availability,
      leaseSeconds: config.availability.leaseSeconds,
      perHostConnections: config.http.perHostConnections,
      maxHosts: maxHosts ?? defaultMaxHosts(config.http),
      signal: stop.signal,
      onError: (err, host) => console.error(`${host}: ${err.message}`),
    })
    console.error(
      sv
        ? `Arbetare ${workerId} stoppad: ${stats.hostsDone} värdar klara, ${stats.probes} kontroller sparade, ${stats.newlyBroken} nyss trasiga, ${stats.healed} lagade.`
        : `Worker ${workerId} stopped: ${stats.hostsDone} hosts done, ${stats.probes} probes stored, ${stats.newlyBroken} newly broken, ${stats.healed} healed.`,
    )
    return 0
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await engine.close()
    await database.close()
  }
}
