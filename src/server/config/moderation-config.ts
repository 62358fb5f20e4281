import type { ModerationConfig } from './config.ts'

/** MODERATION_PROVIDER and the variables of the chosen provider; off (`none`) by default. */
export function loadModerationConfig(get: (name: string) => string | undefined, report: (problem: string) => void): ModerationConfig {
  const provider = get('MODERATION_PROVIDER') ?? 'none'
  if (provider !== 'tencent')
    return { provider: 'none' }
  const secretId = get('TENCENTCLOUD_SECRET_ID')
  const secretKey = get('TENCENTCLOUD_SECRET_KEY')
  if (!secretId || !secretKey) {
    report('MODERATION_PROVIDER=tencent needs TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (a CAM key allowed to call TMS TextModeration)')
    return { provider: 'none' }
  }
  return {
    provider: 'tencent',
    tencent: {
      secretId,
      secretKey,
      region: get('TENCENTCLOUD_REGION') ?? 'ap-guangzhou',
      bizType: get('TENCENTCLOUD_TMS_BIZTYPE'),
      endpoint: (get('TENCENTCLOUD_TMS_ENDPOINT') ?? 'https://tms.tencentcloudapi.com').replace(/\/+$/, ''),
    },
  }
}
