export const summary = '(under uppbyggnad)'

/** `datavakt sweep`: not built yet. */
export async function run(_args: string[]): Promise<number> {
  console.error('datavakt sweep: inte byggt ännu')
  return 2
}
