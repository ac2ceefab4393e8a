import { count } from '../format.js'
import { defineMessages } from '../message.js'

/** Texts of the simulated region and `datavakt demo`, keyed by a stable dotted key starting with "demo.". */
export const demoMessages = defineMessages('demo', {
  'demo.error.world-only-flag': { sv: (p) => `${p.option} hör till --world-only`, en: (p) => `${p.option} belongs to --world-only` },
  'demo.error.full-demo-flag': { sv: (p) => `${p.option} hör till hela demot, inte --world-only`, en: (p) => `${p.option} belongs to the full demo, not --world-only` },
  'demo.error.epoch': { sv: (p) => `--epoch ska vara ett datum ÅÅÅÅ-MM-DD, inte "${p.value}"`, en: (p) => `--epoch must be a date YYYY-MM-DD, not "${p.value}"` },
  'demo.error.world-epoch': { sv: (p) => `ogiltigt epoch-datum: ${p.value}`, en: (p) => `invalid epoch date: ${p.value}` },
  'demo.error.world-too-many-hosts': { sv: (p) => `för många värdar för en port per värd: ${p.n}`, en: (p) => `too many hosts for one port per host: ${p.n}` },
  'demo.error.world-cannot-start': { sv: 'kunde inte starta den simulerade världen på loopback', en: 'could not start the simulated world on loopback' },

  'demo.day': { sv: (p) => `dag ${p.day}/${p.days} (${p.date})`, en: (p) => `day ${p.day}/${p.days} (${p.date})` },
  'demo.step.world': { sv: (p) => `1/5 Simulerad region igång: ${p.organisations} organisationer, ${p.datasets} datamängder, ${p.distributions} distributioner på ${p.hosts} värdar som svarar och ${p.dead} där ingen lyssnar (127.0.x.y) — ${p.took}`, en: (p) => `1/5 Simulated region up: ${p.organisations} organisations, ${p.datasets} datasets, ${p.distributions} distributions on ${p.hosts} hosts that answer and ${p.dead} where nobody listens (127.0.x.y) — ${p.took}` },
  'demo.step.database': { sv: (p) => `   Databas: inbäddad PGlite i ${p.dir}`, en: (p) => `   Database: embedded PGlite in ${p.dir}` },
  'demo.step.database-temporary': { sv: (p) => `   Databas: inbäddad PGlite i ${p.dir} (tas bort när demot avslutas; --keep behåller den)`, en: (p) => `   Database: embedded PGlite in ${p.dir} (removed when the demo ends; --keep keeps it)` },
  'demo.step.database-kept': { sv: (p) => `   Databas: inbäddad PGlite i ${p.dir} (behålls, --keep)`, en: (p) => `   Database: embedded PGlite in ${p.dir} (kept, --keep)` },
  'demo.step.harvest': { sv: (p) => `2/5 Skördat ${p.ok}/${p.catalogues} kataloger, ${p.datasets} datamängder — ${p.took}`, en: (p) => `2/5 Harvested ${p.ok}/${p.catalogues} catalogues, ${p.datasets} datasets — ${p.took}` },
  'demo.progress.availability': { sv: (p) => `${p.label}: tillgänglighet ${p.done}/${p.total} adresser`, en: (p) => `${p.label}: availability ${p.done}/${p.total} URLs` },
  'demo.step.availability': { sv: (p) => `3/5 ${p.label}: tillgänglighet för ${p.probed} adresser på ${p.hosts} värdar (${p.ok} fungerar, ${p.failing} fungerar inte, ${p.unverified} oklara` + `${p.broken ? `; ${p.broken} nya trasiga` : ''}${p.healed ? `; ${p.healed} lagade` : ''}) — ${p.took}`, en: (p) => `3/5 ${p.label}: availability of ${p.probed} URLs on ${p.hosts} hosts (${p.ok} ok, ${p.failing} failing, ${p.unverified} unverified` + `${p.broken ? `; ${p.broken} newly broken` : ''}${p.healed ? `; ${p.healed} healed` : ''}) — ${p.took}` },
  'demo.progress.content': { sv: (p) => `${p.label}: innehåll ${p.done}/${p.total} filer kontrollerade`, en: (p) => `${p.label}: content ${p.done}/${p.total} files checked` },
  'demo.step.content': { sv: (p) => `4/5 ${p.label}: innehåll — ${count('sv', p.n, 'fil', 'filer')} hämtade, ${p.notModified} oförändrade (304), ${p.failed} gick inte att hämta; ${p.results} kontrollresultat — ${p.took}`, en: (p) => `4/5 ${p.label}: content — ${count('en', p.n, 'file', 'files')} downloaded, ${p.notModified} unchanged (304), ${p.failed} could not be fetched; ${p.results} check results — ${p.took}` },
  'demo.step.scores': { sv: (p) => `5/5 ${p.label}: poäng beräknade, regionen ${p.score}/100 — ${p.took}`, en: (p) => `5/5 ${p.label}: scores computed, the region ${p.score}/100 — ${p.took}` },
  'demo.step.alerts': { sv: (p) => `   ${p.label}: ${p.queued} e-brev köade, ${p.written} skrivna som .eml — ${p.took}`, en: (p) => `   ${p.label}: ${p.queued} e-mails queued, ${p.written} written as .eml — ${p.took}` },
  'demo.step.mail': { sv: (p) => `E-brev som en publicist, en följare och regionens team skulle ha fått (${p.n} .eml-filer, också på /admin/outbox):`, en: (p) => `E-mails a publisher, a follower and the regional team would have received (${p.n} .eml files, also at /admin/outbox):` },
  'demo.done': { sv: (p) => `Klart på ${p.seconds} s.`, en: (p) => `Done in ${p.seconds} s.` },
  'demo.done-serving': { sv: (p) => `Klart på ${p.seconds} s. Översikten finns på:`, en: (p) => `Done in ${p.seconds} s. The overview is at:` },
  'demo.ctrl-c': { sv: '(Ctrl-C avslutar; all trafik stannade på loopback.)', en: '(Ctrl-C quits; all traffic stayed on loopback.)' },

  'demo.world.running': { sv: (p) => `Den simulerade regionen är igång (frö ${p.seed}, dag ${p.day}, ${p.distributions} distributioner i ${p.datasets} datamängder, start ${p.ms} ms).`, en: (p) => `The simulated region is up (seed ${p.seed}, day ${p.day}, ${p.distributions} distributions in ${p.datasets} datasets, start ${p.ms} ms).` },
  'demo.world.index': { sv: (p) => `Index: ${p.url}`, en: (p) => `Index: ${p.url}` },
  'demo.world.catalogues': { sv: 'Kataloger (DCAT-AP-SE, RDF/XML):', en: 'Catalogues (DCAT-AP-SE, RDF/XML):' },
  'demo.world.specs': { sv: 'Specifikationer (CSVW schema.json):', en: 'Specifications (CSVW schema.json):' },
  'demo.world.hosts': { sv: (p) => `Filvärdar: ${p.live} som svarar, ${p.dead} där ingen lyssnar (anslutning nekas).`, en: (p) => `File hosts: ${p.live} that answer, ${p.dead} where nobody listens (connection refused).` },
  'demo.world.host': { sv: (p) => count('sv', p.n, 'distribution', 'distributioner'), en: (p) => count('en', p.n, 'distribution', 'distributions') },
  'demo.world.host-dead': { sv: (p) => `${count('sv', p.n, 'distribution', 'distributioner')} (ingen lyssnar)`, en: (p) => `${count('en', p.n, 'distribution', 'distributions')} (nobody listens)` },
  'demo.world.more-hosts': { sv: (p) => `… och ${p.n} till`, en: (p) => `… and ${p.n} more` },
  'demo.world.truth': { sv: (p) => `Facit för ${p.from === p.to ? `dag ${p.from}` : `dag ${p.from}–${p.to}`} skrivet till ${p.file}`, en: (p) => `Ground truth for ${p.from === p.to ? `day ${p.from}` : `days ${p.from}–${p.to}`} written to ${p.file}` },
  'demo.world.loopback': { sv: 'All trafik stannar på loopback (127.0.0.0/8). Tryck Ctrl-C för att avsluta.', en: 'All traffic stays on loopback (127.0.0.0/8). Press Ctrl-C to quit.' },
  'demo.world.closing': { sv: (p) => `Stänger världen (${p.requests} förfrågningar besvarade).`, en: (p) => `Closing the world (${p.requests} requests answered).` },
})
