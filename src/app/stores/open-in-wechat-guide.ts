import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Whether the "请在微信中打开" guide is showing; any feature may open it. */
export const useOpenInWeChatGuideStore = defineStore('open-in-wechat', () => {
  const visible = ref(false)
  const open = () => {
    visible.value = true
  }
  const close = () => {
    visible.value = false
  }
  return { visible, open, close }
})
