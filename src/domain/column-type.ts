/**
 * The type all of a column's non-empty values fit; `empty` when it has none. Made by the
 * column profile (src/content/column-profile.ts), stored with it, and carried by the
 * column findings' params (`from`, `to`), worded in src/i18n/messages/findings-columns.ts.
 */
export type ColumnType = 'empty' | 'boolean' | 'integer' | 'number' | 'date' | 'datetime' | 'string' | 'object' | 'array'
