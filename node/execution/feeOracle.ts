/**
 * The fee suggestions every node backend (sequencer and read-only replica) serves: the next block's
 * base fee from the head, `eth_gasPrice` never under the head's base fee (geth prices from the head,
 * and calls or estimates at `latest` run with the head's base fee), and a fixed suggested tip.
 */
import type { ChainReader, FeeOracle } from '../backend.ts'
import { nextBaseFee } from './nextBaseFee.ts'

/** Tip suggested by eth_maxPriorityFeePerGas (0.001 gwei): the chain is not congested by design. */
export const SUGGESTED_TIP = 1_000_000n

export function createFeeOracle(chain: Pick<ChainReader, 'head'>, baseFeeFloor: bigint): FeeOracle {
  return {
    nextBaseFee: () => nextBaseFee(chain.head().block.header, baseFeeFloor),
    async gasPrice() {
      const head = chain.head().block.header
      const next = nextBaseFee(head, baseFeeFloor)
      const headBaseFee = head.baseFeePerGas ?? 0n
      return (headBaseFee > next ? headBaseFee : next) + SUGGESTED_TIP
    },
    async maxPriorityFeePerGas() {
      return SUGGESTED_TIP
    },
  }
}
