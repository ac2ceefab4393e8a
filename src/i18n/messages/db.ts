import { defineMessages } from '../message.js'

/** Texts of the database: opening, locking, migrating, keyed by a stable dotted key starting with "db.". */
export const dbMessages = defineMessages('db', {
  'db.data-dir-in-use': { sv: (p) => `Den inbäddade databasen i ${p.dir} används redan av process ${p.pid} (sedan ${p.since}). ` + `PGlite kan inte delas mellan processer: stoppa den processen, eller sätt DATABASE_URL för att använda PostgreSQL från flera processer.`, en: (p) => `The embedded database in ${p.dir} is already in use by process ${p.pid} (since ${p.since}). ` + `PGlite cannot be shared between processes: stop that process, or set DATABASE_URL to use PostgreSQL from several processes.` },
  'db.data-dir-open-in-process': { sv: (p) => `Den inbäddade databasen i ${p.dir} är redan öppen i den här processen.`, en: (p) => `The embedded database in ${p.dir} is already open in this process.` },
  'db.data-dir-unlockable': { sv: (p) => `Kunde inte låsa mappen ${p.dir}: låsfilen ${p.file} byts hela tiden ut av en annan process.`, en: (p) => `Could not lock the folder ${p.dir}: the lock file ${p.file} keeps being replaced by another process.` },
  'db.migration-failed': { sv: (p) => `Migreringen ${p.migration} misslyckades och rullades tillbaka: ${p.reason}`, en: (p) => `Migration ${p.migration} failed and was rolled back: ${p.reason}` },
  'db.closed-socket-write': { sv: 'En PostgreSQL-anslutning bröts medan något skulle skrivas på den (känt fel i postgres.js, porsager/postgres#1208). Skrivningen släpptes; frågan hade redan misslyckats och görs om.', en: 'A PostgreSQL connection closed while something was to be written on it (a known postgres.js defect, porsager/postgres#1208). The write was dropped; its query had already failed and is retried.' },
  'db.call-timed-out': { sv: (p) => `Databasen svarade inte på ${p.seconds} s (${p.what}); anslutningen kan ha brutits.`, en: (p) => `The database did not answer within ${p.seconds} s (${p.what}); the connection may have dropped.` },
})
