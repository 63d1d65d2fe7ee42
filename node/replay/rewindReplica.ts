/**
 * Rewinding a replica to a stored block (a verifier whose NoM momentums were replaced): the chain
 * store forgets the blocks above it (node/chain/createChainStore.ts `rewindTo`: canonical entries,
 * tx lookups, log index, head pointers; trie nodes stay) and the replica's state writer goes back
 * to that block's state root, so the next applyBlock builds on it.
 *
 * `rewindReplica(parts, number)` takes the two parts it changes; createReplica.ts holds them (its
 * `chain` and the writer `state` from openChainStorage) and exposes it as `Replica.rewind`,
 * serialized with applyBlock.
 */
import type { SealedBlock } from '../backend.ts'
import type { ChainStore } from '../chain/createChainStore.ts'
import type { WriteOp } from '../db/database.ts'

export interface ReplicaRewindParts {
  chain: Pick<ChainStore, 'rewindTo'>
  /** The writer's state (the VM's state manager). */
  state: { setStateRoot(stateRoot: Uint8Array): Promise<void> }
}

/**
 * What a replica exposes once wired: rewinds to stored block `number` (with `alsoWrite` in the same
 * atomic batch), returns the new head.
 */
export interface ReplicaRewind {
  rewind(number: bigint, alsoWrite?: WriteOp[]): Promise<SealedBlock>
}

export async function rewindReplica(parts: ReplicaRewindParts, number: bigint, alsoWrite: WriteOp[] = []): Promise<SealedBlock> {
  const head = await parts.chain.rewindTo(number, alsoWrite)
  await parts.state.setStateRoot(head.block.header.stateRoot)
  return head
}
