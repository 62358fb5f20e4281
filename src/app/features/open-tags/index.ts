export { default as WxOpenLaunchWeapp } from './WxOpenLaunchWeapp.vue'
export { default as WxOpenSubscribe } from './WxOpenSubscribe.vue'
