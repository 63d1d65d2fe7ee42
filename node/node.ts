/**
 * createNode: the node's composition root. Opens the database, writes or checks genesis, and wires
 * chain store, state, execution, tx pool, sequencer and the JSON-RPC server into a NodeBackend.
 */
import { arch, platform, version as nodeVersion } from 'node:process'
import { Address, equalsBytes } from '@ethereumjs/util'
import { createChainVM } from './execution/createChainVM.ts'
import type { BlockHeader } from '@ethereumjs/block'
import type { NodeBackend, PooledTransaction, SealedBlock, TxReceipt } from './backend.ts'
import type { ChainStore } from './chain/createChainStore.ts'
import type { NodeConfig } from './config.ts'
import { openChainStorage } from './db/openChainStorage.ts'
import { createGroupWriter } from './db/createGroupWriter.ts'
import { createBlockHashReader } from './execution/createBlockHashReader.ts'
import { createExecutor } from './execution/createExecutor.ts'
import { createFeeOracle } from './execution/feeOracle.ts'
import { nextBaseFee } from './execution/nextBaseFee.ts'
import { loadGenesis, type Genesis } from './genesis/loadGenesis.ts'
import { stderrLogger, type NodeLogger } from './log.ts'
import type { RPCMethod } from './rpc/context.ts'
import { createRPCServer, type RPCServer } from './rpc/server.ts'
import { createSequencer, type Sequencer } from './sequencer/createSequencer.ts'
import type { SequencerDeposits } from './deposits/depositSource.ts'
import { createStateManager } from './state/createStateManager.ts'
import { createStateViews } from './state/createStateViews.ts'
import { createInclusionWaiter } from './txpool/inclusionWaiter.ts'
import { createTxPool, type TxPool } from './txpool/txPool.ts'

/**
 * With interval blocks, the next block is built ahead once no tx has arrived for this long
 * (node/sequencer/createSequencer.ts): longer than the gap between a client's back-to-back JSON-RPC
 * batches, so a burst is built once, after its last batch, not once per batch.
 */
const BUILD_AHEAD_QUIET_MS = 20

export const CLIENT_VERSION = `nomx/v0.1.0/${platform}-${arch}/node${nodeVersion.replace(/^v/, '')}`


export interface CreateNodeOptions {
  /** Addresses eth_accounts returns (nomx dev: the funded dev accounts). */
  accounts?: Uint8Array[]
  log?: NodeLogger
  /** A deposit source (the bridge's watcher): every block then opens with its origin's system deposit. */
  deposits?: SequencerDeposits
  /** JSON-RPC methods served next to the node's own (the bridge's `nomx_*`); names must be new. */
  rpcMethods?: ReadonlyMap<string, RPCMethod>
}

export interface Node {
  backend: NodeBackend
  config: NodeConfig
  genesis: Genesis
  chain: ChainStore
  /** Listens on the RPC port and starts sealing blocks. */
  start(): Promise<void>
  /** Stops the sequencer, closes the RPC server, flushes and closes the database. Idempotent. */
  stop(): Promise<void>
  /** Seals one block now (tests, tools). */
  sealBlock(): Promise<SealedBlock>
  readonly rpcUrl: string
  readonly wsUrl: string
}

