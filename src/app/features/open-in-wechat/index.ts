import { defineAsyncComponent } from 'vue'

/** Rendered once by App.vue; loads when first opened. */
export const OpenInWeChatGuide = defineAsyncComponent(() => import('./OpenInWeChatGuide.vue'))
