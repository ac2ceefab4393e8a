/** A mistake in how a command was called: exit code 2 and a one-line message. */
export class UsageError extends Error {
  override name = 'UsageError'
}
