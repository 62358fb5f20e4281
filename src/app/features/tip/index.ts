export { getTips } from './tip.api.ts'
export { default as TipSection } from './TipSection.vue'
export { default as TipSheet } from './TipSheet.vue'
