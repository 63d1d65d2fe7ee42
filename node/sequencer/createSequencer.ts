/**
 * The sequencer: the only writer of the chain. Every `blockTimeMs` it seals a block (empty ones
 * too); with 0 it seals one block per admitted transaction (automine), promptly after admission.
 * A block is stored in one atomic level batch with the trie nodes it created, then it becomes the
 * head, `onBlock` listeners hear of it, and the pool learns what was included.
 *
 * With a deposit source, every block has an origin momentum. Until the source knows one (the parent
 * has none: a fresh chain), no block is sealed: `sealBlock()` rejects with OriginUnavailableError,
 * the interval loop skips its ticks, and automine leaves the txs pending and tries again every
 * `originRetryMs` and whenever the source announces something. One warning `waiting for an origin
 * momentum` starts such a stall, one `origin momentum available; sealing resumed` (with `waitedMs`)
 * ends it. In automine, eth_sendRawTransaction answers when the tx's block is sealed, so during a
 * stall its answer comes with the first block after the origin (or when the node stops).
 * A source that throws (NoM unreachable, a refused answer) fails that one block: the loop goes on.
 */
import type { Common } from '@ethereumjs/common'
import type { VM } from '@ethereumjs/vm'
import type { PooledTransaction, SealedBlock, TxReceipt } from '../backend.ts'
import type { ChainStore } from '../chain/createChainStore.ts'
import type { Database } from '../db/database.ts'
import { OriginUnavailableError, type SequencerDeposits } from '../deposits/depositSource.ts'
import type { TrieNodeStore } from '../db/trieNodeStore.ts'
import { executeBlock, type TxSource } from '../execution/executeBlock.ts'
import { nextBaseFee } from '../execution/nextBaseFee.ts'
import type { NodeLogger } from '../log.ts'
import type { TxPool } from '../txpool/txPool.ts'
import { planDeposits } from './planDeposits.ts'

export interface SequencerOptions {
  common: Common
  vm: VM
  db: Database
  trieStore: TrieNodeStore
  chain: ChainStore
  pool: TxPool
  blockTimeMs: number
  gasLimit: bigint
  baseFeeFloor: bigint
  coinbase: Uint8Array
  feeVault: Uint8Array
  /** Called after each block is stored and is the head. */
  onSealed: (block: SealedBlock, receipts: TxReceipt[]) => void
  /**
   * Called once when a block write fails and the sequencer halts (it seals nothing more until a
   * restart). Admitted txs stay journaled and are sealed after the restart.
   */
  onHalted?: (error: Error) => void
  log: NodeLogger
  /** Clock in milliseconds (tests may pin it). */
  now?: () => number
  /**
   * Deposits (node/deposits/depositSource.ts). When set, every block opens with the system deposit
   * writing its origin momentum, followed by the source's user deposits; without it, blocks have no
   * deposits (the newest-deposit cursor of the parent is carried on).
   */
  deposits?: SequencerDeposits
  /** Automine while waiting for the first origin momentum: how often to ask the source again (default 500). */
  originRetryMs?: number
}

export interface Sequencer {
  start(): void
  /** Stops the loop and waits for a block being sealed. */
  stop(): Promise<void>
  /**
   * Seals one block now (serialized with the loop). Rejects with OriginUnavailableError while the
   * deposit source knows no origin for it (nothing is sealed), with the source's error when it throws.
   */
  sealBlock(): Promise<SealedBlock>
}

/** Offers at most `limit` txs from `source`. */
function limitTxs(source: TxSource, limit: number): TxSource {
  let taken = 0
  return {
    next() {
      if (taken >= limit) return undefined
      const tx = source.next()
      if (tx !== undefined) taken++
      return tx
    },
    skipSender: (sender) => source.skipSender(sender),
  }
}

