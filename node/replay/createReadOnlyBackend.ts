/**
 * The NodeBackend of a read-only replica: the same chain reads, state views, call executor, fee
 * oracle and block events as the sequencer's (node/node.ts builds the same pieces inline), and a tx
 * pool that holds nothing and refuses every transaction, so eth_sendRawTransaction answers with
 * MethodNotSupportedError (-32004) telling the client where to send it.
 */
import type { BlockHeader } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import type { ChainReader, NodeBackend, NodeEvents, SealedBlock, TxPoolReader, TxReceipt } from '../backend.ts'
import type { TrieNodeStore } from '../db/trieNodeStore.ts'
import { MethodNotSupportedError } from '../errors.ts'
import { createBlockHashReader } from '../execution/createBlockHashReader.ts'
import { createExecutor } from '../execution/createExecutor.ts'
import type { Genesis } from '../genesis/loadGenesis.ts'
import type { NodeLogger } from '../log.ts'
import { CLIENT_VERSION } from '../node.ts'
import { createFeeOracle } from '../execution/feeOracle.ts'
import { createStateManager } from '../state/createStateManager.ts'
import { createStateViews } from '../state/createStateViews.ts'

/** What eth_sendRawTransaction (txpool.add) answers on a replica. */
export const READ_ONLY_REPLICA_MESSAGE = 'this node is a read-only replica: send transactions to the sequencer'

export interface ReadOnlyBackendOptions {
  common: Common
  genesis: Pick<Genesis, 'chainId' | 'baseFeeFloor'>
  chain: ChainReader
  trieStore: TrieNodeStore
  accounts?: Uint8Array[]
  log: NodeLogger
}

export interface ReadOnlyBackend {
  backend: NodeBackend
  /** Tells the backend's onBlock listeners (RPC filters, subscriptions) of a block now stored as head. */
  blockApplied(block: SealedBlock, receipts: TxReceipt[]): void
  /** Tells the onBlockRemoved listeners of blocks a rewind removed, newest first (receipts as they were stored). */
  blocksRemoved(removed: { block: SealedBlock; receipts: TxReceipt[] }[]): void
}

/** A pool that is always empty: nothing can be added to it. */
function createRefusingTxPool(chain: ChainReader, stateAt: (header: BlockHeader) => ReturnType<NodeBackend['stateAt']>): TxPoolReader {
  return {
    async add() {
      throw new MethodNotSupportedError(READ_ONLY_REPLICA_MESSAGE)
    },
    get: () => undefined,
    async pendingNonce(sender) {
      const account = await (await stateAt(chain.head().block.header)).getAccount(sender)
      return account?.nonce ?? 0n
    },
    content: () => ({ pending: new Map(), queued: new Map() }),
    status: () => ({ pending: 0, queued: 0 }),
  }
}

export function createReadOnlyBackend(options: ReadOnlyBackendOptions): ReadOnlyBackend {
  const { common, genesis, chain, trieStore, log } = options
  const stateViews = createStateViews(common, trieStore)
  const stateAt = (header: BlockHeader) => stateViews(header.stateRoot)
  const blockListeners = new Set<(block: SealedBlock, receipts: TxReceipt[]) => void>()
  const removedListeners = new Set<(block: SealedBlock, receipts: TxReceipt[]) => void>()
  const events: NodeEvents = {
    onBlock(listener) {
      blockListeners.add(listener)
      return () => blockListeners.delete(listener)
    },
    onBlockRemoved(listener) {
      removedListeners.add(listener)
      return () => removedListeners.delete(listener)
    },
    // A replica has no pool: no pending transaction is ever announced.
    onPendingTransaction: () => () => undefined,
  }
  function notify(listeners: Set<(block: SealedBlock, receipts: TxReceipt[]) => void>, what: string, block: SealedBlock, receipts: TxReceipt[]): void {
    for (const listener of listeners) {
      try {
        listener(block, receipts)
      } catch (error) {
        log({ level: 'error', module: 'replay', msg: `${what} listener failed`, error: (error as Error).message })
      }
    }
  }
  const backend: NodeBackend = {
    chainId: genesis.chainId,
    clientVersion: CLIENT_VERSION,
    accounts: options.accounts ?? [],
    chain,
    stateAt,
    executor: createExecutor({
      common,
      blockHashes: createBlockHashReader(chain),
      createState: () => createStateManager({ common, store: trieStore.shallowCopy() as TrieNodeStore, caches: true }),
    }),
    txpool: createRefusingTxPool(chain, stateAt),
    fees: createFeeOracle(chain, genesis.baseFeeFloor),
    events,
  }
  return {
    backend,
    blockApplied(block, receipts) {
      notify(blockListeners, 'onBlock', block, receipts)
    },
    blocksRemoved(removed) {
      for (const { block, receipts } of removed) {
        const marked = receipts.map((receipt) => ({ ...receipt, logs: receipt.logs.map((l) => ({ ...l, removed: true })) }))
        notify(removedListeners, 'onBlockRemoved', block, marked)
      }
    },
  }
}
