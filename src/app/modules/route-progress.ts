import type { AppModule } from '../types/app-module.ts'
import { useRouteProgressStore } from '../stores/route-progress.ts'

/** Lazy pages load over weak mobile networks: show that something is happening. */
export const install: AppModule = ({ router }) => {
  router.beforeEach((to, from) => {
    if (to.path !== from.path)
      useRouteProgressStore().start()
  })
  router.afterEach(() => useRouteProgressStore().done())
  router.onError(() => useRouteProgressStore().done())
}
