/**
 * Ed25519 keys: raw 32-byte seeds, BIP-39 mnemonics derived by SLIP-0010 along m/44'/73404'/i'
 * (Syrius-compatible), pure ed25519 signatures (RFC 8032).
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import type { Address } from './types.ts'
import { addressFromPublicKey } from './address.ts'
import { KeyError } from './errors.ts'

export interface KeyPair {
  /** 32-byte ed25519 seed. */
  privateKey: Uint8Array
  publicKey: Uint8Array
  address: Address
}

export const ZENON_COIN_TYPE = 73404
const HARDENED = 0x8000_0000

export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  if (seed.length !== 32) throw new KeyError(`ed25519 seed must be 32 bytes, got ${seed.length}`)
  const privateKey = Uint8Array.from(seed)
  const publicKey = ed25519.getPublicKey(privateKey)
  return { privateKey, publicKey, address: addressFromPublicKey(publicKey) }
}

/** SLIP-0010 ed25519 derivation of a hardened-only path from a BIP-39 seed; returns the 32-byte key. */
export function slip10DeriveEd25519(bip39Seed: Uint8Array, path: number[]): Uint8Array {
  let I = hmac(sha512, new TextEncoder().encode('ed25519 seed'), bip39Seed)
  for (const index of path) {
    if (!Number.isInteger(index) || index < 0 || index >= HARDENED) throw new KeyError(`bad path index ${index}`)
    const data = new Uint8Array(37)
    data.set(I.subarray(0, 32), 1)
    new DataView(data.buffer).setUint32(33, (index | HARDENED) >>> 0, false)
    I = hmac(sha512, I.subarray(32), data)
  }
  return I.slice(0, 32)
}

/** BIP-39 seed of an English mnemonic (empty passphrase); throws KeyError on an invalid mnemonic. */
export function mnemonicToBip39Seed(mnemonic: string, passphrase = ''): Uint8Array {
  const normalized = mnemonic.trim().split(/\s+/).join(' ')
  if (!validateMnemonic(normalized, wordlist)) throw new KeyError('invalid mnemonic: unknown word or bad checksum')
  return mnemonicToSeedSync(normalized, passphrase)
}

/** Account `index` of a mnemonic: m/44'/73404'/index'. */
export function keyPairFromMnemonic(mnemonic: string, index: number): KeyPair {
  const seed = mnemonicToBip39Seed(mnemonic)
  return keyPairFromSeed(slip10DeriveEd25519(seed, [44, ZENON_COIN_TYPE, index]))
}

export function sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, privateKey)
}

/** Strict RFC 8032 verification (as Go's crypto/ed25519), not ZIP-215. */
export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}
