import { createRouter, createWebHistory } from 'vue-router'
import { routes } from './routes.ts'

/** History mode: clean URLs that survive WeChat's sharing (which drops `#…`). */
export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
