/** An L2 address argument: 0x and 40 hex characters, to 20 bytes. */
import { BridgeUserError } from './errors.ts'

export function parseL2Address(text: string, flag: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw new BridgeUserError(`${flag} must be an L2 address (0x and 40 hex characters), got ${JSON.stringify(text)}`)
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'))
}

/** A 32-byte hash argument (0x and 64 hex characters). */
export function parseHash32(text: string, flag: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw new BridgeUserError(`${flag} must be 0x and 64 hex characters, got ${JSON.stringify(text)}`)
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'))
}
