import { resolve } from 'node:path'
import { Linter } from 'eslint'
import { describe, expect, it } from 'vitest'
import { layers } from '../../eslint/layers.js'

// The layering rule on scratch files: each row is an import that lint must refuse (or accept).
const linter = new Linter({ configType: 'flat' })
const config: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { ecmaVersion: 'latest' as const, sourceType: 'module' as const }, plugins: { layers }, rules: { 'layers/imports': 'error' } }]

function problems(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: resolve(file) }).map(m => m.message)
}

describe('layers/imports', () => {
  it.each([
    ['src/shared/schemas/x.ts', `import { a } from '../../server/app.ts'`, 'the shared contract imports nothing local'],
    ['src/shared/schemas/x.ts', `import { a } from '@app/router.ts'`, 'the shared contract imports nothing local'],
    ['src/app/pages/X.ts', `import { build } from '../../server/app.ts'`, 'app and server are separate layers'],
    ['src/server/routes/api/x.ts', `import { a } from '@app/site.ts'`, 'server and app are separate layers'],
    ['src/server/routes/api/x.ts', `import { a } from '../../../simulator/start.ts'`, 'server and simulator are separate layers'],
    ['src/app/modules/x.ts', `const m = import('../../simulator/bridge/index.ts')`, 'app and simulator are separate layers'],
    ['src/app/pages/X.ts', `import { a } from '../../console/pages/Queue.ts'`, 'app and console are separate layers'],
    ['src/app/pages/X.ts', `import { a } from '../features/pay/format.ts'`, 'Enter feature "pay" through its index.ts'],
    ['src/app/features/tip/x.ts', `export { a } from '../pay/pay.api.ts'`, 'Enter feature "pay" through its index.ts'],
    ['src/app/features/tip/x.ts', `import { A } from '../../../shared/schemas/me.ts'`, 'Import the shared contract as @shared/'],
  ])('refuses %s importing %s', (file, code, message) => {
    const found = problems(file, code)
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(message)
  })

  it.each([
    ['src/server/app.ts', `import { a } from './plugins/app/session.ts'`],
    ['src/server/routes/api/x.ts', `import { a } from '@shared/schemas/me.ts'`],
    ['src/app/pages/X.ts', `import { a } from '../features/pay/index.ts'`],
    ['src/app/features/pay/x.ts', `import { a } from './pay.api.ts'`],
    ['src/simulator/x.ts', `import { a } from '../shared/schemas/me.ts'`],
    ['scripts/dev.ts', `import { a } from '../src/simulator/start.ts'`],
  ])('accepts %s importing %s', (file, code) => {
    expect(problems(file, code)).toEqual([])
  })
})
