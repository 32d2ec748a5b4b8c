/**
 * A file of `apps/api/data/` (reference lists copied into the repository with their licence). This
 * module sits one level below the package root both as a source (`src/data-files.ts`) and bundled
 * (`dist/server.js`), so the same relative URL works in both; the image copies `data/` next to `dist/`.
 */
export function dataFileUrl(name: string): URL {
  return new URL(`../data/${name}`, import.meta.url)
}
