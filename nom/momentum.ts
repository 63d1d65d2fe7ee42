/** Momentums: content hash and momentum hash (reference §3). */
import type { AccountHeader, Address, Hash, Momentum } from './types.ts'
import { EMPTY_PUBLIC_KEY_ADDRESS, addressFromPublicKey } from './address.ts'
import { concatBytes, sha3, u64be } from './hash.ts'

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/** The 60-byte content entry `address || u64be(height) || hash`. */
export function momentumContentEntry(h: AccountHeader): Uint8Array {
  if (h.address.length !== 20 || h.hash.length !== 32) throw new RangeError('momentum content entry needs a 20-byte address and 32-byte hash')
  return concatBytes(h.address, u64be(h.height), h.hash)
}

/** H(entries sorted ascending by their 60 bytes); H("") for empty content. */
export function momentumContentHash(content: readonly AccountHeader[]): Hash {
  const entries = content.map(momentumContentEntry).sort(compareBytes)
  return sha3(...entries)
}

/** Hash of a version-1 momentum; `contentHash` may be given when the content is not at hand. */
export function hashMomentum(m: Omit<Momentum, 'hash' | 'publicKey' | 'signature'>, contentHash?: Hash): Hash {
  if (m.version !== 1n) throw new RangeError(`momentum version ${m.version} is not supported (only 1)`)
  if (m.previousHash.length !== 32 || m.changesHash.length !== 32) throw new RangeError('momentum hashes must be 32 bytes')
  return sha3(
    u64be(m.version),
    u64be(m.chainIdentifier),
    m.previousHash,
    u64be(m.height),
    u64be(m.timestamp),
    sha3(m.data),
    contentHash ?? momentumContentHash(m.content),
    m.changesHash,
  )
}

/** The `producer` the RPC shows: address of the public key (genesis: of an empty key). */
export function momentumProducer(m: Pick<Momentum, 'publicKey'>): Address {
  return m.publicKey.length === 0 ? EMPTY_PUBLIC_KEY_ADDRESS : addressFromPublicKey(m.publicKey)
}