export function createSequencer(options: SequencerOptions): Sequencer {
  const { chain, pool, log } = options
  const now = options.now ?? Date.now
  let running = false
  let timer: NodeJS.Timeout | undefined
  let tail: Promise<unknown> = Promise.resolve()
  let unsubscribe: (() => void) | undefined
  let automineQueued = false
  let failed: Error | undefined
  const originRetryMs = options.originRetryMs ?? 500
  /** When the current wait for an origin momentum began (undefined: not waiting). */
  let waitingSince: number | undefined
  let originRetry: NodeJS.Timeout | undefined

  /** Starts a stall (logged once); rethrows. */
  function waitingForOrigin(error: OriginUnavailableError): never {
    if (waitingSince === undefined) {
      waitingSince = now()
      log({ level: 'warn', module: 'sequencer', msg: 'waiting for an origin momentum', block: Number(chain.head().block.header.number + 1n), reason: error.message })
    }
    throw error
  }

  async function seal(): Promise<SealedBlock> {
    if (failed !== undefined) throw failed
    const head = chain.head()
    const parent = head.block.header
    const baseFee = nextBaseFee(parent, options.baseFeeFloor)
    const nowSeconds = BigInt(Math.floor(now() / 1000))
    const clockTimestamp = nowSeconds > parent.timestamp ? nowSeconds : parent.timestamp + 1n
    const plan =
      options.deposits === undefined
        ? undefined
        : await planDeposits(options.deposits, chain, head, clockTimestamp, options.gasLimit).catch((error: unknown) => {
            if (error instanceof OriginUnavailableError) waitingForOrigin(error)
            throw error
          })
    if (plan !== undefined && waitingSince !== undefined) {
      log({ level: 'info', module: 'sequencer', msg: 'origin momentum available; sealing resumed', origin: Number(plan.origin.height), waitedMs: now() - waitingSince })
      waitingSince = undefined
    }
    // A block is never older than its origin momentum (OP: l1_origin.timestamp <= block timestamp).
    const timestamp = plan !== undefined && plan.origin.timestamp > clockTimestamp ? plan.origin.timestamp : clockTimestamp
    for (const sourceHash of plan?.alreadyIncluded ?? []) {
      log({ level: 'warn', module: 'sequencer', msg: 'deposit already included; skipped', sourceHash: `0x${Buffer.from(sourceHash).toString('hex')}` })
    }
    const source = pool.candidates(baseFee)
    const invalid: { tx: PooledTransaction; error: Error }[] = []
    const executed = await executeBlock(
      { vm: options.vm, common: options.common },
      {
        parent,
        timestamp,
        baseFeePerGas: baseFee,
        gasLimit: options.gasLimit,
        coinbase: options.coinbase,
        feeVault: options.feeVault,
        txs: options.blockTimeMs === 0 ? limitTxs(source, 1) : source,
        ...(plan === undefined ? {} : { deposits: plan.deposits }),
        onDepositFailed: (deposit, reason) =>
          log({ level: 'warn', module: 'sequencer', msg: 'deposit failed; included with a failed receipt', sourceHash: `0x${Buffer.from(deposit.sourceHash).toString('hex')}`, reason }),
        onInvalid: (tx, error) => invalid.push({ tx, error }),
      },
    ).catch(async (error: unknown) => {
      // The state manager may have moved past the parent: put it back before anything else runs.
      await options.vm.stateManager.setStateRoot(parent.stateRoot)
      throw error
    })
    const { sealed, receipts } = executed
    if (plan !== undefined) sealed.origin = plan.origin
    const lastDeposit = plan === undefined ? head.lastDepositSourceHash : plan.lastDepositSourceHash
    if (lastDeposit !== undefined) sealed.lastDepositSourceHash = lastDeposit
    for (const { tx, error } of invalid) {
      const reason = error.message.split(' -- ')[0] ?? error.message
      pool.drop(tx.hash, reason)
      log({ level: 'warn', module: 'sequencer', msg: 'tx dropped at execution', hash: `0x${Buffer.from(tx.hash).toString('hex')}`, reason })
    }
    try {
      const ops = chain.blockWriteOps(sealed, receipts)
      for (const op of options.trieStore.takeWrites()) ops.push(op)
      await options.db.write(ops)
      options.trieStore.releaseWrites()
    } catch (error) {
      // Not stored: the chain head stays at the parent, and so must the state manager.
      failed = error as Error
      await options.vm.stateManager.setStateRoot(parent.stateRoot).catch(() => undefined)
      log({ level: 'error', module: 'sequencer', msg: 'block write failed; sequencer halted', error: (error as Error).message })
      options.onHalted?.(failed)
      throw error
    }
    const full = chain.commitHead(sealed, receipts)
    const txCount = sealed.block.transactions.length
    const userDeposits = (sealed.deposits?.length ?? 0) - (sealed.origin === undefined ? 0 : 1)
    if (txCount > 0 || userDeposits > 0) {
      log({
        level: 'info',
        module: 'sequencer',
        msg: 'block sealed',
        number: Number(sealed.block.header.number),
        txs: txCount,
        ...(userDeposits > 0 ? { deposits: userDeposits } : {}),
        gasUsed: Number(sealed.block.header.gasUsed),
      })
    }
    try {
      options.onSealed(sealed, full)
    } finally {
      await pool.onBlockSealed(sealed.block.transactions.map((tx) => tx.hash()))
    }
    return sealed
  }

  function sealBlock(): Promise<SealedBlock> {
    const run = tail.then(seal)
    tail = run.catch(() => undefined)
    return run
  }

  /** The loops' failure log: a wait for an origin is logged once by seal(), anything else each time. */
  function sealFailed(error: Error): void {
    if (error instanceof OriginUnavailableError) return
    log({ level: 'error', module: 'sequencer', msg: 'seal failed', error: error.message })
  }

  /** Next seal time: one interval after the previous one, or now when sealing fell behind. */
  let nextAt = 0
  function scheduleInterval(): void {
    if (!running) return
    if (nextAt === 0) nextAt = now() + options.blockTimeMs
    timer = setTimeout(() => {
      timer = undefined
      nextAt = Math.max(nextAt + options.blockTimeMs, now())
      // A tick without an origin (or whose source threw) seals nothing; the next tick tries again.
      sealBlock()
        .catch(sealFailed)
        .finally(() => {
          // A halted sequencer (failed block write) stops its loop instead of failing every interval.
          if (failed === undefined) scheduleInterval()
        })
    }, Math.max(0, nextAt - now()))
  }

  /** Automine: keep sealing one-tx blocks while executable txs wait. */
  function automine(): void {
    if (!running || automineQueued) return
    automineQueued = true
    setImmediate(() => {
      automineQueued = false
      if (!running || pool.status().pending === 0) return
      sealBlock()
        .then((sealed) => {
          if (sealed.block.transactions.length > 0) automine()
        })
        .catch((error: Error) => {
          sealFailed(error)
          // No origin yet: the txs stay pending; ask the source again later.
          if (error instanceof OriginUnavailableError) retryAutomine()
        })
    })
  }

  function retryAutomine(): void {
    if (!running || originRetry !== undefined) return
    originRetry = setTimeout(() => {
      originRetry = undefined
      automine()
    }, originRetryMs)
  }

  return {
    start() {
      if (running) return
      running = true
      if (options.blockTimeMs === 0) {
        const offPool = pool.onAdded(() => automine())
        // Automine with a deposit source: a block as soon as the source has something new.
        // Txs left pending while no origin was known follow in their own blocks.
        const offDeposits = options.deposits?.source.onAvailable?.(() => {
          if (!running) return
          sealBlock().then(() => automine(), sealFailed)
        })
        unsubscribe = () => {
          offPool()
          offDeposits?.()
        }
        automine()
      } else {
        scheduleInterval()
      }
    },
    async stop() {
      running = false
      nextAt = 0
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      if (originRetry !== undefined) clearTimeout(originRetry)
      originRetry = undefined
      unsubscribe?.()
      unsubscribe = undefined
      await tail
    },
    sealBlock,
  }
}
