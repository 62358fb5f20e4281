import { defineAsyncComponent } from 'vue'

export { default as AuthUserBadge } from './AuthUserBadge.vue'
export { safeReturnTo } from './return-to.ts'
export { signInError } from './sign-in-errors.ts'
export { useRequireSignIn } from './useRequireSignIn.ts'
export type { SignInOutcome } from './useRequireSignIn.ts'
export { useSignIn } from './useSignIn.ts'

/** Rendered by App.vue for snapshot-mode visitors only; loads on demand. */
export const SnapshotUserNotice = defineAsyncComponent(() => import('./SnapshotUserNotice.vue'))
