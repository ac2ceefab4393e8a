export const summary = '(under uppbyggnad)'

/** `datavakt demo`: not built yet. */
export async function run(_args: string[]): Promise<number> {
  console.error('datavakt demo: inte byggt ännu')
  return 2
}
