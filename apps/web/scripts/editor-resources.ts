// The vendors' reference files, published by the SPA under /editeurs/ressources/ (linked from /editeurs):
// read from the repository at build time (and served as they are in `vite dev`), never copied by hand.
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'

const repo = new URL('../../../', import.meta.url)

/** Public name → file of the repository, and its media type. */
export const editorResources: Record<string, { file: string; type: string }> = {
  'guide-editeurs.md': { file: 'docs/guide-editeurs.md', type: 'text/markdown; charset=utf-8' },
  'formulaire-qf-xml.md': { file: 'docs/formulaire-qf-xml.md', type: 'text/markdown; charset=utf-8' },
  'kit-README.md': { file: 'packages/editor-kit/README.md', type: 'text/markdown; charset=utf-8' },
  'kit-CHANGELOG.md': { file: 'packages/editor-kit/CHANGELOG.md', type: 'text/markdown; charset=utf-8' },
  'formulaire-qf.schema.json': {
    file: 'packages/editor-kit/schema/formulaire-qf.schema.json',
    type: 'application/schema+json',
  },
  'webhook-event.schema.json': {
    file: 'packages/editor-kit/schema/webhook-event.schema.json',
    type: 'application/schema+json',
  },
  'formulaire-qf.xsd': { file: 'packages/editor-kit/schema/formulaire-qf.xsd', type: 'application/xml' },
}

export const editorResourcesPath = '/editeurs/ressources/'

const read = (name: string) => {
  const resource = editorResources[name]
  return resource ? readFileSync(new URL(resource.file, repo)) : undefined
}

function serve(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const path = (req.url ?? '').split('?')[0] ?? ''
  if (!path.startsWith(editorResourcesPath)) return next()
  const name = decodeURIComponent(path.slice(editorResourcesPath.length))
  const bytes = read(name)
  if (!bytes) return next()
  res.setHeader('content-type', editorResources[name]?.type ?? 'application/octet-stream')
  res.end(bytes)
}

export function editorResourcesPlugin(): Plugin {
  return {
    name: 'qf-editor-resources',
    configureServer(server) {
      server.middlewares.use(serve)
    },
    configurePreviewServer(server) {
      server.middlewares.use(serve)
    },
    generateBundle() {
      for (const [name, { file }] of Object.entries(editorResources))
        this.emitFile({
          type: 'asset',
          fileName: `${editorResourcesPath.slice(1)}${name}`,
          source: readFileSync(new URL(file, repo)),
        })
    },
  }
}
