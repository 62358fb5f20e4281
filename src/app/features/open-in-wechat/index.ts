import { defineAsyncComponent } from 'vue'

export { useOpenInWeChatGuide } from './open-in-wechat.store.ts'
/** Rendered once by App.vue; loads when first opened. */
export const OpenInWeChatGuide = defineAsyncComponent(() => import('./OpenInWeChatGuide.vue'))
