/**
 * World state: a MerkleStateManager over a secure MPT (keys hashed with keccak) whose nodes live in
 * the buffered trie-node store (node/db/trieNodeStore.ts). The sequencer's instance keeps caches and
 * computes the state root once per block, writing each block's changes to the tries in one batched
 * pass (batchedStateManager.ts); read-only views get their own instance at a given root.
 */
import { createMPT } from '@ethereumjs/mpt'
import { Caches } from '@ethereumjs/statemanager'
import { ValueEncoding } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import type { MerkleStateManager } from '@ethereumjs/statemanager'
import type { TrieNodeStore } from '../db/trieNodeStore.ts'
import { BatchedMerkleStateManager } from './batchedStateManager.ts'
import { ObjectAccountCache } from './objectAccountCache.ts'

export interface CreateStateManagerOptions {
  common: Common
  store: TrieNodeStore
  /** State root to open at; undefined = the empty trie. */
  root?: Uint8Array
  /** Account/storage/code caches (the sequencer's instance); views go without. */
  caches?: boolean
}

export async function createStateManager(options: CreateStateManagerOptions): Promise<MerkleStateManager> {
  const trie = await createMPT({
    db: options.store,
    useKeyHashing: true,
    valueEncoding: ValueEncoding.Bytes,
    common: options.common,
    ...(options.root === undefined ? {} : { root: options.root }),
  })
  return new BatchedMerkleStateManager({
    common: options.common,
    trie,
    ...(options.caches === true
      ? { caches: createCaches() }
      : {}),
  })
}

/** The writer's caches, with accounts kept as objects (objectAccountCache.ts). */
function createCaches(): Caches {
  const caches = new Caches({ account: { size: 200_000 }, storage: { size: 200_000 }, code: { size: 2_000 } })
  caches.account = new ObjectAccountCache(caches.settings.account)
  return caches
}
