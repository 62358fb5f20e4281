import antfu from '@antfu/eslint-config'
import { layers } from './eslint/layers.js'

// One linter and formatter for every runtime (no Prettier).
export default antfu({
  vue: true,
  typescript: true,
  formatters: { css: true, html: true, markdown: false },
  ignores: ['dist/**', '.data/**', 'tests/fixtures/**', 'src/app/types/auto-imports.d.ts', 'src/app/types/components.d.ts', '**/*.md'],
}, {
  // Table-driven tests keep tiny arrange-act lambdas on one row.
  files: ['tests/**/*.ts'],
  rules: {
    'style/max-statements-per-line': ['error', { max: 3 }],
    // Titles name routes and protocols as written (`GET /healthz`, `JS-SDK`).
    'test/prefer-lowercase-title': 'off',
  },
}, {
  files: ['src/**/*.ts', 'src/**/*.vue'],
  plugins: { layers },
  rules: { 'layers/imports': 'error' },
}, {
  rules: {
    'no-console': 'off',
    'node/prefer-global/process': 'off',
    'node/prefer-global/buffer': 'off',
    // TypeBox's idiom: a schema and its static type share one name.
    'ts/no-redeclare': 'off',
  },
})
