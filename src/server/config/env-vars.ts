import { checkAesKey, checkFields, checkTemplateId, checkToken } from './events-config.ts'
import { parseTrustProxy } from './trust-proxy.ts'

/**
 * Every environment variable the API reads, with its rule and an example, so a
 * bad value stops start-up with one clear line per problem. `.env.example`
 * documents the same list for people.
 */
export interface EnvVar {
  name: string
  required: boolean
  example: string
  /** Returns a problem description, or null when the value is fine. */
  check?: (value: string) => string | null
}

function isOrigin(v: string) {
  try {
    const u = new URL(v)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === v.replace(/\/$/, '')
      ? null
      : 'must be an origin like scheme://host[:port] with no path'
  }
  catch { return 'must be an absolute URL' }
}
function isNotifyUrl(v: string) {
  try {
    const u = new URL(v)
    if (u.protocol !== 'https:' && u.protocol !== 'http:')
      return 'must be an https URL'
    return u.search === '' && u.hash === '' && !v.includes('?') && !v.includes('#') ? null : 'must not carry a query string or fragment'
  }
  catch { return 'must be an absolute URL' }
}
const perMinute = (v: string) => /^\d{1,6}$/.test(v) && Number(v) >= 1 ? null : 'must be a whole number of requests per minute, at least 1'
const megabytes = (v: string) => /^\d{1,5}$/.test(v) && Number(v) >= 1 ? null : 'must be a whole number of megabytes, at least 1'
const isPort = (v: string) => /^\d{1,5}$/.test(v) && Number(v) < 65536 ? null : 'must be a port number 0-65535'
const minLength = (n: number) => (v: string) => v.length >= n ? null : `must be at least ${n} characters`

