/**
 * Tables of the availability part (probes, host queue). Owned by the availability
 * work; created by migrations/0002-availability.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AvailabilityTables {}
