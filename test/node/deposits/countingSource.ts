/**
 * A deterministic DepositSource for crash tests: momentum h (hash keccak256(h)) carries exactly one
 * deposit, index h, minting MINT wei to RECIPIENT. Each block's origin is one momentum past its
 * parent's, up to `maxHeight`; the deposits offered are those after the chain's cursor.
 */
import { bigIntToUnpaddedBytes, bytesToHex, hexToBytes } from '@ethereumjs/util'
import type { DepositSource, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import { userDepositSourceHash, type DepositTx } from '../../../node/deposits/depositTx.ts'
import { keccak256 } from '../../../node/keccak256.ts'

export const MINT = 1_000n
export const RECIPIENT = hexToBytes('0x00000000000000000000000000000000000000f3')
const SENDER = hexToBytes('0x0022cc000000000000000000000000000000000c')

export function momentumAt(height: bigint): OriginMomentum {
  return { height, hash: keccak256(bigIntToUnpaddedBytes(height + 1n)), timestamp: 1_700_000_000n + height }
}

export function depositAt(index: bigint): DepositTx {
  return { sourceHash: userDepositSourceHash(momentumAt(index).hash, index), from: SENDER, to: RECIPIENT, mint: MINT, value: MINT, gas: 21_000n, isSystemTx: false, data: new Uint8Array() }
}

export function countingSource(maxHeight: bigint): DepositSource {
  const indexOf = new Map<string, bigint>()
  return {
    async next({ parentOrigin, lastDepositSourceHash }) {
      const height = parentOrigin === undefined ? 0n : parentOrigin.height + 1n > maxHeight ? maxHeight : parentOrigin.height + 1n
      for (let i = BigInt(indexOf.size); i <= height; i++) indexOf.set(bytesToHex(depositAt(i).sourceHash), i)
      const from = lastDepositSourceHash === undefined ? 0n : (indexOf.get(bytesToHex(lastDepositSourceHash)) ?? -2n) + 1n
      if (from < 0n) throw new Error('cursor is not a deposit of this source')
      const deposits: DepositTx[] = []
      for (let i = from; i <= height; i++) deposits.push(depositAt(i))
      return { origin: momentumAt(height), deposits }
    },
  }
}
