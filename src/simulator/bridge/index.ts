// Public surface of the in-app browser half of the WeChat simulator (dev tooling and tests only;
// app code must never import the simulator).
export { DEVICE_STORAGE_KEY, installWeChatBridge } from './install'
export type { BridgeCall, ConfigRecord, Device, InstallOptions, ShareData, ShareRecord, WeixinJSBridgeLike, WxSimInspector } from './types'
export { PERSONA_UA } from './user-agent'
