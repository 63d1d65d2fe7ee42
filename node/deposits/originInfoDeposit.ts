/**
 * The system deposit that opens every block of a chain run with a deposit source: from the depositor
 * system address to NoMInfo, writing the block's origin momentum (DESIGN.md "The L2 chain").
 * As OP's L1-info deposit since Regolith: no mint, no value, 1,000,000 gas, isSystemTx false,
 * sourceHash in domain 1 over (momentum hash, sequence number).
 */
import { hexToBytes } from '@ethereumjs/util'
import type { BlockOrigin } from '../backend.ts'
import { originInfoSourceHash, type DepositTx } from './depositTx.ts'

export const DEPOSITOR_ADDRESS = hexToBytes('0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001')
export const NOM_INFO_ADDRESS = hexToBytes('0x4200000000000000000000000000000000000015')
export const ORIGIN_INFO_GAS = 1_000_000n

export function createOriginInfoDeposit(origin: BlockOrigin, calldata: Uint8Array): DepositTx {
  return {
    sourceHash: originInfoSourceHash(origin.hash, origin.sequenceNumber),
    from: DEPOSITOR_ADDRESS,
    to: NOM_INFO_ADDRESS,
    mint: 0n,
    value: 0n,
    gas: ORIGIN_INFO_GAS,
    isSystemTx: false,
    data: calldata,
  }
}
