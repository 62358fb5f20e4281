import type { ESLint } from 'eslint'

/** The kit's import-layering rule (`layers/imports`); see layers.js. */
export declare const layers: ESLint.Plugin
