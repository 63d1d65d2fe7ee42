/** EIP-1559 base fee of the block after `parent`, never below the chain's floor. */
import type { BlockHeader } from '@ethereumjs/block'

export function nextBaseFee(parent: BlockHeader, floor: bigint): bigint {
  const computed = parent.calcNextBaseFee()
  return computed > floor ? computed : floor
}
