export const summary = '(under uppbyggnad)'

/** `datavakt check`: not built yet. */
export async function run(_args: string[]): Promise<number> {
  console.error('datavakt check: inte byggt ännu')
  return 2
}
