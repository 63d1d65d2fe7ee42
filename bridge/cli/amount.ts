/**
 * Decimal amounts as people type them ("10", "0.5", "1e-3" is not one) into base units of a token
 * with `decimals` decimals, exactly: no floating point, and more decimals than the token has is an
 * error rather than a silent rounding.
 */
import { BridgeUserError } from './errors.ts'

export function parseAmount(text: string, decimals: number, symbol: string): bigint {
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text)
  if (m === null) throw new BridgeUserError(`amount ${JSON.stringify(text)} is not a decimal number (e.g. 10 or 0.5)`)
  const whole = m[1]!
  const fraction = (m[2] ?? '').replace(/0+$/, '')
  if (fraction.length > decimals) {
    throw new BridgeUserError(`amount ${text} has too many decimals: ${symbol} has ${decimals} (smallest amount ${formatAmount(1n, decimals)})`)
  }
  const units = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0')
  if (units === 0n) throw new BridgeUserError(`amount must be more than 0`)
  return units
}

export function formatAmount(units: bigint, decimals: number): string {
  const negative = units < 0n
  const abs = negative ? -units : units
  const scale = 10n ** BigInt(decimals)
  const whole = abs / scale
  const fraction = decimals === 0 ? '' : (abs % scale).toString().padStart(decimals, '0').replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`
}
