/**
 * Rewinding a replica to a stored block (a verifier whose NoM momentums were replaced): the chain
 * store forgets the blocks above it (node/chain/createChainStore.ts `rewindTo`: canonical entries,
 * tx lookups, log index, head pointers; trie nodes stay) and the replica's state writer goes back
 * to that block's state root, so the next applyBlock builds on it.
 *
 * `rewindReplica(parts, number)` takes the two parts it changes. createReplica.ts holds them (its
 * `chain` and the writer `state` from openChainStorage) and exposes it as `Replica.rewind` once it
 * adds the line named in bridge/verifier/README.md. `replicaRewinder(replica)` is what the verifier
 * calls: `replica.rewind` when the replica has it; otherwise it rewinds the chain store and moves the
 * writer state through the replica's own documented contract (node/replay/README.md): a block that
 * cannot be built leaves the writer state at the head, so one refused block on the new head (a
 * transaction that does not decode) puts it there. Either way no applyBlock may be in flight.
 */
import type { SealedBlock } from '../backend.ts'
import type { ChainStore } from '../chain/createChainStore.ts'
import type { WriteOp } from '../db/database.ts'
import { StorageError } from '../errors.ts'
import type { Replica } from './createReplica.ts'

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

/** A byte string that is no transaction (an RLP list header announcing more bytes than follow). */
const UNDECODABLE_TX = Uint8Array.of(0xf8, 0xff)

/** The replica's rewind: its own `rewind` when it has one, else through its public parts (see above). */
export function replicaRewinder(replica: Pick<Replica, 'chain' | 'applyBlock'> & Partial<ReplicaRewind>): ReplicaRewind['rewind'] {
  if (typeof replica.rewind === 'function') return (number, alsoWrite) => (replica.rewind as ReplicaRewind['rewind'])(number, alsoWrite)
  return async (number, alsoWrite = []) => {
    const head = await replica.chain.rewindTo(number, alsoWrite)
    const header = head.block.header
    const origin = head.origin ?? { height: 1n, hash: new Uint8Array(32), timestamp: header.timestamp }
    const refused = await replica.applyBlock({
      number: header.number + 1n,
      timestamp: header.timestamp + 1n,
      origin: { height: origin.height, hash: origin.hash, timestamp: origin.timestamp },
      deposits: [],
      txs: [UNDECODABLE_TX],
    })
    if (refused.valid) throw new StorageError(`rewind to block ${number}: the replica accepted an undecodable transaction`)
    if (replica.chain.head().block.header.number !== number) throw new StorageError(`rewind to block ${number}: the head moved to ${replica.chain.head().block.header.number}`)
    return head
  }
}
