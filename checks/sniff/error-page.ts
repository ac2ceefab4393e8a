/**
 * The soft-404 detector lives with the fetch engine (src/fetch/error-page.ts), which needs
 * it to judge a probe; the content checks use the same one.
 */
export { detectErrorPage } from '../../src/fetch/error-page.js'
