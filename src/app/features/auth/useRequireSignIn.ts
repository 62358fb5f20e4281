import { usePlatform } from '../../platform/services.ts'
import { useWeChat } from '../../platform/wechat/index.ts'
import { useOpenInWeChatGuideStore } from '../../stores/open-in-wechat-guide.ts'
import { useSessionStore } from '../../stores/session.ts'
import { createPendingActions } from './pending-action.ts'

export type SignInOutcome
  = | 'ran' // signed in: the action ran
    | 'redirecting' // signed out: the action is saved and the follower is on the way to WeChat sign-in
    | 'refused' // snapshot-mode visitor: SnapshotUserNotice explains
    | 'needs-wechat' // outside WeChat: the open-in-WeChat guide is shown

/**
 * Lazy sign-in for one kind of action (`key`, e.g. `poll:vote`).
 *
 * `run(state, action)` runs `action(state)` when the follower is signed in. Otherwise it saves
 * `state` for this page and signs in; WeChat OAuth brings the follower back to the same URL,
 * where the page calls `resume(action)` (e.g. in onMounted) to restore the state and finish
 * the action. Snapshot-mode visitors are refused with the notice.
 */
export function useRequireSignIn<T>(key: string) {
  const session = useSessionStore()
  const { location, session: storage } = usePlatform()
  const wechat = useWeChat()
  const guide = useOpenInWeChatGuideStore()
  const pending = createPendingActions(storage)

  async function runSignedIn(state: T, action: (state: T) => unknown): Promise<'ran' | 'refused' | null> {
    const me = await session.ensureMe()
    if (me?.isSnapshot) {
      session.snapshotNoticeOpen = true
      return 'refused'
    }
    if (!me)
      return null
    await action(state)
    return 'ran'
  }

  async function run(state: T, action: (state: T) => unknown): Promise<SignInOutcome> {
    const outcome = await runSignedIn(state, action)
    if (outcome)
      return outcome
    // WeChat OAuth only works inside WeChat.
    if (!wechat.isSupported) {
      guide.open()
      return 'needs-wechat'
    }
    pending.save(key, location.pathname, state)
    session.signIn(location.fullPath)
    return 'redirecting'
  }

  /** After the sign-in round trip: the saved state (to show again), with the action done if signed in. */
  async function resume(action: (state: T) => unknown): Promise<T | undefined> {
    const state = pending.take<T>(key, location.pathname)
    if (state !== undefined)
      await runSignedIn(state, action)
    return state
  }

  return { run, resume }
}
