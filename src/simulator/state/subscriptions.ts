// Followers, 订阅通知 consents and sent notices of the simulated account (protocol notes §10).
export interface SentNotice {
  msgId: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  at: number
}

export function createSubscriptionStore() {
  const following = new Map<string, boolean>()
  /** `${openid}\n${templateId}` → unused accepts (one message each). */
  const consents = new Map<string, number>()
  const sent: SentNotice[] = []
  const key = (openid: string, templateId: string) => `${openid}\n${templateId}`
  return {
    setFollowing: (openid: string, on: boolean) => void following.set(openid, on),
    isFollowing: (openid: string) => following.get(openid) === true,
    decide(openid: string, templateId: string, status: 'accept' | 'reject'): void {
      consents.set(key(openid, templateId), status === 'accept' ? (consents.get(key(openid, templateId)) ?? 0) + 1 : 0)
    },
    remaining: (openid: string, templateId: string) => consents.get(key(openid, templateId)) ?? 0,
    /** Uses one accept; false when none is left (bizsend then answers 43101). */
    take(openid: string, templateId: string): boolean {
      const n = consents.get(key(openid, templateId)) ?? 0
      if (n <= 0)
        return false
      consents.set(key(openid, templateId), n - 1)
      return true
    },
    record: (notice: SentNotice) => {
      sent.push(notice)
      // Bounded like every other store: the newest thousand are plenty for a dev panel.
      if (sent.length > 1000)
        sent.splice(0, sent.length - 1000)
    },
    sent: () => sent.slice(),
    clearSent: () => void sent.splice(0),
  }
}
export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>
