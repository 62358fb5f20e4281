import { dirname, relative, resolve, sep } from 'node:path'

/**
 * The layering the README states, enforced on every import (a violation fails `npm run lint`):
 * - `src/shared` (the contract) imports nothing of ours outside itself;
 * - the SPA (`src/app`) and the API (`src/server`) never import each other;
 * - production code (`src/app`, `src/server`, `src/shared`) never imports the simulator, and the
 *   simulator, which plays WeChat, knows nothing of the kit but the shared contract;
 * - a feature (`src/app/features/<name>`) is entered only through its `index.ts`;
 * - followers' pages never import the operator console (`src/console`, once it exists);
 * - the SPA imports the shared contract one way: `@shared/…` (the server, which has no alias, by path).
 * Paths are resolved (relative specifiers and the `@app`/`@shared` aliases), so
 * `../../plugins/app/x` inside the server is not mistaken for the SPA.
 */
const ROOT = resolve(import.meta.dirname, '..')
const ALIASES = { '@app/': 'src/app/', '@shared/': 'src/shared/' }

function areaOf(path) {
  const rel = relative(ROOT, path).split(sep).join('/')
  const m = /^src\/(app|server|shared|simulator|console)\//.exec(rel)
  return { rel, area: m ? m[1] : null }
}

function resolveSpecifier(specifier, fromFile) {
  for (const [prefix, target] of Object.entries(ALIASES)) {
    if (specifier.startsWith(prefix))
      return resolve(ROOT, target, specifier.slice(prefix.length))
  }
  if (specifier.startsWith('.'))
    return resolve(dirname(fromFile), specifier)
  return null
}

const FORBIDDEN = {
  shared: new Set(['app', 'server', 'simulator', 'console']),
  app: new Set(['server', 'simulator', 'console']),
  server: new Set(['app', 'simulator', 'console']),
  simulator: new Set(['app', 'server', 'console']),
  console: new Set(['server', 'simulator']),
}

function featureOf(rel) {
  const m = /^src\/app\/features\/([^/]+)\/(.+)$/.exec(rel)
  return m ? { name: m[1], file: m[2] } : null
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports within the layering the README states' },
    schema: [],
    messages: {
      layer: '{{from}} must not import {{to}} ({{why}}).',
      feature: 'Enter feature "{{name}}" through its index.ts, not {{file}}.',
      alias: 'Import the shared contract as @shared/…, not by a relative path.',
    },
  },
  create(context) {
    const file = context.filename
    const from = areaOf(file)
    if (!from.area)
      return {}
    function check(node, specifier) {
      if (typeof specifier !== 'string')
        return
      const target = resolveSpecifier(specifier, file)
      if (!target)
        return
      const to = areaOf(target)
      if ((from.area === 'app' || from.area === 'console') && to.area === 'shared' && specifier.startsWith('.')) {
        context.report({ node, messageId: 'alias' })
        return
      }
      if (to.area && to.area !== from.area && FORBIDDEN[from.area]?.has(to.area)) {
        const why = from.area === 'shared' ? 'the shared contract imports nothing local' : `${from.area} and ${to.area} are separate layers`
        context.report({ node, messageId: 'layer', data: { from: `src/${from.area}`, to: `src/${to.area}`, why } })
        return
      }
      const feature = featureOf(to.rel)
      if (feature && !/^index\.ts$/.test(feature.file) && featureOf(from.rel)?.name !== feature.name)
        context.report({ node, messageId: 'feature', data: { name: feature.name, file: feature.file } })
    }
    return {
      ImportDeclaration: node => check(node.source, node.source.value),
      ExportNamedDeclaration: node => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: node => check(node.source, node.source.value),
      ImportExpression: node => node.source.type === 'Literal' && check(node.source, node.source.value),
    }
  },
}

export const layers = { rules: { imports: rule } }
