/**
 * The version of the scoring model. Every stored score and rollup names it, so a change
 * to the model (weights, what counts) never silently mixes with older numbers: bump it
 * whenever `score-distribution.ts` or `aggregate-scores.ts` would give a different number
 * for the same check results. Format: YYYY-MM.N.
 *
 * 2026-12.1: the metadata dimension reads reachability from the availability verdict (a
 * 304, 206 or followed redirect is reachable; unknown is left out), MQA findings are
 * warnings, and the availability verdict is one finding per state (`availability-broken`,
 * `availability-degraded`) instead of the probe's code; reasons keep params, not words.
 * 2026-12.2: MQA's reachability indicators (access-url-status, download-url-status) cost
 * nothing in the metadata dimension; availability charges an unreachable file, so the
 * metadata score moves only when a catalogue changes.
 * 2026-12.3: a failing probe's own code is no longer a warning beside its state's finding
 * (a 404 cost twice and was listed twice).
 * 2026-12.4: HVD's "bulk download / endpoint does not answer" cost nothing in the metadata
 * dimension either (availability charges it; the metadata score moved with a file's state
 * and charged a 404 more than availability did), and a check whose findings cost nothing on
 * purpose no longer gets the synthetic `check-failed` / `check-warned` cost instead.
 */
export const SCORING_VERSION = '2026-12.4'
