/**
 * Opens a node data dir: the level database, the genesis
 * block written on first use or checked against the stored genesis hash, the chain store with its
 * head loaded, the trie-node store, and the world state at the head. A replica's data dir is a
 * normal node data dir: either process can open what the other wrote.
 *
 * Used by both node/node.ts (sequencer) and node/replay (replica).
 */
import { bytesToHex, equalsBytes } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import type { MerkleStateManager } from '@ethereumjs/statemanager'
import { createChainStore, type ChainStore } from '../chain/createChainStore.ts'
import type { RPCConfig } from '../config.ts'
import { openDatabase, type Database } from '../db/database.ts'
import { GENESIS_HASH_KEY } from '../db/keys.ts'
import { createTrieNodeStore, type TrieNodeStore } from '../db/trieNodeStore.ts'
import { StorageError } from '../errors.ts'
import { createChainCommon } from '../execution/chainCommon.ts'
import { createGenesisBlock } from '../execution/createGenesisBlock.ts'
import type { Genesis } from '../genesis/loadGenesis.ts'
import { applyGenesisAlloc } from '../state/applyGenesisAlloc.ts'
import { createStateManager } from '../state/createStateManager.ts'

export interface ChainStorage {
  common: Common
  db: Database
  chain: ChainStore
  trieStore: TrieNodeStore
  /** World state at the stored head, with caches (the writer's instance). */
  state: MerkleStateManager
}

/** Writes the genesis block into an empty database, or checks the stored one; loads the head. */
async function initGenesis(db: Database, common: Common, genesis: Genesis, chain: ChainStore): Promise<void> {
  const scratch = createTrieNodeStore(db)
  const genesisState = await createStateManager({ common, store: scratch })
  const root = await applyGenesisAlloc(genesisState, genesis.alloc)
  const genesisBlock = createGenesisBlock(common, genesis, root)
  const stored = await db.get('meta', GENESIS_HASH_KEY)
  if (stored !== undefined) {
    if (!equalsBytes(stored, genesisBlock.hash)) {
      throw new StorageError(
        `data dir was created with genesis ${bytesToHex(stored)}, but the genesis file gives ${bytesToHex(genesisBlock.hash)}`,
      )
    }
    if ((await chain.loadHead()) === undefined) throw new StorageError('data dir has a genesis hash but no head block')
    return
  }
  const ops = chain.blockWriteOps(genesisBlock, [])
  for (const op of scratch.takeWrites()) ops.push(op)
  ops.push({ type: 'put', sublevel: 'meta', key: GENESIS_HASH_KEY, value: genesisBlock.hash })
  await db.write(ops)
  scratch.releaseWrites()
  chain.commitHead(genesisBlock, [])
}

/** Opens `dataDir` for `genesis`. On failure the database is closed again. */
export async function openChainStorage(dataDir: string, genesis: Genesis, rpc: Pick<RPCConfig, 'logRangeLimit' | 'maxLogResults'>): Promise<ChainStorage> {
  const common = createChainCommon(genesis)
  const db = await openDatabase(dataDir)
  try {
    const chain = createChainStore({ common, db, logRangeLimit: rpc.logRangeLimit, maxLogResults: rpc.maxLogResults })
    await initGenesis(db, common, genesis, chain)
    const trieStore = createTrieNodeStore(db)
    const state = await createStateManager({ common, store: trieStore, root: chain.head().block.header.stateRoot, caches: true })
    return { common, db, chain, trieStore, state }
  } catch (error) {
    await db.close()
    throw error
  }
}
