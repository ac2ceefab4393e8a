/** A time as the pages show it: "2026-11-20 12:00" (UTC), the same in both languages; a dash for none. */
export function shownTime(at: Date | null): string {
  return at ? at.toISOString().slice(0, 16).replace('T', ' ') : '–'
}
