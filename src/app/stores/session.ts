import type { Me } from '@shared/schemas/me.ts'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { HttpError } from '../platform/http.ts'
import { usePlatform } from '../platform/services.ts'
import { getMe, loginUrl, postLogout } from './session.api.ts'

export type SessionStatus = 'unknown' | 'loading' | 'signed-in' | 'signed-out' | 'error'

/**
 * Set on this device while a session probably exists (sign-in started, or /api/me answered),
 * removed on a 401 or sign-out. The session cookie is HttpOnly, so this is the only hint the
 * page has before asking; it spares visitors who never signed in a 401 on every landing.
 */
const SESSION_HINT_KEY = 'kit:has-session'

/** Who is signed in. Pages render without it; actions that need it use features/auth. */
export const useSessionStore = defineStore('session', () => {
  const { http, location, local } = usePlatform()
  const me = ref<Me | null>(null)
  const status = ref<SessionStatus>('unknown')
  const isSignedIn = computed(() => me.value !== null)
  /** Snapshot-mode ("virtual") visitor: a fake identity that must never vote or pay. */
  const isSnapshot = computed(() => me.value?.isSnapshot === true)
  /** Raised when a snapshot visitor tries an action; SnapshotUserNotice shows it. */
  const snapshotNoticeOpen = ref(false)
  let inflight: Promise<Me | null> | undefined

  function fetchMe(): Promise<Me | null> {
    status.value = 'loading'
    inflight = getMe(http).then((user) => {
      me.value = user
      status.value = 'signed-in'
      local.set(SESSION_HINT_KEY, true)
      return user
    }, (err: unknown) => {
      me.value = null
      status.value = err instanceof HttpError && err.status === 401 ? 'signed-out' : 'error'
      if (status.value === 'signed-out')
        local.remove(SESSION_HINT_KEY)
      return null
    }).finally(() => {
      inflight = undefined
    })
    return inflight
  }

  /** The signed-in user, asking the server once per page load (or again after an error). */
  function ensureMe(): Promise<Me | null> {
    if (inflight)
      return inflight
    if (status.value === 'signed-in' || status.value === 'signed-out')
      return Promise.resolve(me.value)
    return fetchMe()
  }

  /**
   * On landing, for visitors this device saw signed in: loads who they are without waiting for
   * an action, so that a snapshot-mode visitor sees the notice on whatever page they open.
   * Anyone else is left alone (no request, no 401 in the console) until an action needs it.
   */
  function loadKnownSession(): Promise<Me | null> {
    if (local.get<boolean>(SESSION_HINT_KEY) !== true)
      return Promise.resolve(me.value)
    return ensureMe()
  }

  /** Leaves for WeChat OAuth; the server brings the follower back to `returnTo`. */
  function signIn(returnTo: string = location.fullPath) {
    local.set(SESSION_HINT_KEY, true)
    location.assign(loginUrl(returnTo))
  }

  async function signOut() {
    await postLogout(http)
    me.value = null
    status.value = 'signed-out'
    local.remove(SESSION_HINT_KEY)
  }

  return { me, status, isSignedIn, isSnapshot, snapshotNoticeOpen, fetchMe, ensureMe, loadKnownSession, signIn, signOut }
})
