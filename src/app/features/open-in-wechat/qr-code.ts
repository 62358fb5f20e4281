/** A QR code image of `text`; `qrcode` loads on first use, so it stays out of the first-load bundle. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const { toDataURL } = await import('qrcode')
  return toDataURL(text, { margin: 1, width: 360, errorCorrectionLevel: 'M' })
}
