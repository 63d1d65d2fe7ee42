/** The state view a state query reads: the block a selector names, or geth's `header not found`. */
import type { NodeBackend, StateView } from '../backend.ts'
import { requireBlock } from './blocks.ts'
import type { BlockSelector } from './params.ts'

export async function stateAtSelector(backend: NodeBackend, selector: BlockSelector): Promise<StateView> {
  const sealed = await requireBlock(backend.chain, selector)
  return backend.stateAt(sealed.block.header)
}
