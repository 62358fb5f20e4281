import { usePlatform } from '../../platform/services.ts'
import { useWeChat } from '../../platform/wechat/index.ts'
import { useOpenInWeChatGuideStore } from '../../stores/open-in-wechat-guide.ts'
import { useSessionStore } from '../../stores/session.ts'

/**
 * Sign in with nothing to resume ("已是会员？登录后阅读"): a member on a new phone gets back what
 * they paid for without tapping a price. WeChat OAuth brings them back to the same page.
 */
export function useSignIn() {
  const session = useSessionStore()
  const { location } = usePlatform()
  const wechat = useWeChat()
  const guide = useOpenInWeChatGuideStore()

  function signIn(): 'redirecting' | 'needs-wechat' {
    // WeChat OAuth only works inside WeChat.
    if (!wechat.isSupported) {
      guide.open()
      return 'needs-wechat'
    }
    session.signIn(location.fullPath)
    return 'redirecting'
  }

  return { signIn }
}
