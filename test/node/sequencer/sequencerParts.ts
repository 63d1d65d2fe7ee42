/**
 * What a sequencer test builds the sequencer from, over `db`: the dev genesis written as block 0,
 * its Common, chain store, trie-node store, cached state, VM and a started tx pool (journal in memory).
 * The pool reads accounts from the sequencer's state, or with `poolReadsHead` from the head's state
 * as node.ts does (needed once the sequencer can hold a block built ahead of its tick). Pool limits
 * are 16 per sender and 100 in all unless given.
 */
import { Address } from '@ethereumjs/util'
import type { SealedBlock } from '../../../node/backend.ts'
import { createChainStore } from '../../../node/chain/createChainStore.ts'
import { DEV_GENESIS_PATH } from '../../../node/config.ts'
import type { Database } from '../../../node/db/database.ts'
import { createTrieNodeStore } from '../../../node/db/trieNodeStore.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { createChainVM } from '../../../node/execution/createChainVM.ts'
import { createBlockHashReader } from '../../../node/execution/createBlockHashReader.ts'
import { createGenesisBlock } from '../../../node/execution/createGenesisBlock.ts'
import { loadGenesis } from '../../../node/genesis/loadGenesis.ts'
import { applyGenesisAlloc } from '../../../node/state/applyGenesisAlloc.ts'
import { createStateManager } from '../../../node/state/createStateManager.ts'
import { createTxPool } from '../../../node/txpool/txPool.ts'

export async function openSequencerParts(db: Database, options: { poolReadsHead?: boolean; maxPerSender?: number; maxGlobal?: number } = {}) {
  const genesis = await loadGenesis(DEV_GENESIS_PATH)
  const common = createChainCommon(genesis)
  const chain = createChainStore({ common, db, logRangeLimit: 100, maxLogResults: 100 })
  const store = createTrieNodeStore(db)
  const state = await createStateManager({ common, store, caches: true })
  const genesisBlock: SealedBlock = createGenesisBlock(common, genesis, await applyGenesisAlloc(state, genesis.alloc))
  await db.write([...chain.blockWriteOps(genesisBlock, []), ...store.takeWrites()])
  store.releaseWrites()
  chain.commitHead(genesisBlock, [])
  const vm = await createChainVM({ common, stateManager: state, blockchain: createBlockHashReader(chain) })
  const pool = createTxPool({
    common,
    maxTxBytes: 131072,
    priceBumpPercent: 10n,
    maxPerSender: options.maxPerSender ?? 16,
    maxGlobal: options.maxGlobal ?? 100,
    blockGasLimit: () => genesis.gasLimit,
    baseFeeFloor: genesis.baseFeeFloor,
    nextBaseFee: () => genesis.baseFeePerGas,
    getAccount: async (address) => {
      const reader = options.poolReadsHead === true ? await createStateManager({ common, store: store.shallowCopy() as typeof store, root: chain.head().block.header.stateRoot }) : state
      const account = await reader.getAccount(new Address(address))
      return { nonce: account?.nonce ?? 0n, balance: account?.balance ?? 0n }
    },
    journal: { put: async () => {}, delete: async () => {}, entries: async function* () {} },
  })
  await pool.start()
  return { genesis, common, chain, store, state, genesisBlock, vm, pool }
}
