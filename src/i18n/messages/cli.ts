import { count, list, num } from '../format.js'
import type { Message } from '../message.js'

/**
 * Texts of the datavakt command: usage, help, usage errors and progress, keyed by a stable
 * dotted key starting with "cli.". Each command has `cli.<name>.summary` (its line in
 * `datavakt --help`), `cli.<name>.usage` (its synopsis, also shown after a usage error)
 * and `cli.<name>.help` (what its options do).
 */
export const cliMessages = {
  'cli.usage': {
    sv: 'Användning: datavakt <kommando> [flaggor]   (datavakt <kommando> --help för mer)',
    en: 'Usage: datavakt <command> [options]   (datavakt <command> --help for more)',
  },
  'cli.commands': { sv: 'Kommandon:', en: 'Commands:' },
  'cli.global-options': {
    sv: 'Flaggor för alla kommandon:\n  --lang sv|en      språk för utskrifterna (standard: DATAVAKT_LANG, annars svenska)\n  --help, -h        hjälp\n  --version         versionen',
    en: 'Options for every command:\n  --lang sv|en      language of the output (default: DATAVAKT_LANG, else Swedish)\n  --help, -h        help\n  --version         the version',
  },

  'cli.error.unknown-command': { sv: (p) => `okänt kommando "${p.name}"`, en: (p) => `unknown command "${p.name}"` },
  'cli.error.unknown-option': { sv: (p) => `okänd flagga ${p.option}`, en: (p) => `unknown option ${p.option}` },
  'cli.error.missing-value': { sv: (p) => `${p.option} behöver ett värde`, en: (p) => `${p.option} needs a value` },
  'cli.error.no-value': { sv: (p) => `${p.option} tar inget värde`, en: (p) => `${p.option} takes no value` },
  'cli.error.no-positionals': {
    sv: (p) => `oväntat argument "${p.value}": kommandot tar inga sådana`,
    en: (p) => `unexpected argument "${p.value}": this command takes none`,
  },
  'cli.error.bad-arguments': { sv: (p) => `felaktiga argument (${p.code})`, en: (p) => `invalid arguments (${p.code})` },
  'cli.error.lang': { sv: (p) => `--lang ska vara sv eller en, inte "${p.value}"`, en: (p) => `--lang must be sv or en, not "${p.value}"` },
  'cli.error.integer': {
    sv: (p) => `--${p.option} ska vara ett heltal mellan ${p.min} och ${p.max}, inte "${p.value}"`,
    en: (p) => `--${p.option} must be an integer from ${p.min} to ${p.max}, not "${p.value}"`,
  },
  'cli.error.failed': { sv: 'misslyckades', en: 'failed' },

  'cli.database': { sv: (p) => `Databas: ${p.kind} (${p.location})`, en: (p) => `Database: ${p.kind} (${p.location})` },
  'cli.migrate.ran': {
    sv: (p) => `Körde ${count('sv', p.count, 'migrering', 'migreringar')}: ${p.names}`,
    en: (p) => `Ran ${count('en', p.count, 'migration', 'migrations')}: ${p.names}`,
  },
  'cli.migrate.up-to-date': { sv: 'Databasen är redan uppdaterad.', en: 'The database is already up to date.' },
  'cli.worker.stopping': {
    sv: 'Stoppar: väntar in pågående kontroller och lämnar tillbaka värdar ...',
    en: 'Stopping: finishing probes in flight and releasing hosts ...',
  },
  'cli.worker.started': { sv: (p) => `Arbetare ${p.id} startad (${p.kind}).`, en: (p) => `Worker ${p.id} started (${p.kind}).` },
  'cli.worker.stopped': {
    sv: (p) => `Arbetare ${p.id} stoppad: ${p.hosts} värdar klara, ${p.probes} kontroller sparade, ${p.broken} nyss trasiga, ${p.healed} lagade.`,
    en: (p) => `Worker ${p.id} stopped: ${p.hosts} hosts done, ${p.probes} probes stored, ${p.broken} newly broken, ${p.healed} healed.`,
  },
  'cli.worker.left-leased': {
    sv: (p) =>
      `${count('sv', p.hosts, 'värd', 'värdar')} kunde inte lämnas tillbaka (databasen svarade inte i tid); reservationen håller dem tills den löper ut, inom ${p.seconds} s, och sedan tar en annan arbetare över.`,
    en: (p) =>
      `${count('en', p.hosts, 'host', 'hosts')} could not be given back (the database did not answer in time); the lease holds them until it expires, within ${p.seconds} s, and then another worker takes over.`,
  },  'cli.worker.metrics': {
    sv: (p) => `Mätvärden för Prometheus på ${p.url}`,
    en: (p) => `Metrics for Prometheus at ${p.url}`,
  },
  'cli.worker.metrics-host-alone': {
    sv: (p) => `${p.option} används bara tillsammans med --metrics-port (eller worker.metricsPort i konfigurationen)`,
    en: (p) => `${p.option} is only used together with --metrics-port (or worker.metricsPort in the configuration)`,
  },
  'cli.listen.in-use': {
    sv: (p) => `kan inte lyssna på ${p.address}: porten används redan av ett annat program; välj en annan med ${p.portSetBy}`,
    en: (p) => `cannot listen on ${p.address}: the port is already in use by another program; choose another with ${p.portSetBy}`,
  },
  'cli.listen.denied': {
    sv: (p) => `kan inte lyssna på ${p.address}: inte tillåtet (portar under 1024 kräver särskild behörighet); välj en annan med ${p.portSetBy}`,
    en: (p) => `cannot listen on ${p.address}: not permitted (ports below 1024 need special privileges); choose another with ${p.portSetBy}`,
  },
  'cli.listen.no-address': {
    sv: (p) => `kan inte lyssna på ${p.address}: datorn har ingen sådan adress; ange en annan med ${p.hostSetBy}`,
    en: (p) => `cannot listen on ${p.address}: this machine has no such address; give another with ${p.hostSetBy}`,
  },
  'cli.listen.failed': {
    sv: (p) => `kan inte lyssna på ${p.address} (${p.code})`,
    en: (p) => `cannot listen on ${p.address} (${p.code})`,
  },

  'cli.start.no-sources': {
    sv: 'Inga katalogkällor är konfigurerade (datavakt.config.json → "sources"). Prova `npm run demo`.',
    en: 'No catalogue sources are configured (datavakt.config.json → "sources"). Try `npm run demo`.',
  },
  'cli.start.content-done': {
    sv: (p) => `Innehållskontroll: ${p.downloaded} filer hämtade, ${p.notModified} oförändrade, ${p.failed} gick inte att hämta`,
    en: (p) => `Content check: ${p.downloaded} files downloaded, ${p.notModified} unchanged, ${p.failed} could not be fetched`,
  },
  'cli.start.alerts-done': {
    sv: (p) => `Larm: ${p.queued} sammanfattningar köade, ${p.sent} skickade, ${p.waiting} väntar på att skickas`,
    en: (p) => `Alerts: ${p.queued} digests queued, ${p.sent} sent, ${p.waiting} waiting to be sent`,
  },
  'cli.start.retention-done': {
    sv: (p) =>
      `Kontrollhistorik: ${count('sv', p.deleted, 'gammal kontroll', 'gamla kontroller')} borttagna, ${count('sv', p.dropped, 'månad', 'månader')} rensade helt, ${count('sv', p.made, 'ny månadspartition', 'nya månadspartitioner')}`,
    en: (p) =>
      `Probe history: ${count('en', p.deleted, 'old probe', 'old probes')} deleted, ${count('en', p.dropped, 'month', 'months')} dropped whole, ${count('en', p.made, 'new monthly partition', 'new monthly partitions')}`,
  },
  'cli.start.job-started': { sv: (p) => `${p.at} jobb ${p.name} startar`, en: (p) => `${p.at} job ${p.name} starting` },
  'cli.start.job-done': { sv: (p) => `${p.at} jobb ${p.name} klart (${p.seconds} s)`, en: (p) => `${p.at} job ${p.name} done (${p.seconds} s)` },
  'cli.start.job-failed': { sv: (p) => `${p.at} jobb ${p.name} misslyckades: ${p.error}`, en: (p) => `${p.at} job ${p.name} failed: ${p.error}` },
  'cli.start.interrupted': {
    sv: (p) => `Körningar som en stoppad process lämnade pågående är nu markerade som avbrutna: ${p.harvests} skördar, ${p.content} innehållskörningar.`,
    en: (p) => `Runs a stopped process left running are now marked interrupted: ${p.harvests} harvests, ${p.content} content runs.`,
  },
  'cli.start.running': { sv: (p) => `datavakt kör på ${p.url}`, en: (p) => `datavakt is running at ${p.url}` },
  'cli.stopping': { sv: 'Stänger ...', en: 'Shutting down ...' },
  'cli.start.summary': {
    sv: 'kör tjänsten: migrering, schemaläggare, arbetare och webbserver i en process',
    en: 'runs the service: migration, scheduler, worker and web server in one process',
  },
  'cli.start.usage': { sv: 'Användning: datavakt start [--port N] [--allow-private]', en: 'Usage: datavakt start [--port N] [--allow-private]' },
  'cli.start.help': {
    sv: 'Migrerar databasen och kör schemaläggare, arbetare och webbserver tills Ctrl-C.\n\n  --port N          webbserverns port (standard: web.port i konfigurationen)\n  --allow-private   tillåt lokala och privata adresser (demo och test)',
    en: 'Migrates the database and runs scheduler, worker and web server until Ctrl-C.\n\n  --port N          port of the web server (default: web.port in the configuration)\n  --allow-private   allow local and private addresses (demo and tests)',
  },
  'cli.migrate.summary': { sv: 'uppdatera databasens schema till senaste versionen', en: 'brings the database schema up to date' },
  'cli.migrate.usage': { sv: 'Användning: datavakt migrate', en: 'Usage: datavakt migrate' },
  'cli.migrate.help': {
    sv: 'Kör databasmigreringar (PGlite i dataDir, eller PostgreSQL om DATABASE_URL är satt).',
    en: 'Runs the database migrations (PGlite in dataDir, or PostgreSQL when DATABASE_URL is set).',
  },
  'cli.export.summary': {
    sv: 'skriver hela databasen som en flyttbar export (till PostgreSQL, till en ny PGlite-version, som säkerhetskopia)',
    en: 'writes the whole database as a portable export (to PostgreSQL, to a new PGlite version, as a backup)',
  },
  'cli.export.usage': { sv: 'Användning: datavakt export [--file FIL]', en: 'Usage: datavakt export [--file FILE]' },
  'cli.export.help': {
    sv: 'Skriver databasen (PGlite i dataDir, eller PostgreSQL om DATABASE_URL är satt) som JSON-rader, en rad per post.\nFlytta till PostgreSQL med ett kommando: datavakt export | DATABASE_URL=postgres://… datavakt import\n\n  --file FIL        skriv till FIL i stället för standard ut (förlopp skrivs till standard fel)',
    en: 'Writes the database (PGlite in dataDir, or PostgreSQL when DATABASE_URL is set) as JSON lines, one line per row.\nMove to PostgreSQL in one command: datavakt export | DATABASE_URL=postgres://… datavakt import\n\n  --file FILE       write to FILE instead of standard output (progress goes to standard error)',
  },
  'cli.import.summary': {
    sv: 'läser in en export från datavakt export i en tom databas',
    en: 'loads an export written by datavakt export into an empty database',
  },
  'cli.import.usage': { sv: 'Användning: datavakt import [--file FIL] [--replace]', en: 'Usage: datavakt import [--file FILE] [--replace]' },
  'cli.import.help': {
    sv: 'Läser in en export (från standard in, eller --file) i databasen (PGlite i dataDir, eller PostgreSQL om DATABASE_URL är satt): allt eller inget, på exportens migreringsnivå, sedan uppdaterad till den senaste.\n\n  --file FIL        läs FIL i stället för standard in\n  --replace         töm måldatabasen först (annars vägras en databas som inte är tom)',
    en: 'Loads an export (from standard input, or --file) into the database (PGlite in dataDir, or PostgreSQL when DATABASE_URL is set): all or nothing, at the export\'s migration level, then brought up to date.\n\n  --file FILE       read FILE instead of standard input\n  --replace         empty the target database first (else a database that is not empty is refused)',
  },
  'cli.harvest.summary': {
    sv: 'läser katalogkällorna (DCAT, CKAN, EntryScape) in i databasen; --dry-run visar hur en katalog läses',
    en: 'reads the catalogue sources (DCAT, CKAN, EntryScape) into the database; --dry-run shows how a catalogue is read',
  },
  'cli.harvest.usage': {
    sv: 'Användning: datavakt harvest [--source ID] [--json] [--allow-private]\n            datavakt harvest --dry-run [--json] [--kind dcat|ckan|entryscape] [--publisher IRI] [--allow-private] URL\n            datavakt harvest --dry-run [--json] [--allow-private] --source ID',
    en: 'Usage: datavakt harvest [--source ID] [--json] [--allow-private]\n       datavakt harvest --dry-run [--json] [--kind dcat|ckan|entryscape] [--publisher IRI] [--allow-private] URL\n       datavakt harvest --dry-run [--json] [--allow-private] --source ID',
  },
  'cli.harvest.help': {
    sv: '  --source ID       skörda bara källan med detta id (med --dry-run: läs den utan att spara)\n  --dry-run         läs katalogen på URL, spara inget, visa vad som lästes\n  --json            skriv resultatet som JSON på stdout\n  --kind TYP        katalogtyp för --dry-run: dcat (standard), ckan eller entryscape\n  --publisher IRI   EntryScape/CKAN: bara denna utgivare\n  --allow-private   tillåt lokala och privata adresser (127.0.0.1, 10.x, ...)',
    en: '  --source ID       harvest only the source with this id (with --dry-run: read it without storing)\n  --dry-run         read the catalogue at URL, store nothing, show what was read\n  --json            print the result as JSON on stdout\n  --kind KIND       catalogue kind for --dry-run: dcat (default), ckan or entryscape\n  --publisher IRI   EntryScape/CKAN: only this publisher\n  --allow-private   allow local and private addresses (127.0.0.1, 10.x, ...)',
  },
  'cli.harvest.error.kind': {
    sv: (p) => `--kind ska vara dcat, ckan eller entryscape, inte "${p.value}"`,
    en: (p) => `--kind must be dcat, ckan or entryscape, not "${p.value}"`,
  },
  'cli.harvest.error.dry-run-source': {
    sv: '--dry-run --source ID läser källan så som den är konfigurerad: ange ingen adress, --kind eller --publisher',
    en: '--dry-run --source ID reads that source as configured: give no URL, --kind or --publisher',
  },
  'cli.harvest.error.unknown-source': {
    sv: (p) => `okänd källa "${p.id}" (konfigurerade: ${(p.known as string[]).length ? list('sv', p.known) : 'inga'})`,
    en: (p) => `unknown source "${p.id}" (configured: ${(p.known as string[]).length ? list('en', p.known) : 'none'})`,
  },
  'cli.harvest.error.dry-run-url': {
    sv: (p) => `--dry-run behöver exakt en katalogadress${p.given ? `, fick ${p.given}` : ''}`,
    en: (p) => `--dry-run needs exactly one catalogue URL${p.given ? `, got ${p.given}` : ''}`,
  },
  'cli.harvest.error.not-http': { sv: (p) => `ingen http(s)-adress: "${p.value}"`, en: (p) => `not an http(s) URL: "${p.value}"` },
  'cli.harvest.error.url-without-dry-run': {
    sv: (p) => `en adress läses bara med --dry-run (fick "${p.value}")`,
    en: (p) => `a URL is only read with --dry-run (got "${p.value}")`,
  },
  'cli.harvest.error.kind-without-dry-run': {
    sv: '--kind och --publisher hör till --dry-run; konfigurerade källor har sina egna',
    en: '--kind and --publisher belong to --dry-run; configured sources carry their own',
  },
  'cli.harvest.error.no-sources': {
    sv: 'Inga katalogkällor är konfigurerade (datavakt.config.json → "sources" eller "preset").',
    en: 'No catalogue sources are configured (datavakt.config.json → "sources" or "preset").',
  },
  'cli.harvest.failed': { sv: 'MISSLYCKADES', en: 'FAILED' },
  'cli.harvest.datasets': { sv: 'datamängder', en: 'datasets' },
  'cli.harvest.distributions': { sv: 'distributioner', en: 'distributions' },
  'cli.harvest.services': { sv: 'datatjänster', en: 'data services' },
  'cli.harvest.counts': {
    sv: (p) =>
      `${p.added} nya, ${p.changed} ändrade, ${p.withdrawn} tillbakadragna, ${p.unchanged} oförändrade` +
      (p.restored ? `, ${p.restored} återkomna` : '') +
      (p.skipped ? `, ${p.skipped} hos annan källa` : ''),
    en: (p) =>
      `${p.added} added, ${p.changed} changed, ${p.withdrawn} withdrawn, ${p.unchanged} unchanged` +
      (p.restored ? `, ${p.restored} restored` : '') +
      (p.skipped ? `, ${p.skipped} held by another source` : ''),
  },
  'cli.harvest.warnings': {
    sv: (p) => `${count('sv', p.n, 'varning', 'varningar')} (se harvest_runs.warnings eller --dry-run)`,
    en: (p) => `${count('en', p.n, 'warning', 'warnings')} (see harvest_runs.warnings or --dry-run)`,
  },
  'cli.harvest.total': {
    sv: (p) => `${count('sv', p.n, 'källa', 'källor')} skördade, ${p.failed} misslyckades.`,
    en: (p) => `${count('en', p.n, 'source', 'sources')} harvested, ${p.failed} failed.`,
  },
  'cli.harvest.dry': {
    sv: (p) => `${p.datasets} datamängder, ${p.distributions} distributioner, ${p.services} datatjänster, ${count('sv', p.warnings, 'varning', 'varningar')}. Använd --json för allt.`,
    en: (p) => `${p.datasets} datasets, ${p.distributions} distributions, ${p.services} data services, ${count('en', p.warnings, 'warning', 'warnings')}. Use --json for everything.`,
  },
  'cli.check.summary': {
    sv: 'kontrollera att adresser går att hämta (utan databas)',
    en: 'checks that addresses can be fetched (no database)',
  },
  'cli.check.usage': {
    sv: 'Användning: datavakt check [--json] [--allow-private] [--urls-file FIL] [--expect FORMAT] [--per-host N] [--gap MS] [--config FIL] [URL ...]',
    en: 'Usage: datavakt check [--json] [--allow-private] [--urls-file FILE] [--expect FORMAT] [--per-host N] [--gap MS] [--config FILE] [URL ...]',
  },
  'cli.check.help': {
    sv: 'Hämtar början av varje adress en gång, artigt (högst 2 anslutningar per värd),\noch säger om filen går att ladda ner, med innehållstypen som kom.\n\n  --json            en JSON-rad per adress\n  --allow-private   tillåt lokala och privata adresser (127.0.0.1, 10.x, ...)\n  --urls-file FIL   läs adresser från FIL, en per rad (# inleder en kommentar)\n  --expect FORMAT   en datafil väntas (csv, json, xlsx, ...): en webbsida räknas som fel\n  --per-host N      högst N anslutningar per värd (standard 2)\n  --gap MS          minst MS millisekunder mellan två anrop till en värd (standard 250)\n  --config FIL      ta http-inställningarna från konfigurationsfilen FIL\n\nSlutkod: 0 alla ok, 1 någon adress fungerar inte, 2 felaktigt anrop.',
    en: 'Fetches the start of each address once, politely (at most 2 connections per host),\nand says whether the file can be downloaded, with the content type that came.\n\n  --json            one JSON line per address\n  --allow-private   allow local and private addresses (127.0.0.1, 10.x, ...)\n  --urls-file FILE  read addresses from FILE, one per line (# starts a comment)\n  --expect FORMAT   a data file is expected (csv, json, xlsx, ...): a web page is failing\n  --per-host N      at most N connections per host (default 2)\n  --gap MS          at least MS milliseconds between two requests to a host (default 250)\n  --config FILE     take the http settings from the configuration file FILE\n\nExit code: 0 all ok, 1 an address is failing, 2 a usage error.',
  },
  'cli.check.error.urls-file': {
    sv: (p) => `kan inte läsa --urls-file ${p.path} (${p.reason})`,
    en: (p) => `cannot read --urls-file ${p.path} (${p.reason})`,
  },
  'cli.check.error.no-urls': {
    sv: 'inga adresser att kontrollera (ange adresser eller --urls-file)',
    en: 'no addresses to check (give addresses or --urls-file)',
  },
  'cli.check.progress': { sv: (p) => `kontrollerat ${p.done}/${p.total}`, en: (p) => `checked ${p.done}/${p.total}` },
  'cli.check.head': { sv: 'RESULTAT KOD STATUS TYP TID ADRESS', en: 'RESULT CODE STATUS TYPE TIME URL' },
  'cli.check.error.expect': {
    sv: (p) => `--expect ska vara ett filformat (csv, json, xlsx, geojson, ...), inte "${p.value}"`,
    en: (p) => `--expect must be a file format (csv, json, xlsx, geojson, ...), not "${p.value}"`,
  },
  'cli.check.hint.allow-private': {
    sv: 'Lokala och privata adresser (127.0.0.1, 10.x, 192.168.x, ...) hämtas inte. Använd --allow-private för att kontrollera dem, t.ex. din egen testserver.',
    en: 'Local and private addresses (127.0.0.1, 10.x, 192.168.x, ...) are not fetched. Use --allow-private to check them, e.g. your own test server.',
  },
  'cli.check.outcome.ok': { sv: 'ok', en: 'ok' },
  'cli.check.outcome.failing': { sv: 'FEL', en: 'FAILING' },
  'cli.check.outcome.unverified': { sv: 'oklart', en: 'unverified' },
  'cli.check.total': {
    sv: (p) => `${count('sv', p.total, 'adress', 'adresser')}: ${p.ok} ok, ${p.failing} fungerar inte, ${p.unverified} kunde inte avgöras.`,
    en: (p) => `${count('en', p.total, 'URL', 'URLs')}: ${p.ok} ok, ${p.failing} failing, ${p.unverified} could not be judged.`,
  },
  'cli.sweep.summary': {
    sv: 'kör ett tillgänglighetssvep nu, med förloppsindikator och sammanfattning',
    en: 'runs an availability sweep now, with progress and a summary',
  },
  'cli.sweep.usage': {
    sv: 'Användning: datavakt sweep [--allow-private] [--quiet] [--per-host N] [--gap MS]',
    en: 'Usage: datavakt sweep [--allow-private] [--quiet] [--per-host N] [--gap MS]',
  },
  'cli.sweep.help': {
    sv: 'Kontrollerar nu att varje publicerad fil (distribution) går att hämta, värd för värd\noch artigt, och sparar resultatet. Visar förloppet och en sammanfattning.\n\n  --allow-private   tillåt lokala och privata adresser (demo och test)\n  --quiet           ingen förloppsindikator\n  --per-host N      högst N anslutningar per värd (standard 2)\n  --gap MS          minst MS millisekunder mellan två anrop till en värd (standard 250)\n\nSlutkod: 0 svepet blev klart, 1 avbrutet, 2 felaktigt anrop.',
    en: 'Checks now that every published file (distribution) can be fetched, host by host\nand politely, and stores the result. Shows progress and a summary.\n\n  --allow-private   allow local and private addresses (demo and tests)\n  --quiet           no progress bar\n  --per-host N      at most N connections per host (default 2)\n  --gap MS          at least MS milliseconds between two requests to a host (default 250)\n\nExit code: 0 the sweep finished, 1 stopped, 2 a usage error.',
  },
  'cli.worker.summary': {
    sv: 'kör en arbetare som tar värdar ur kön och kontrollerar deras filer',
    en: 'runs a worker that takes hosts from the queue and checks their files',
  },
  'cli.worker.usage': {
    sv: 'Användning: datavakt worker [--allow-private] [--id ID] [--max-hosts N] [--metrics-port N [--metrics-host VÄRD]]',
    en: 'Usage: datavakt worker [--allow-private] [--id ID] [--max-hosts N] [--metrics-port N [--metrics-host HOST]]',
  },
  'cli.worker.help': {
    sv: 'Tar värdar ur arbetskön (i PostgreSQL), kontrollerar deras filer artigt och sparar\nresultaten. Kör så många arbetare du vill, på flera maskiner, mot samma databas.\nAvslutas snyggt med Ctrl-C eller SIGTERM.\n\n  --allow-private     tillåt lokala och privata adresser (demo och test)\n  --id ID             arbetarens namn i kön (standard: värdnamn:pid:slump)\n  --max-hosts N       högst så många värdar samtidigt (standard: 2 × global gräns)\n  --metrics-port N    servera arbetarens mätvärden för Prometheus på GET /metrics (och\n                      GET /healthz) på port N; 0 = valfri ledig (standard: worker.metricsPort\n                      i konfigurationen, annars ingen)\n  --metrics-host VÄRD adressen den lyssnar på (standard: worker.metricsHost, 127.0.0.1);\n                      0.0.0.0 när Prometheus skrapar från en annan maskin',
    en: 'Takes hosts from the work queue (in PostgreSQL), checks their files politely and\nstores the results. Run as many workers as you like, on several machines, against one\ndatabase. Stops cleanly on Ctrl-C or SIGTERM.\n\n  --allow-private     allow local and private addresses (demo and tests)\n  --id ID             the worker\'s name in the queue (default: hostname:pid:random)\n  --max-hosts N       at most this many hosts at once (default: 2 × global limit)\n  --metrics-port N    serve the worker\'s metrics for Prometheus at GET /metrics (and\n                      GET /healthz) on port N; 0 = any free port (default: worker.metricsPort\n                      in the configuration, else none)\n  --metrics-host HOST the address it listens on (default: worker.metricsHost, 127.0.0.1);\n                      0.0.0.0 when Prometheus scrapes from another machine',
  },
  'cli.sweep.stopping': { sv: 'Avbryter: lämnar tillbaka påbörjade värdar ...', en: 'Stopping: releasing hosts in hand ...' },
  'cli.sweep.progress.eta': { sv: (p) => ` kvar ~${p.duration}`, en: (p) => ` ETA ~${p.duration}` },
  'cli.sweep.result': {
    sv: (p) => `Svep ${p.sweepId} ${p.done ? 'klart' : 'avbrutet'}: ${num('sv', p.probed, 0)} av ${count('sv', p.urls, 'adress', 'adresser')} på ${count('sv', p.hosts, 'värd', 'värdar')} på ${p.duration} (${num('sv', p.rate)} adresser/s)`,
    en: (p) => `Sweep ${p.sweepId} ${p.done ? 'done' : 'interrupted'}: ${num('en', p.probed, 0)} of ${count('en', p.urls, 'URL', 'URLs')} on ${count('en', p.hosts, 'host', 'hosts')} in ${p.duration} (${num('en', p.rate)} URLs/s)`,
  },
  'cli.sweep.result.outcome': { sv: 'Utfall:', en: 'Outcome:' },
  'cli.sweep.result.outcome.ok': { sv: 'fungerar', en: 'ok' },
  'cli.sweep.result.outcome.failing': { sv: 'fungerar inte', en: 'failing' },
  'cli.sweep.result.outcome.unverified': { sv: 'kunde inte avgöras', en: 'could not be judged' },
  'cli.sweep.result.by-code': { sv: 'Per kod:', en: 'By code:' },
  'cli.sweep.result.transitions': {
    sv: (p) => `Nyss trasiga: ${num('sv', p.newlyBroken, 0)}   Lagade (fungerar igen): ${num('sv', p.healed, 0)}`,
    en: (p) => `Newly broken: ${num('en', p.newlyBroken, 0)}   Healed: ${num('en', p.healed, 0)}`,
  },
  'cli.validate.summary': {
    sv: 'kontrollera en fil med samma kontroller som innehållskontrollen (utan databas)',
    en: 'checks one file with the same checks as the content run (no database)',
  },
  'cli.validate.usage': {
    sv: 'Användning: datavakt validate [--json] [--schema FIL|URL|SPEC-URI] [--format csv|json|geojson] [--allow-private] [--error-limit N] FIL|URL',
    en: 'Usage: datavakt validate [--json] [--schema FILE|URL|SPEC-URI] [--format csv|json|geojson] [--allow-private] [--error-limit N] FILE|URL',
  },
  'cli.validate.help': {
    sv: 'Kontrollerar en fil innan den publiceras, med samma kontroller som innehållskontrollen\ngör på publicerade filer: teckenkodning, format, CSV-struktur och, med ett schema, att\nden följer specifikationen (Table Schema, CSVW eller JSON Schema).\n\n  --json            en rapport i JSON, i samma form som Frictionless\n  --schema S        schemafil, schemats URL eller specifikationens URI (dct:conformsTo)\n  --format F        vad filen uppges vara (som dct:format i katalogen): csv, json eller geojson\n  --allow-private   tillåt lokala och privata adresser (127.0.0.1, 10.x, ...)\n  --error-limit N   sluta efter N fel (standard 1000)\n\nSlutkod: 0 giltig, 1 ogiltig, 2 felaktigt anrop.',
    en: 'Checks a file before it is published, with the same checks the content run makes on\npublished files: encoding, format, CSV structure and, given a schema, that it follows\nthe specification (Table Schema, CSVW or JSON Schema).\n\n  --json            a report in JSON, in the shape Frictionless uses\n  --schema S        schema file, the schema\'s URL or the specification\'s URI (dct:conformsTo)\n  --format F        what the file is said to be (as dct:format in the catalogue): csv, json or geojson\n  --allow-private   allow local and private addresses (127.0.0.1, 10.x, ...)\n  --error-limit N   stop after N errors (default 1000)\n\nExit code: 0 valid, 1 invalid, 2 a usage error.',
  },
  'cli.demo.summary': {
    sv: (p) => `startar den simulerade regionen (${p.region}) och visar datavakt i arbete`,
    en: (p) => `starts the simulated region (${p.region}) and shows datavakt at work`,
  },
  'cli.demo.usage': {
    sv: 'Användning: datavakt demo [--port N] [--days N] [--seed N] [--size N] [--hosts N] [--data-dir KATALOG] [--keep] [--no-serve]\n            datavakt demo --world-only [--seed N] [--size N] [--hosts N] [--day N] [--epoch DATUM] [--port N] [--truth FIL [--truth-days N]]',
    en: 'Usage: datavakt demo [--port N] [--days N] [--seed N] [--size N] [--hosts N] [--data-dir DIR] [--keep] [--no-serve]\n       datavakt demo --world-only [--seed N] [--size N] [--hosts N] [--day N] [--epoch DATE] [--port N] [--truth FILE [--truth-days N]]',
  },
  'cli.demo.help': {
    sv: (p) =>
      `Utan --world-only gör demot hela jobbet utan förberedelser: startar en simulerad region\n(${p.region}s 49 kommuner och regionen, med verklighetens fel) på loopback, skördar\ndess kataloger, kontrollerar tillgänglighet och innehåll för varje simulerad dag, räknar\npoäng och visar översikten i webbläsaren. Ingen PostgreSQL och inget nätverk behövs.\n\n  --port N          webbserverns port (standard 8080; 0 = valfri ledig)\n  --days N          antal simulerade dagar (standard 3, så att "trasig efter 24 timmar" syns)\n  --seed N          frö för generatorn (standard 1); samma frö ger samma värld\n  --size N          antal distributioner (standard ${p.size})\n  --hosts N         antal filvärdar som svarar (standard en per ${p.perHost} distributioner, minst ${p.minHosts}:\n                    ${p.hosts} vid standardstorleken, och ${p.dead} till där ingen lyssnar; högst 10000)\n  --data-dir KAT    spara databasen i KAT och låt den ligga kvar (även DATAVAKT_DATA_DIR);\n                    annars används en tillfällig katalog som tas bort när demot avslutas\n  --keep            behåll den tillfälliga databasen\n  --no-serve        avsluta efter kontrollerna i stället för att visa översikten\n\n  --world-only      starta bara den simulerade regionen (katalogerna, specifikationerna och\n                    filvärdarna på 127.0.x.y) och servera den tills du trycker Ctrl-C\n  --day N           simulerad dag att starta på (standard 0)\n  --epoch DATUM     kalenderdatum för dag 0, ÅÅÅÅ-MM-DD (standard 2026-01-01)\n  --port N          med --world-only: porten alla världens värdar lyssnar på\n                    (standard: en ledig port); samma som --world-port\n  --truth FIL       skriv facit (ground truth, JSON Lines) för dagen till FIL\n  --truth-days N    ta med N dagar i facit, från startdagen (standard 1)`,
    en: (p) =>
      `Without --world-only the demo does the whole job with no preparation: starts a simulated\nregion (the 49 municipalities of ${p.region} and the region, with real-world defects)\non loopback, harvests its catalogues, checks availability and content for each simulated\nday, computes scores and shows the overview in the browser. No PostgreSQL and no network needed.\n\n  --port N          port of the web server (default 8080; 0 = any free port)\n  --days N          simulated days (default 3, so that "broken after 24 hours" shows)\n  --seed N          seed of the generator (default 1); the same seed gives the same world\n  --size N          number of distributions (default ${p.size})\n  --hosts N         file hosts that answer (default one per ${p.perHost} distributions, at least ${p.minHosts}:\n                    ${p.hosts} at the default size, and ${p.dead} more where nobody listens; at most 10000)\n  --data-dir DIR    keep the database in DIR and leave it there (also DATAVAKT_DATA_DIR);\n                    otherwise a temporary folder is used and removed when the demo ends\n  --keep            keep the temporary database\n  --no-serve        stop after the checks instead of showing the overview\n\n  --world-only      start only the simulated region (catalogues, specifications and file\n                    hosts on 127.0.x.y) and serve it until you press Ctrl-C\n  --day N           simulated day to start on (default 0)\n  --epoch DATE      calendar date of day 0, YYYY-MM-DD (default 2026-01-01)\n  --port N          with --world-only: the port all of the world's hosts listen on\n                    (default: a free port); same as --world-port\n  --truth FILE      write the ground truth (JSON Lines) for the day to FILE\n  --truth-days N    include N days in the ground truth, from the start day (default 1)`,
  },
} as const satisfies Record<string, Message>
