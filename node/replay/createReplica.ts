/**
 * A replica: rebuilds L2 blocks from their inputs (what a verifier derives from NoM: number,
 * timestamp, origin, candidate deposits, the batch's txs) exactly as the sequencer built them, stores
 * them in a normal node data dir and serves the same JSON-RPC read-only.
 *
 * A block is built the sequencer's way: node/sequencer/planDeposits.ts picks the origin-info system
 * deposit and the prefix of the deposits that fits (an in-memory DepositSource answers with the
 * input), then node/execution/executeBlock.ts runs deposits and txs against the replica's state
 * (one state root per block). Unlike the sequencer, every tx must be included: one that cannot be
 * (malformed, bad signature or chain id, nonce, fee cap under the base fee, funds, gas over what is
 * left) makes the block invalid, and then nothing is stored and the state is back at the head.
 * A valid block is written in one atomic batch with its trie nodes, as the sequencer writes it, so a
 * kill -9 leaves the stored head and its state whole; reopening resumes from there.
 */
import { availableParallelism } from 'node:os'
import { bytesToHex } from '@ethereumjs/util'
import type { VM } from '@ethereumjs/vm'
import { createChainVM } from '../execution/createChainVM.ts'
import type { NodeBackend, PooledTransaction, SealedBlock, TxReceipt } from '../backend.ts'
import type { ChainStore } from '../chain/createChainStore.ts'
import type { NodeConfig } from '../config.ts'
import { DepositSourceError, type DepositSource } from '../deposits/depositSource.ts'
import type { DepositTx } from '../deposits/depositTx.ts'
import { StorageError } from '../errors.ts'
import { createBlockHashReader } from '../execution/createBlockHashReader.ts'
import { executeBlock, type TxSource } from '../execution/executeBlock.ts'
import { nextBaseFee } from '../execution/nextBaseFee.ts'
import { loadGenesis, type Genesis } from '../genesis/loadGenesis.ts'
import { stderrLogger, type NodeLogger } from '../log.ts'
import type { RPCMethod } from '../rpc/context.ts'
import { outputAtBlock } from '../rpc/outputRoot.ts'
import { createRPCServer, type RPCServer } from '../rpc/server.ts'
import { planDeposits } from '../sequencer/planDeposits.ts'
import { createReadOnlyBackend } from './createReadOnlyBackend.ts'
import { createTxCheckPool } from './createTxCheckPool.ts'
import { decodeBlockTxs, txFailure, type TxFailure } from './decodeBlockTxs.ts'
import { feedOfDecoded, type BlockTxFeed } from './blockTxFeed.ts'
import { rewindReplica, type ReplicaRewind } from './rewindReplica.ts'
import { openChainStorage } from '../db/openChainStorage.ts'
import { createProgressMeter, type ReplayProgress } from './progress.ts'

/** One L2 block to rebuild (a verifier derives these from NoM; node/derivation/). */
export interface ReplayBlockInput {
  /** Must be the head's number + 1. */
  number: bigint
  /** Unix seconds; must be after the parent's and not before the origin's. */
  timestamp: bigint
  /** The block's origin momentum. */
  origin: { height: bigint; hash: Uint8Array; timestamp: bigint }
  /**
   * The candidate user deposits with momentumHeight ≤ origin.height not yet included, in index
   * order; the block takes the prefix that fits its gas (as the sequencer does), skipping any the
   * chain already holds.
   */
  deposits: DepositTx[]
  /** The batch's non-deposit txs, EIP-2718 bytes, in block order. Empty for a deposit-only block. */
  txs: Uint8Array[]
}

export type ReplayResult =
  | {
      valid: true
      sealed: SealedBlock
      receipts: TxReceipt[]
      /** keccak256(0 ‖ stateRoot ‖ message passer storage root ‖ block hash) of the new block. */
      outputRoot: Uint8Array
    }
  | {
      valid: false
      /** Why the block cannot be built; nothing was stored. */
      reason: string
    }