export async function createNode(config: NodeConfig, options: CreateNodeOptions = {}): Promise<Node> {
  const log = options.log ?? stderrLogger
  const genesis = await loadGenesis(config.genesis)
  const { common, db, chain, trieStore, state } = await openChainStorage(config.dataDir, genesis, config.rpc)
  let closed = false
  try {
    const blockHashes = createBlockHashReader(chain)
    const vm = await createChainVM({ common, stateManager: state, blockchain: blockHashes })
    const blockTimeMs = config.blockTimeMs ?? genesis.blockTimeMs
    const feeVault = genesis.feeVault
    // The coinbase is the fee vault, a chain rule: a verifier must rebuild the same block hashes.
    const coinbase = feeVault

    /** Head-state reads for the pool; rebuilt per block so it never sees a block mid-execution. */
    let headState: Promise<Awaited<ReturnType<typeof createStateManager>>> | undefined
    let headStateRoot: Uint8Array | undefined
    function headView() {
      const root = chain.head().block.header.stateRoot
      if (headState === undefined || headStateRoot === undefined || !equalsBytes(root, headStateRoot)) {
        headStateRoot = root
        headState = createStateManager({ common, store: trieStore.shallowCopy() as typeof trieStore, root, caches: true })
      }
      return headState
    }

    const journalWrite = createGroupWriter(db)
    const pool: TxPool = createTxPool({
      common,
      maxTxBytes: config.txpool.maxTxBytes,
      priceBumpPercent: BigInt(config.txpool.priceBumpPercent),
      maxPerSender: config.txpool.maxPerSender,
      maxGlobal: config.txpool.maxGlobal,
      blockGasLimit: () => genesis.gasLimit,
      baseFeeFloor: genesis.baseFeeFloor,
      nextBaseFee: () => nextBaseFee(chain.head().block.header, genesis.baseFeeFloor),
      async getAccount(address) {
        const account = await (await headView()).getAccount(new Address(address))
        return { nonce: account?.nonce ?? 0n, balance: account?.balance ?? 0n }
      },
      journal: {
        put: (hash, raw) => journalWrite([{ type: 'put', sublevel: 'txpool', key: hash, value: raw }]),
        delete: (hashes) => journalWrite(hashes.map((key) => ({ type: 'del' as const, sublevel: 'txpool' as const, key }))),
        async *entries() {
          yield* db.iterate('txpool')
        },
      },
    })
    await pool.start()
    // Automine: eth_sendRawTransaction answers once the tx's block is sealed (anvil, hardhat).
    const inclusion =
      blockTimeMs === 0 ? createInclusionWaiter(pool, () => nextBaseFee(chain.head().block.header, genesis.baseFeeFloor)) : undefined

    const stateViews = createStateViews(common, trieStore)
    const blockListeners = new Set<(block: SealedBlock, receipts: TxReceipt[]) => void>()
    const sequencer: Sequencer = createSequencer({
      common,
      vm,
      db,
      trieStore,
      chain,
      pool,
      blockTimeMs,
      gasLimit: genesis.gasLimit,
      baseFeeFloor: genesis.baseFeeFloor,
      coinbase,
      feeVault,
      log,
      buildAheadQuietMs: BUILD_AHEAD_QUIET_MS,
      ...(options.deposits === undefined ? {} : { deposits: options.deposits }),
      // A halted sequencer seals nothing more: automine answers must not wait for it. The txs are
      // journaled, so their hashes stay true: they are sealed after a restart.
      onHalted: () => inclusion?.close(),
      onSealed(block, receipts) {
        inclusion?.blockSealed(block.block.transactions.map((tx) => tx.hash()))
        for (const listener of blockListeners) {
          try {
            listener(block, receipts)
          } catch (error) {
            log({ level: 'error', module: 'node', msg: 'onBlock listener failed', error: (error as Error).message })
          }
        }
      },
    })

    const backend: NodeBackend = {
      chainId: genesis.chainId,
      clientVersion: CLIENT_VERSION,
      accounts: options.accounts ?? [],
      chain,
      stateAt: (header: BlockHeader) => stateViews(header.stateRoot),
      executor: createExecutor({
        common,
        blockHashes,
        // With caches, a call's writes (fees, nonce) stay in the cache and are dropped on revert: no trie hashing.
        createState: () => createStateManager({ common, store: trieStore.shallowCopy() as typeof trieStore, caches: true }),
      }),
      txpool:
        inclusion === undefined
          ? pool
          : {
              ...pool,
              async add(raw) {
                const hash = await pool.add(raw)
                await inclusion.wait(hash)
                return hash
              },
            },
      fees: createFeeOracle(chain, genesis.baseFeeFloor),
      events: {
        onBlock(listener) {
          blockListeners.add(listener)
          return () => blockListeners.delete(listener)
        },
        onPendingTransaction(listener: (tx: PooledTransaction) => void) {
          return pool.onAdded(listener)
        },
      },
    }

    let server: RPCServer | undefined
    let urls: { url: string; wsUrl: string } | undefined
    let stopping: Promise<void> | undefined

    const node: Node = {
      backend,
      config,
      genesis,
      chain,
      async start() {
        if (server !== undefined) return
        server = createRPCServer(backend, config.rpc, options.rpcMethods)
        const address = await server.listen()
        urls = { url: address.url, wsUrl: address.wsUrl }
        sequencer.start()
        log({
          level: 'info',
          module: 'node',
          msg: 'started',
          rpc: address.url,
          chainId: Number(genesis.chainId),
          head: Number(chain.head().block.header.number),
          blockTimeMs,
        })
      },
      stop() {
        stopping ??= (async () => {
          await sequencer.stop()
          inclusion?.close()
          await pool.close()
          if (server !== undefined) await server.close()
          closed = true
          await db.close()
          log({ level: 'info', module: 'node', msg: 'stopped', head: Number(chain.head().block.header.number) })
        })()
        return stopping
      },
      sealBlock: () => sequencer.sealBlock(),
      get rpcUrl() {
        if (urls === undefined) throw new Error('node is not started')
        return urls.url
      },
      get wsUrl() {
        if (urls === undefined) throw new Error('node is not started')
        return urls.wsUrl
      },
    }
    return node
  } catch (error) {
    if (!closed) await db.close()
    throw error
  }
}
