import type { AppModule } from '../types/app-module.ts'
import { useRouteProgress } from '../stores/route-progress.ts'

/** Lazy pages load over weak mobile networks: show that something is happening. */
export const install: AppModule = ({ router }) => {
  router.beforeEach((to, from) => {
    if (to.path !== from.path)
      useRouteProgress().start()
  })
  router.afterEach(() => useRouteProgress().done())
  router.onError(() => useRouteProgress().done())
}
