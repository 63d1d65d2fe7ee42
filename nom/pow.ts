/**
 * Account-block proof of work (reference §2.4): powData = H(address || previousHash); a nonce is
 * valid when the first 8 bytes of H(nonce || powData), read little-endian, reach
 * 2^64 - floor(2^64 / difficulty). Difficulty 0 needs no work.
 */
import { hash as nodeHash, randomBytes } from 'node:crypto'
import type { Address, Hash } from './types.ts'
import { sha3 } from './hash.ts'

const TWO_64 = 1n << 64n

export function powData(address: Address, previousHash: Hash): Hash {
  return sha3(address, previousHash)
}

/** 2^64 - floor(2^64 / difficulty); 0 for difficulty 0 or 1. */
export function powThreshold(difficulty: bigint): bigint {
  if (difficulty < 0n) throw new RangeError(`negative difficulty ${difficulty}`)
  if (difficulty === 0n) return 0n
  return TWO_64 - TWO_64 / difficulty
}

/** The LE u64 that is compared with the threshold. */
export function powValue(nonce: Uint8Array, data: Hash): bigint {
  const x = sha3(nonce, data)
  return new DataView(x.buffer, x.byteOffset, 8).getBigUint64(0, true)
}

export function checkPoW(address: Address, previousHash: Hash, difficulty: bigint, nonce: Uint8Array): boolean {
  if (difficulty === 0n) return true
  if (nonce.length !== 8) return false
  return powValue(nonce, powData(address, previousHash)) >= powThreshold(difficulty)
}

/**
 * Tries up to `maxAttempts` nonces from `start` (incremented as a little-endian counter) and returns
 * the first valid one, or undefined. Shared by the synchronous solver and the worker thread.
 */
export function searchPoW(data: Hash, difficulty: bigint, start: Uint8Array, maxAttempts: number): Uint8Array | undefined {
  const threshold = powThreshold(difficulty)
  const thHi = Number(threshold >> 32n)
  const thLo = Number(threshold & 0xffff_ffffn)
  const input = Buffer.alloc(40)
  input.set(start.subarray(0, 8), 0)
  input.set(data, 8)
  for (let i = 0; i < maxAttempts; i++) {
    const x = nodeHash('sha3-256', input, 'buffer') as unknown as Buffer
    const hi = x.readUInt32LE(4)
    if (hi > thHi || (hi === thHi && x.readUInt32LE(0) >= thLo)) return new Uint8Array(input.subarray(0, 8))
    for (let k = 0; k < 8; k++) {
      input[k] = (input[k]! + 1) & 0xff
      if (input[k] !== 0) break
    }
  }
  return undefined
}

/** Blocking solver (use solvePoWInWorker from an RPC-serving process). Starts at a random nonce. */
export function solvePoW(address: Address, previousHash: Hash, difficulty: bigint, start: Uint8Array = randomBytes(8)): Uint8Array {
  if (difficulty === 0n) return new Uint8Array(8)
  const data = powData(address, previousHash)
  for (;;) {
    const found = searchPoW(data, difficulty, start, 1 << 20)
    if (found !== undefined) return found
  }
}