export interface CreateReplicaOptions {
  log?: NodeLogger
  /** Addresses eth_accounts returns. */
  accounts?: Uint8Array[]
  /** JSON-RPC methods served next to the node's own (the bridge's `nomx_*`); names must be new. */
  rpcMethods?: ReadonlyMap<string, RPCMethod>
  /**
   * Worker threads checking txs and recovering senders ahead of execution (createTxCheckPool.ts);
   * 0 = on the main thread. Default: one per spare core, at most 4.
   */
  txCheckWorkers?: number
}

export interface Replica extends ReplicaRewind {
  /** The read-only backend the JSON-RPC server serves (txpool.add refuses). */
  backend: NodeBackend
  /** The chain store (the verifier moves safe/finalized with setSafe/setFinalized). */
  chain: ChainStore
  config: NodeConfig
  genesis: Genesis
  /** The newest stored block. */
  head(): SealedBlock
  /**
   * Builds, checks and (when valid) stores the next block. Calls are serialized; the tx checks of a
   * call start at once, so a caller with several blocks in flight overlaps them with execution.
   */
  applyBlock(input: ReplayBlockInput): Promise<ReplayResult>
  /**
   * Starts the tx checks (decoding, sender recovery) of a block that will be applied soon, on the
   * workers; applyBlock of an input holding the same `txs` array then uses them. A hint: never required.
   */
  prefetch(txs: readonly Uint8Array[]): void
  /** Output root of stored block `number`; undefined past the head. */
  outputRootAt(number: bigint): Promise<Uint8Array | undefined>
  /** Replay speed and head, for progress reports. */
  progress(): ReplayProgress
  /** Serves JSON-RPC on config.rpc. */
  start(): Promise<void>
  /** Waits for a block being applied, closes the RPC server and the database. Idempotent. */
  stop(): Promise<void>
  readonly rpcUrl: string
  readonly wsUrl: string
}

/** A DepositSource answering once with one block's origin and candidate deposits. */
function inputSource(input: ReplayBlockInput): DepositSource {
  return {
    async next() {
      return { origin: input.origin, deposits: input.deposits }
    },
  }
}

/** Offers the block's txs in order (as their checks pass) and remembers the first one execution does not take. */
function strictTxSource(feed: BlockTxFeed, raws: readonly Uint8Array[]) {
  let next = 0
  let offered: PooledTransaction | undefined
  let failure: TxFailure | undefined
  const fail = (index: number, message: string) => {
    failure ??= txFailure(index, raws[index]!, message)
  }
  const take = (tx: PooledTransaction | undefined): PooledTransaction | undefined => {
    if (tx === undefined) {
      failure ??= feed.failure()
      return undefined
    }
    next++
    offered = tx
    return tx
  }
  const source: TxSource = {
    next() {
      if (failure !== undefined || next >= raws.length) return undefined
      const tx = feed.at(next)
      return tx instanceof Promise ? tx.then(take) : take(tx)
    },
    // Called for a tx whose gas limit exceeds what is left in the block, and before onInvalid.
    skipSender() {
      fail(next - 1, `gas limit reached: tx gas ${offered!.tx.gasLimit} exceeds the gas left in the block`)
    },
  }
  return {
    source,
    /** An execution error of the tx last offered (nonce, funds, fee cap under the base fee…). */
    invalid(error: Error) {
      const index = next - 1
      failure = txFailure(index, raws[index]!, executionMessage(error))
    },
    /** After execution: the first tx not included, or undefined when all were. */
    async failure(included: number): Promise<TxFailure | undefined> {
      if (failure !== undefined) return failure
      if (included < raws.length) {
        // The block filled up before this tx was offered (or its checks failed).
        const tx = await feed.at(included)
        return tx === undefined
          ? (feed.failure() ?? txFailure(included, raws[included]!, 'not included'))
          : txFailure(included, raws[included]!, `gas limit reached: tx gas ${tx.tx.gasLimit} exceeds the gas left in the block`)
      }
      return undefined
    },
  }
}

/** @ethereumjs/vm's message without its " (vm hf=… -> block … -> tx …)" context suffix. */
function executionMessage(error: Error): string {
  const at = error.message.indexOf(' (vm hf=')
  return at === -1 ? error.message : error.message.slice(0, at)
}

