import type { ToastOptions } from 'vant'
import type { AppModule } from '../types/app-module.ts'
import { setToastDefaultOptions } from 'vant'

/**
 * Vant renders a toast as an unnamed `role="dialog"`; a toast is a status message, announced
 * without taking focus. Extra options fall through to the toast's element.
 */
export const install: AppModule = () => {
  setToastDefaultOptions({ 'role': 'status', 'aria-live': 'polite', 'tabindex': -1 } as ToastOptions)
}
