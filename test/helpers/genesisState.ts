/**
 * openGenesisState: the sequencer's state stack at genesis, for tests that drive execution directly:
 * a level db in a tmp dir, the trie-node store over it, a cached state manager with the genesis alloc
 * applied, the genesis header (the first block's parent) and a VM on that state. `close()` closes the
 * db and removes the dir.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createVM, type VM } from '@ethereumjs/vm'
import type { BlockHeader } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import type { MerkleStateManager } from '@ethereumjs/statemanager'
import { openDatabase } from '../../node/db/database.ts'
import { createTrieNodeStore, type TrieNodeStore } from '../../node/db/trieNodeStore.ts'
import { createGenesisBlock } from '../../node/execution/createGenesisBlock.ts'
import type { Genesis } from '../../node/genesis/loadGenesis.ts'
import { applyGenesisAlloc } from '../../node/state/applyGenesisAlloc.ts'
import { createStateManager } from '../../node/state/createStateManager.ts'

export interface GenesisState {
  store: TrieNodeStore
  state: MerkleStateManager
  genesisRoot: Uint8Array
  /** The genesis header: the parent of the first block. */
  parent: BlockHeader
  vm: VM
  close(): Promise<void>
}

export async function openGenesisState(common: Common, genesis: Genesis): Promise<GenesisState> {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-genesis-state-'))
  const db = await openDatabase(dir)
  const close = async () => {
    await db.close()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const store = createTrieNodeStore(db)
    const state = await createStateManager({ common, store, caches: true })
    const genesisRoot = await applyGenesisAlloc(state, genesis.alloc)
    const parent = createGenesisBlock(common, genesis, genesisRoot).block.header
    const vm = await createVM({ common, stateManager: state, setHardfork: false })
    return { store, state, genesisRoot, parent, vm, close }
  } catch (error) {
    await close()
    throw error
  }
}
