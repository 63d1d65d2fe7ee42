/**
 * The two JSON-RPC value encodings: quantities (`0x` + minimal lower-case hex) and data (`0x` + two
 * hex digits per byte). Everything inside the node is bigint / Uint8Array; these are the only
 * conversions to the wire.
 */
import { bytesToHex } from '@ethereumjs/util'

export function toQuantity(value: bigint | number): string {
  return `0x${value.toString(16)}`
}

export function toData(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}
