// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package (the layers) and the top
// frames, as shares of the samples. `tsx bench/lib/profile.ts <file.cpuprofile>` or from the bench.
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}

function packageOf(url: string): string {
  if (!url) return '(native/V8)'
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/')
  const nm = url.lastIndexOf('/node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/')
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url)
  }
  if (url.includes('/apps/api/')) return 'apps/api (own code)'
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/')
}

export function summariseProfile(file: string, top = 15): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] }
  const parent = new Map<number, ProfileNode>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const idle = new Set(['(idle)', '(program)'])
  const busy = profile.nodes.filter((n) => !idle.has(n.callFrame.functionName))
  const total = busy.reduce((s, n) => s + (n.hitCount ?? 0), 0)
  const byPackage = new Map<string, number>()
  const byFrame = new Map<string, number>()
  for (const n of busy) {
    const hits = n.hitCount ?? 0
    if (!hits) continue
    const { functionName, url, lineNumber } = n.callFrame
    // A native frame (writev, a crypto binding) counts for the nearest caller that has a script.
    let owner: ProfileNode | undefined = byId.get(n.id)
    while (owner && !owner.callFrame.url) owner = parent.get(owner.id)
    const pkg =
      functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(owner?.callFrame.url ?? '')
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits)
    const frame = `${functionName || '(anonymous)'} ${url ? `${packageOf(url)}:${lineNumber + 1}` : `(native, from ${pkg})`}`
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + hits)
  }
  const pct = (v: number) => `${((v * 100) / total).toFixed(1)}%`
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
  return [
    `self time by package, idle excluded (${total} samples; native frames count for their caller):`,
    ...sorted(byPackage).map(([k, v]) => `    ${pct(v).padStart(6)}  ${k}`),
    'top frames (self time):',
    ...sorted(byFrame).map(([k, v]) => `    ${pct(v).padStart(6)}  ${k}`),
  ]
}

if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) {
  process.stdout.write(`${summariseProfile(process.argv[2], Number(process.argv[3] ?? 25)).join('\n')}\n`)
}
