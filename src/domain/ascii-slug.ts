/** A name as a lowercase ASCII id part: accents dropped (å → a), every other run of characters a single `-`, none at the ends. */
export function asciiSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
