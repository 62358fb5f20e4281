import type { Plugin } from 'vite'
import { buildBridgeBundle } from '../../../scripts/build-bridge.ts'

/**
 * Dev server only (`apply: 'serve'`): puts the WeixinJSBridge emulator first in
 * <head>, before any page script, so an ordinary browser tab behaves like
 * WeChat's webview. The production build never sees this plugin, so the
 * emulator cannot ship to followers (tests/e2e check the built files).
 */
export function wechatBridgeDevPlugin(options: { simulatorOrigin: string }): Plugin {
  let bundle: Promise<string> | undefined
  return {
    name: 'kit:wechat-bridge-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/__wxsim/bridge.js', (_req, res, next) => {
        bundle ??= buildBridgeBundle()
        bundle.then(async (path) => {
          const { readFile } = await import('node:fs/promises')
          res.setHeader('content-type', 'text/javascript; charset=utf-8')
          res.setHeader('cache-control', 'no-store')
          res.end(await readFile(path))
        }, next)
      })
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'script', injectTo: 'head-prepend', children: `window.__WXSIM_CONFIG__=${JSON.stringify({ simulatorOrigin: options.simulatorOrigin })}` },
        { tag: 'script', injectTo: 'head-prepend', attrs: { src: '/__wxsim/bridge.js' } },
      ],
    },
  }
}
