export const summary = '(under uppbyggnad)'

/** `datavakt harvest`: not built yet. */
export async function run(_args: string[]): Promise<number> {
  console.error('datavakt harvest: inte byggt ännu')
  return 2
}
