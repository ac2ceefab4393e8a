/**
 * The URL datavakt probes and checks for a distribution: its download URL, else its
 * access URL. The one statement of the rule in TypeScript; `probedUrlOf` in
 * src/db/probed-url.ts is the same rule as SQL, for queries that select or compare by it.
 */
export function probedUrl(downloadUrl: string | null | undefined, accessUrl: string | null | undefined): string | null {
  return downloadUrl ?? accessUrl ?? null
}
