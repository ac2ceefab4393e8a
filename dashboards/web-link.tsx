/**
 * A harvested address as a link, only when it is a web address (http or https): anything
 * else a catalogue says (`javascript:`, `data:`, a typo) is shown as text, never followed.
 */
export function WebLink(props: { url: string }) {
  return isWebAddress(props.url) ? <a href={props.url}>{props.url}</a> : <code>{props.url}</code>
}

/** True for an absolute http(s) URL. */
export function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}
