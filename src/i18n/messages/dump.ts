import { count, num } from '../format.js'
import { defineMessages } from '../message.js'

/**
 * Texts of the portable dump (`datavakt export` / `datavakt import`, src/db/dump-*.ts):
 * progress, and what is wrong with a dump or its target, naming the table and the line.
 */
export const dumpMessages = defineMessages('dump', {
  'dump.table-progress': { sv: (p) => `  ${p.table}: ${num('sv', Number(p.rows), 0)} rader ...`, en: (p) => `  ${p.table}: ${num('en', Number(p.rows), 0)} rows ...` },
  'dump.table-done': { sv: (p) => `  ${p.table}: ${count('sv', p.rows, 'rad', 'rader')}`, en: (p) => `  ${p.table}: ${count('en', p.rows, 'row', 'rows')}` },
  'dump.exporting': { sv: (p) => `Exporterar databasen (${p.kind}, ${p.location}) till ${p.file} ...`, en: (p) => `Exporting the database (${p.kind}, ${p.location}) to ${p.file} ...` },
  'dump.exported': { sv: (p) => `Klart: ${count('sv', p.tables, 'tabell', 'tabeller')} och ${count('sv', p.rows, 'rad', 'rader')} exporterade, på migreringsnivå ${p.migration}.`, en: (p) => `Done: ${count('en', p.tables, 'table', 'tables')} and ${count('en', p.rows, 'row', 'rows')} exported, at migration level ${p.migration}.` },
  'dump.importing': { sv: (p) => `Importerar ${p.file} till databasen (${p.kind}, ${p.location}) ...`, en: (p) => `Importing ${p.file} into the database (${p.kind}, ${p.location}) ...` },
  'dump.imported': { sv: (p) => `Klart: ${count('sv', p.tables, 'tabell', 'tabeller')} och ${count('sv', p.rows, 'rad', 'rader')} importerade (migreringsnivå ${p.migration}, sedan uppdaterad till den senaste).`, en: (p) => `Done: ${count('en', p.tables, 'table', 'tables')} and ${count('en', p.rows, 'row', 'rows')} imported (migration level ${p.migration}, then brought up to date).` },
  'dump.file-missing': { sv: (p) => `--file ${p.path}: filen finns inte. Ange filen som datavakt export skrev, eller - för standard in.`, en: (p) => `--file ${p.path}: no such file. Give the file that datavakt export wrote, or - for standard input.` },
  'dump.no-database': { sv: (p) => `Det finns ingen inbäddad databas i ${p.dir}. Ange mappen med DATAVAKT_DATA_DIR (eller dataDir i konfigurationen), eller PostgreSQL med DATABASE_URL.`, en: (p) => `There is no embedded database in ${p.dir}. Name its folder with DATAVAKT_DATA_DIR (or dataDir in the configuration), or PostgreSQL with DATABASE_URL.` },
  'dump.no-schema': { sv: 'Databasen har inget schema att exportera: kör datavakt migrate först, eller kontrollera DATABASE_URL och dataDir.', en: 'The database has no schema to export: run datavakt migrate first, or check DATABASE_URL and dataDir.' },
  'dump.not-a-dump': { sv: (p) => `Rad ${p.line} är inte början på en datavakt-export. Ange filen som datavakt export skrev.`, en: (p) => `Line ${p.line} is not the start of a datavakt export. Give the file that datavakt export wrote.` },
  'dump.format': { sv: (p) => `Exporten har format ${p.format}, men den här versionen av datavakt läser format ${p.supported}. Exportera igen med samma version.`, en: (p) => `The export has format ${p.format}, but this version of datavakt reads format ${p.supported}. Export again with the same version.` },
  'dump.unknown-migration': { sv: (p) => `Exporten kommer från en nyare datavakt (migreringsnivå ${p.migration}). Uppdatera datavakt innan du importerar.`, en: (p) => `The export comes from a newer datavakt (migration level ${p.migration}). Update datavakt before importing.` },
  'dump.not-empty': { sv: (p) => `Måldatabasen är inte tom (tabellen ${p.table} har rader). Importera till en tom databas, eller ange --replace för att tömma den först.`, en: (p) => `The target database is not empty (table ${p.table} has rows). Import into an empty database, or give --replace to empty it first.` },
  'dump.bad-line': { sv: (p) => `Rad ${p.line} i exporten går inte att läsa. Filen är skadad: exportera igen.`, en: (p) => `Line ${p.line} of the export cannot be read. The file is damaged: export again.` },
  'dump.unknown-table': { sv: (p) => `Tabellen ${p.table} (rad ${p.line}) finns inte i måldatabasen på exportens migreringsnivå.`, en: (p) => `The table ${p.table} (line ${p.line}) does not exist in the target database at the export's migration level.` },
  'dump.columns-differ': { sv: (p) => `Tabellen ${p.table} (rad ${p.line}) har andra kolumner i exporten än i måldatabasen.`, en: (p) => `The table ${p.table} (line ${p.line}) has other columns in the export than in the target database.` },
  'dump.row-count': { sv: (p) => `Tabellen ${p.table} ska ha ${p.expected} rader enligt rad ${p.line}, men exporten har ${p.found}. Filen är skadad: exportera igen.`, en: (p) => `The table ${p.table} should have ${p.expected} rows by line ${p.line}, but the export has ${p.found}. The file is damaged: export again.` },
  'dump.truncated': { sv: (p) => `Exporten tar slut för tidigt (i tabellen ${p.table}). Ingenting importerades; exportera igen.`, en: (p) => `The export ends too early (in table ${p.table}). Nothing was imported; export again.` },
  'dump.bad-row': { sv: (p) => `Rad ${p.line} (tabellen ${p.table}) kunde inte sparas: ${p.reason}. Ingenting importerades.`, en: (p) => `Line ${p.line} (table ${p.table}) could not be stored: ${p.reason}. Nothing was imported.` },
})
