/** What the execution tests share: two funded dev keys, the fee vault, the chain's Common and a Prague test genesis. */
import { bytesToHex, hexToBytes, privateToAddress } from '@ethereumjs/util'
import type { TypedTransaction } from '@ethereumjs/tx'
import type { PooledTransaction } from '../../../node/backend.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { parseGenesis, type Genesis } from '../../../node/genesis/loadGenesis.ts'

export const KEY_A = hexToBytes('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
export const KEY_B = hexToBytes('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
export const A = privateToAddress(KEY_A)
export const B = privateToAddress(KEY_B)
export const VAULT = hexToBytes('0x4200000000000000000000000000000000000011')
export const common = createChainCommon({ chainId: 73404n })
/** 256 ETH in wei, as a genesis balance. */
export const RICH = '0xde0b6b3a7640000000'

/** Chain 73404 at Prague, 30M gas, base fee 1 gwei (floor 0.1 gwei), the fee vault above, and `alloc`. */
export function testGenesis(alloc: Record<string, { balance: string; code?: string }>): Genesis {
  return parseGenesis({
    config: { chainId: 73404, hardfork: 'prague', blockTimeMs: 1000, baseFeeFloor: '0x5f5e100', feeVault: bytesToHex(VAULT) },
    timestamp: '0x69000000',
    gasLimit: '0x1c9c380',
    baseFeePerGas: '0x3b9aca00',
    alloc,
  })
}

export function pooled(tx: TypedTransaction): PooledTransaction {
  return { tx, hash: tx.hash(), sender: tx.getSenderAddress().bytes, raw: tx.serialize() }
}
