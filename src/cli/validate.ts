export const summary = '(under uppbyggnad)'

/** `datavakt validate`: not built yet. */
export async function run(_args: string[]): Promise<number> {
  console.error('datavakt validate: inte byggt ännu')
  return 2
}
