export const summary = '(under uppbyggnad)'

/** `datavakt worker`: not built yet. */
export async function run(_args: string[]): Promise<number> {
  console.error('datavakt worker: inte byggt ännu')
  return 2
}
