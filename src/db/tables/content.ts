/**
 * Tables of the content-check and scoring part (check results, scores, rollups).
 * Created by migrations/0003-content.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContentTables {}