export async function createReplica(config: NodeConfig, options: CreateReplicaOptions = {}): Promise<Replica> {
  const log = options.log ?? stderrLogger
  const genesis = await loadGenesis(config.genesis)
  const storage = await openChainStorage(config.dataDir, genesis, config.rpc)
  const { common, db, chain, trieStore, state } = storage
  let vm: VM
  try {
    vm = await createChainVM({ common, stateManager: state, blockchain: createBlockHashReader(chain) })
  } catch (error) {
    await db.close()
    throw error
  }
  const coinbase = genesis.feeVault
  const readOnly = createReadOnlyBackend({ common, genesis, chain, trieStore, log, ...(options.accounts === undefined ? {} : { accounts: options.accounts }) })
  const meter = createProgressMeter()
  const txRules = { common, blockGasLimit: genesis.gasLimit, baseFeeFloor: genesis.baseFeeFloor }
  const workers = options.txCheckWorkers ?? Math.min(4, availableParallelism() - 1)
  const checkPool = workers > 0 ? createTxCheckPool({ ...txRules, workers }) : undefined
  if (checkPool !== undefined) {
    // Ready means the workers are: the first blocks' checks do not wait for the workers to load.
    try {
      await checkPool.ready()
    } catch (error) {
      await checkPool.close()
      await db.close()
      throw error
    }
  }
  /** Checks started ahead, by the block's tx list (the same array object the block input holds). */
  const prefetched = new WeakMap<readonly Uint8Array[], BlockTxFeed>()

  /** The tx checks of a block's txs: started now on the workers, or run on this thread when it executes. */
  function checksOf(txs: readonly Uint8Array[]): BlockTxFeed | undefined {
    if (checkPool === undefined || closed) return undefined
    let checks = prefetched.get(txs)
    if (checks === undefined) {
      checks = checkPool.check(txs)
      prefetched.set(txs, checks)
    }
    return checks
  }
  let tail: Promise<unknown> = Promise.resolve()
  let halted: Error | undefined
  let closed = false

  /** Puts the writer's state back at the head and drops trie nodes of a block that is not stored. */
  async function rollback(parentStateRoot: Uint8Array): Promise<void> {
    await state.setStateRoot(parentStateRoot)
    trieStore.takeWrites()
    trieStore.releaseWrites()
  }

  async function apply(input: ReplayBlockInput, checks: BlockTxFeed | undefined): Promise<ReplayResult> {
    if (closed) throw new StorageError('replica is stopped')
    if (halted !== undefined) throw new StorageError(`replica halted after a failed block write: ${halted.message}`)
    const head = chain.head()
    const parent = head.block.header
    if (input.number !== parent.number + 1n) {
      return { valid: false, reason: `block number ${input.number} does not follow the head ${parent.number}` }
    }
    if (input.timestamp <= parent.timestamp) {
      return { valid: false, reason: `block timestamp ${input.timestamp} is not after the parent's ${parent.timestamp}` }
    }
    if (input.timestamp < input.origin.timestamp) {
      return { valid: false, reason: `block timestamp ${input.timestamp} is before its origin's ${input.origin.timestamp}` }
    }
    let plan
    try {
      plan = await planDeposits({ source: inputSource(input) }, chain, head, input.timestamp, genesis.gasLimit)
    } catch (error) {
      if (error instanceof DepositSourceError) return { valid: false, reason: error.message }
      throw error
    }

    const feed = checks ?? feedOfDecoded(decodeBlockTxs(input.txs, txRules), input.txs.length)
    prefetched.delete(input.txs)
    const strict = strictTxSource(feed, input.txs)
    let executed
    try {
      executed = await executeBlock(
        { vm, common },
        {
          parent,
          timestamp: input.timestamp,
          baseFeePerGas: nextBaseFee(parent, genesis.baseFeeFloor),
          gasLimit: genesis.gasLimit,
          coinbase,
          feeVault: genesis.feeVault,
          txs: strict.source,
          deposits: plan.deposits,
          onInvalid: (_tx, error) => strict.invalid(error),
        },
      )
    } catch (error) {
      await rollback(parent.stateRoot)
      throw error
    }
    const { sealed, receipts } = executed
    const failure = await strict.failure(sealed.block.transactions.length)
    if (failure !== undefined) {
      await rollback(parent.stateRoot)
      return { valid: false, reason: failure.reason }
    }
    sealed.origin = plan.origin
    for (const sourceHash of plan.alreadyIncluded) {
      log({ level: 'warn', module: 'replay', msg: 'deposit already included; skipped', sourceHash: bytesToHex(sourceHash) })
    }
    const lastDeposit = plan.lastDepositSourceHash
    if (lastDeposit !== undefined) sealed.lastDepositSourceHash = lastDeposit
    try {
      const ops = chain.blockWriteOps(sealed, receipts)
      for (const op of trieStore.takeWrites()) ops.push(op)
      await db.write(ops)
      trieStore.releaseWrites()
    } catch (error) {
      halted = error as Error
      await state.setStateRoot(parent.stateRoot).catch(() => undefined)
      log({ level: 'error', module: 'replay', msg: 'block write failed; replica halted', error: halted.message })
      throw error
    }
    const full = chain.commitHead(sealed, receipts)
    meter.record((sealed.deposits?.length ?? 0) + sealed.block.transactions.length)
    readOnly.blockApplied(sealed, full)
    const { outputRoot } = await outputAtBlock(readOnly.backend, sealed)
    return { valid: true, sealed, receipts: full, outputRoot }
  }

  let server: RPCServer | undefined
  let urls: { url: string; wsUrl: string } | undefined
  let stopping: Promise<void> | undefined

  return {
    backend: readOnly.backend,
    chain,
    config,
    genesis,
    head: () => chain.head(),
    applyBlock(input) {
      const checks = checksOf(input.txs)
      const run = tail.then(() => apply(input, checks))
      tail = run.catch(() => undefined)
      return run
    },
    async outputRootAt(number) {
      const block = await chain.getBlockByNumber(number)
      if (block === undefined) return undefined
      return (await outputAtBlock(readOnly.backend, block)).outputRoot
    },
    prefetch(txs) {
      checksOf(txs)
    },
    rewind(number, alsoWrite) {
      // Serialized with applyBlock: the chain store and the writer state move together. The removed
      // blocks are read first (their canonical entries go) and announced after (RPC log filters and
      // subscriptions hear their logs again with removed: true, as geth reports a reorg).
      const run = tail.then(async () => {
        const removed: { block: SealedBlock; receipts: TxReceipt[] }[] = []
        for (let n = chain.head().block.header.number; n > number; n--) {
          const block = await chain.getBlockByNumber(n)
          if (block !== undefined) removed.push({ block, receipts: (await chain.getReceipts(block.hash)) ?? [] })
        }
        const head = await rewindReplica({ chain, state }, number, alsoWrite)
        readOnly.blocksRemoved(removed)
        return head
      })
      tail = run.catch(() => undefined)
      return run
    },
    progress: () => meter.snapshot(chain.head().block.header.number),
    async start() {
      if (server !== undefined) return
      server = createRPCServer(readOnly.backend, config.rpc, options.rpcMethods)
      const address = await server.listen()
      urls = { url: address.url, wsUrl: address.wsUrl }
      log({ level: 'info', module: 'replay', msg: 'started', rpc: address.url, chainId: Number(genesis.chainId), head: Number(chain.head().block.header.number) })
    },
    stop() {
      stopping ??= (async () => {
        closed = true
        await tail
        if (server !== undefined) await server.close()
        await checkPool?.close()
        await db.close()
        log({ level: 'info', module: 'replay', msg: 'stopped', head: Number(chain.head().block.header.number), hash: bytesToHex(chain.head().hash) })
      })()
      return stopping
    },
    get rpcUrl() {
      if (urls === undefined) throw new Error('replica is not started')
      return urls.url
    },
    get wsUrl() {
      if (urls === undefined) throw new Error('replica is not started')
      return urls.wsUrl
    },
  }
}
