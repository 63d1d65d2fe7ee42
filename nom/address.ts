/** NoM addresses: 1 type byte + 19 core bytes, text form bech32 with hrp `z`. */
import type { Address } from './types.ts'
import { InvalidAddressError } from './errors.ts'
import { decodeFixedBech32, encodeBech32 } from './bech32.ts'
import { sha3 } from './hash.ts'

export const ADDRESS_LENGTH = 20
export const ADDRESS_HRP = 'z'
export const USER_ADDRESS_TYPE = 0x00
export const EMBEDDED_ADDRESS_TYPE = 0x01

/** 20 zero bytes, `z1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsggv2f`. */
export const ZERO_ADDRESS: Address = new Uint8Array(ADDRESS_LENGTH)

/** `0x00 || H(pub)[0..19]`. */
export function addressFromPublicKey(publicKey: Uint8Array): Address {
  const out = new Uint8Array(ADDRESS_LENGTH)
  out[0] = USER_ADDRESS_TYPE
  out.set(sha3(publicKey).subarray(0, ADDRESS_LENGTH - 1), 1)
  return out
}

/** Address of an empty public key: the genesis momentum's `producer`. */
export const EMPTY_PUBLIC_KEY_ADDRESS: Address = addressFromPublicKey(new Uint8Array(0))

/** Checks 20 bytes with a user (0x00) or embedded (0x01) type byte; returns the same bytes. */
export function checkAddressBytes(bytes: Uint8Array): Address {
  if (bytes.length !== ADDRESS_LENGTH) {
    throw new InvalidAddressError(`invalid address: wrong length ${bytes.length} bytes, expected ${ADDRESS_LENGTH}`)
  }
  const t = bytes[0]
  if (t !== USER_ADDRESS_TYPE && t !== EMBEDDED_ADDRESS_TYPE) {
    throw new InvalidAddressError(`invalid address: bad type byte 0x${t!.toString(16).padStart(2, '0')}, expected 0x00 (user) or 0x01 (embedded)`)
  }
  return bytes
}

/** Parses `z1…`; throws InvalidAddressError naming the broken rule. */
export function parseAddress(text: string): Address {
  const r = decodeFixedBech32(text, ADDRESS_HRP, ADDRESS_LENGTH)
  if (r.bytes === undefined) {
    const why = r.detail === undefined ? r.problem : `${r.problem} (${r.detail})`
    throw new InvalidAddressError(`invalid address ${JSON.stringify(text)}: ${why}`)
  }
  try {
    return checkAddressBytes(r.bytes)
  } catch (e) {
    throw new InvalidAddressError(`invalid address ${JSON.stringify(text)}: ${(e as Error).message.replace(/^invalid address: /, '')}`)
  }
}

export function formatAddress(a: Address): string {
  checkAddressBytes(a)
  return encodeBech32(ADDRESS_HRP, a)
}

export function isEmbeddedAddress(a: Address): boolean {
  return a.length === ADDRESS_LENGTH && a[0] === EMBEDDED_ADDRESS_TYPE
}

export function isUserAddress(a: Address): boolean {
  return a.length === ADDRESS_LENGTH && a[0] === USER_ADDRESS_TYPE
}
