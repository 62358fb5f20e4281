// Entry of dist/simulator/bridge.iife.js: reads window.__WXSIM_CONFIG__, set by an earlier
// script (a Playwright init script, or the dev server's injected <script>), and installs.
import type { Device } from './types'
import { installWeChatBridge } from './install'

interface WxSimConfig {
  simulatorOrigin?: string
  device?: Device
  fontSize?: number
}

const config = (window as Window & { __WXSIM_CONFIG__?: WxSimConfig }).__WXSIM_CONFIG__
if (!config?.simulatorOrigin)
  console.warn('[wxsim] window.__WXSIM_CONFIG__.simulatorOrigin is not set; WeChat bridge not installed')
else
  installWeChatBridge({ simulatorOrigin: config.simulatorOrigin, device: config.device, fontSize: config.fontSize })