export const ENV_VARS: EnvVar[] = [
  { name: 'PORT', required: false, example: '3000', check: isPort },
  { name: 'HOST', required: false, example: '127.0.0.1' },
  { name: 'PUBLIC_ORIGIN', required: true, example: 'https://h5.example.com', check: isOrigin },
  { name: 'WECHAT_APPID', required: true, example: 'wx1234567890abcdef', check: v => /^wx[0-9a-zA-Z]{16}$/.test(v) ? null : 'must be an Official Account AppID: "wx" followed by 16 letters or digits' },
  { name: 'WECHAT_APPSECRET', required: true, example: '32 hex characters from the MP console', check: v => /^[0-9a-z]{32}$/i.test(v) ? null : 'must be the 32-character AppSecret' },
  { name: 'WECHAT_OAUTH_ORIGIN', required: false, example: 'https://open.weixin.qq.com', check: isOrigin },
  { name: 'WECHAT_API_ORIGIN', required: false, example: 'https://api.weixin.qq.com', check: isOrigin },
  { name: 'WECHAT_OAUTH_SCOPE', required: false, example: 'snsapi_userinfo', check: v => ['snsapi_userinfo', 'snsapi_base'].includes(v) ? null : 'must be snsapi_userinfo or snsapi_base' },
  { name: 'JSSDK_EXTRA_HOSTS', required: false, example: 'm.example.com,www.example.com' },
  { name: 'WECHATPAY_API_ORIGIN', required: false, example: 'https://api.mch.weixin.qq.com', check: isOrigin },
  { name: 'WECHATPAY_MCHID', required: false, example: '1900007291', check: v => /^\d{8,12}$/.test(v) ? null : 'must be the numeric merchant id' },
  { name: 'WECHATPAY_CERT_SERIAL', required: false, example: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB', check: v => /^[0-9A-F]{8,64}$/i.test(v) ? null : 'must be the merchant certificate serial number (hex)' },
  { name: 'WECHATPAY_PRIVATE_KEY', required: false, example: './secrets/apiclient_key.pem' },
  { name: 'WECHATPAY_APIV3_KEY', required: false, example: '32 ASCII characters', check: v => Buffer.byteLength(v) === 32 ? null : 'must be exactly 32 bytes' },
  { name: 'WECHATPAY_PLATFORM_PUBLIC_KEY', required: false, example: './secrets/pub_key.pem' },
  { name: 'WECHATPAY_PLATFORM_PUBLIC_KEY_ID', required: false, example: 'PUB_KEY_ID_0000000000000024101100397200000006', check: minLength(8) },
  { name: 'WECHATPAY_PLATFORM_CERT', required: false, example: './secrets/wechatpay_cert.pem' },
  { name: 'WECHATPAY_PLATFORM_CERT_SERIAL', required: false, example: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', check: v => /^[0-9A-F]{8,64}$/i.test(v) ? null : 'must be the platform certificate serial number (hex)' },
  { name: 'WECHATPAY_NOTIFY_URL', required: false, example: 'https://h5.example.com/api/pay/notify', check: isNotifyUrl },
  { name: 'DATABASE_URL', required: false, example: 'postgres://user:pass@localhost:5432/wechat_kit', check: v => /^postgres(?:ql)?:\/\//.test(v) ? null : 'must start with postgres:// or postgresql://' },
  { name: 'DATABASE_POOL_SIZE', required: false, example: '10', check: v => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 200 ? null : 'must be a whole number of connections from 1 to 200' },
  { name: 'DATA_DIR', required: false, example: '.data' },
  { name: 'SESSION_SECRET', required: true, example: 'a random string of 32+ characters (openssl rand -hex 32)', check: minLength(32) },
  { name: 'ADMIN_TOKEN', required: false, example: 'a random string of 24+ characters', check: minLength(24) },
  { name: 'STATIC_DIR', required: false, example: 'dist/app' },
  { name: 'LOG_LEVEL', required: false, example: 'info', check: v => ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v) ? null : 'must be one of fatal, error, warn, info, debug, trace, silent' },
  { name: 'ANALYTICS_RETENTION_DAYS', required: false, example: '90', check: v => /^\d{1,5}$/.test(v) ? null : 'must be a whole number of days (0 keeps raw events forever)' },
  { name: 'MODERATION_PROVIDER', required: false, example: 'tencent', check: v => ['none', 'tencent'].includes(v) ? null : 'must be none or tencent' },
  { name: 'TENCENTCLOUD_SECRET_ID', required: false, example: 'AKID… (CAM key with TMS access)' },
  { name: 'TENCENTCLOUD_SECRET_KEY', required: false, example: 'the SecretKey of that CAM key' },
  { name: 'TENCENTCLOUD_REGION', required: false, example: 'ap-guangzhou', check: v => /^[a-z]+-[a-z]+$/.test(v) ? null : 'must be a region like ap-guangzhou' },
  { name: 'TENCENTCLOUD_TMS_BIZTYPE', required: false, example: 'comments_policy' },
  { name: 'TENCENTCLOUD_TMS_ENDPOINT', required: false, example: 'https://tms.tencentcloudapi.com', check: isOrigin },
  { name: 'MEDIA_STORE', required: false, example: 'disk', check: v => ['disk', 's3'].includes(v) ? null : 'must be disk or s3' },
  { name: 'MEDIA_DIR', required: false, example: '.data/media' },
  { name: 'MEDIA_MAX_IMAGE_MB', required: false, example: '10', check: megabytes },
  { name: 'MEDIA_MAX_AUDIO_MB', required: false, example: '50', check: megabytes },
  { name: 'MEDIA_MAX_VIDEO_MB', required: false, example: '200', check: megabytes },
  { name: 'S3_ENDPOINT', required: false, example: 'https://cos.ap-guangzhou.myqcloud.com', check: isOrigin },
  { name: 'S3_REGION', required: false, example: 'ap-guangzhou', check: v => /^[a-z0-9-]{2,40}$/.test(v) ? null : 'must be a region name like ap-guangzhou or us-east-1' },
  { name: 'S3_BUCKET', required: false, example: 'media-1250000000', check: v => /^[a-z0-9][a-z0-9.-]{1,62}$/.test(v) ? null : 'must be a bucket name (lower-case letters, digits, dots and hyphens)' },
  { name: 'S3_ACCESS_KEY_ID', required: false, example: 'AKID… (a key allowed to read and write the bucket)' },
  { name: 'S3_SECRET_ACCESS_KEY', required: false, example: 'the secret of that key' },
  { name: 'S3_FORCE_PATH_STYLE', required: false, example: 'false', check: v => ['true', 'false'].includes(v) ? null : 'must be true or false' },
  { name: 'S3_PREFIX', required: false, example: 'media/', check: v => /^[\w-]+(?:\/[\w-]+)*\/?$/.test(v) ? null : 'must be a folder path like media/ (letters, digits, - and _)' },
  { name: 'TRUST_PROXY', required: false, example: '1', check: v => parseTrustProxy(v).problem },
  { name: 'RATE_LIMIT_PER_MINUTE', required: false, example: '300', check: perMinute },
  { name: 'JSSDK_RATE_LIMIT_PER_MINUTE', required: false, example: '120', check: perMinute },
  { name: 'WECHAT_TOKEN', required: false, example: 'wxkitToken2026', check: checkToken },
  { name: 'WECHAT_ENCODING_AES_KEY', required: false, example: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', check: checkAesKey },
  { name: 'SERIES_SUBSCRIBE_TEMPLATE_ID', required: false, example: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', check: checkTemplateId },
  { name: 'SERIES_SUBSCRIBE_FIELDS', required: false, example: 'thing1:series,thing2:part,time3:published', check: checkFields },
]

/** Payments need all of these or none; a partial set is a mistake worth stopping for. */
export const PAY_GROUP = ['WECHATPAY_MCHID', 'WECHATPAY_CERT_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEY_ID']
/** Optional, as a pair: the platform certificate WeChat Pay may still sign with while switching to 微信支付公钥. */
export const PLATFORM_CERT_PAIR = ['WECHATPAY_PLATFORM_CERT', 'WECHATPAY_PLATFORM_CERT_SERIAL']
