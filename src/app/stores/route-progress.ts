import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Whether a route change is in flight; the bar only appears if it takes longer than a blink. */
export const useRouteProgressStore = defineStore('route-progress', () => {
  const active = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  const visible = ref(false)

  function start() {
    active.value = true
    clearTimeout(timer)
    timer = setTimeout(() => {
      visible.value = active.value
    }, 120)
  }
  function done() {
    active.value = false
    clearTimeout(timer)
    visible.value = false
  }
  return { active, visible, start, done }
})
