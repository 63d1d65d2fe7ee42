/** Momentums `height .. height+count-1` that exist, ascending. */
import type { Momentum } from '../../types.ts'
import type { Ledger } from '../ledger/ledger.ts'

export async function momentumsByHeight(ledger: Ledger, height: bigint, count: bigint): Promise<{ momentums: Momentum[]; frontier: bigint }> {
  const frontier = await ledger.chain.frontierHeight()
  const momentums: Momentum[] = []
  for (let h = height; h < height + count && h <= frontier; h++) momentums.push((await ledger.chain.momentumByHeight(h))!)
  return { momentums, frontier }
}
