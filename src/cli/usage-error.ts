import { DatavaktError } from '../i18n/datavakt-error.js'

/**
 * A mistake in how a command was called: exit code 2, one line in the reader's language
 * (`describe(lang)`), followed by the command's usage.
 */
export class UsageError extends DatavaktError {
  override name = 'UsageError'
}
