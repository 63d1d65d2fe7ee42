/**
 * The message geth gives a reverted call: `execution reverted`, or `execution reverted: <reason>`
 * when the revert data is a Solidity `Error(string)` or `Panic(uint256)`.
 */

const errorSelector = '08c379a0'
const panicSelector = '4e487b71'

/** Solidity's panic codes and the words geth uses for them. */
const panicReasons = new Map<bigint, string>([
  [0x00n, 'generic panic'],
  [0x01n, 'assert(false)'],
  [0x11n, 'arithmetic underflow or overflow'],
  [0x12n, 'division or modulo by zero'],
  [0x21n, 'enum overflow'],
  [0x22n, 'invalid encoded storage byte array accessed'],
  [0x31n, 'out-of-bounds array access; popping on an empty array'],
  [0x32n, 'out-of-bounds access of an array or bytesN'],
  [0x41n, 'out of memory'],
  [0x51n, 'uninitialized function'],
])

/** `data` is lower-case 0x hex of the revert bytes. */
export function revertMessage(data: string): string {
  const reason = revertReason(data.slice(2))
  return reason === undefined ? 'execution reverted' : `execution reverted: ${reason}`
}

function revertReason(hex: string): string | undefined {
  const selector = hex.slice(0, 8)
  const body = hex.slice(8)
  if (selector === panicSelector && body.length === 64) {
    const code = BigInt(`0x${body}`)
    return panicReasons.get(code) ?? `unknown panic code: 0x${code.toString(16)}`
  }
  if (selector === errorSelector && body.length >= 128) {
    const offset = BigInt(`0x${body.slice(0, 64)}`)
    if (offset !== 32n) return undefined
    const length = BigInt(`0x${body.slice(64, 128)}`)
    const start = 128
    const end = start + Number(length) * 2
    if (length > BigInt(body.length) || end > body.length) return undefined
    const text = Buffer.from(body.slice(start, end), 'hex')
    const decoded = new TextDecoder('utf-8', { fatal: true })
    try {
      return decoded.decode(text)
    } catch {
      return undefined
    }
  }
  return undefined
}
