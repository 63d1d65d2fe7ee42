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
 *
 * Building ahead (`buildAheadQuietMs`, interval mode only): once the pool has been quiet that long,
 * the next block is built at once for the coming tick (execution, state root, tx and receipt
 * roots), its trie writes held apart (TrieNodeStore.holdWrites). The build yields to the event loop
 * every BUILD_AHEAD_YIELD txs and stops as soon as the pool changes. At the tick the block is stored
 * only if a fresh build would give exactly it: same parent, same timestamp, an unchanged pool
 * (TxPool.version), the same deposit plan. Otherwise it is thrown away (state manager back to the
 * parent, held writes dropped) and the tick builds as usual. So the tick's work after a burst is the
 * level write; what a block holds and when it is sealed do not change.
 */
import type { Common } from '@ethereumjs/common'
import type { VM } from '@ethereumjs/vm'
import { equalsBytes } from '@ethereumjs/util'
import type { PooledTransaction, SealedBlock, TxReceipt } from '../backend.ts'
import type { ChainStore } from '../chain/createChainStore.ts'
import type { ExecutedReceipt } from '../chain/receiptCodec.ts'
import type { Database } from '../db/database.ts'
import { OriginUnavailableError, type SequencerDeposits } from '../deposits/depositSource.ts'
import type { DepositTx } from '../deposits/depositTx.ts'
import type { TrieNodeStore } from '../db/trieNodeStore.ts'
import { executeBlock, type TxSource } from '../execution/executeBlock.ts'
import { nextBaseFee } from '../execution/nextBaseFee.ts'
import type { NodeLogger } from '../log.ts'
import type { TxPool } from '../txpool/txPool.ts'
import { planDeposits, type DepositPlan } from './planDeposits.ts'

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
  /**
   * Interval mode: build the next block ahead once no tx has been added for this many ms (see the
   * module comment). Undefined: every block is built at its tick.
   */
  buildAheadQuietMs?: number
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

/** A block built ahead yields to the event loop after this many txs (admission goes on meanwhile). */
const BUILD_AHEAD_YIELD = 64

/** A build ahead stopped because the pool changed (or the sequencer stopped): nothing to report. */
class BuildAheadAbandoned extends Error {
  override readonly name = 'BuildAheadAbandoned'
}

/** Offers `source`'s txs while `current()` holds, yielding every BUILD_AHEAD_YIELD txs. */
function abandonable(source: TxSource, current: () => boolean): TxSource {
  let offered = 0
  const take = () => {
    if (!current()) throw new BuildAheadAbandoned('the pool changed')
    offered++
    return source.next()
  }
  return {
    next() {
      if (offered === 0 || offered % BUILD_AHEAD_YIELD !== 0) return take()
      return new Promise((resolve, reject) => setImmediate(() => {
        try {
          resolve(take())
        } catch (error) {
          reject(error)
        }
      }))
    },
    skipSender: (sender) => source.skipSender(sender),
  }
}

/** A block executed but not stored, and what decided its contents. */
interface BuiltBlock {
  parentHash: Uint8Array
  /** The clock's share of the timestamp (seconds), before the origin's lower bound. */
  clockTimestamp: bigint
  poolVersion: number
  plan: DepositPlan | undefined
  sealed: SealedBlock
  receipts: ExecutedReceipt[]
  invalid: { tx: PooledTransaction; error: Error }[]
  /** Deposits that could not run at all (included with a failed receipt), and why. */
  failedDeposits: { deposit: DepositTx; reason: string }[]
  /** Built ahead: its trie writes are held apart until it is stored or thrown away. */
  ahead: boolean
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a === undefined || b === undefined ? a === b : equalsBytes(a, b)

/** Whether two plans put the same deposits in a block with the same origin. */
function samePlan(a: DepositPlan | undefined, b: DepositPlan | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  const o = a.origin
  const p = b.origin
  return (
    o.height === p.height &&
    sameBytes(o.hash, p.hash) &&
    o.timestamp === p.timestamp &&
    o.sequenceNumber === p.sequenceNumber &&
    sameBytes(a.lastDepositSourceHash, b.lastDepositSourceHash) &&
    a.deposits.length === b.deposits.length &&
    a.deposits.every((d, i) => sameBytes(d.sourceHash, b.deposits[i]!.sourceHash)) &&
    a.alreadyIncluded.length === b.alreadyIncluded.length &&
    a.alreadyIncluded.every((h, i) => sameBytes(h, b.alreadyIncluded[i]))
  )
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
  /** The block built ahead for the next tick, if any (built and used in turn with seals, on `tail`). */
  let ahead: BuiltBlock | undefined
  /** Fires buildAheadQuietMs after the last added tx. */
  let quietTimer: NodeJS.Timeout | undefined

  /** Starts a stall (logged once); rethrows. */
  function waitingForOrigin(error: OriginUnavailableError): never {
    if (waitingSince === undefined) {
      waitingSince = now()
      log({ level: 'warn', module: 'sequencer', msg: 'waiting for an origin momentum', block: Number(chain.head().block.header.number + 1n), reason: error.message })
    }
    throw error
  }

  /** The clock's share of a block's timestamp at `atMs`: its second, and always after the parent. */
  function clockTimestampAt(atMs: number, parentTimestamp: bigint): bigint {
    const seconds = BigInt(Math.floor(atMs / 1000))
    return seconds > parentTimestamp ? seconds : parentTimestamp + 1n
  }

  /** The deposit plan for the block on `head` at `clockTimestamp` (undefined without a deposit source). */
  function planFor(head: SealedBlock, clockTimestamp: bigint): Promise<DepositPlan | undefined> {
    if (options.deposits === undefined) return Promise.resolve(undefined)
    return planDeposits(options.deposits, chain, head, clockTimestamp, options.gasLimit)
  }

  /**
   * Executes the block on the head for the clock at `atMs`; stores nothing. Ahead, it stops with
   * BuildAheadAbandoned once the pool changes, and its trie writes are held apart.
   */
  async function build(atMs: number, buildingAhead: boolean): Promise<BuiltBlock> {
    const head = chain.head()
    const parent = head.block.header
    const baseFee = nextBaseFee(parent, options.baseFeeFloor)
    const clockTimestamp = clockTimestampAt(atMs, parent.timestamp)
    const plan = await planFor(head, clockTimestamp)
    // A block is never older than its origin momentum (OP: l1_origin.timestamp <= block timestamp).
    const timestamp = plan !== undefined && plan.origin.timestamp > clockTimestamp ? plan.origin.timestamp : clockTimestamp
    const poolVersion = pool.version()
    const candidates = pool.candidates(baseFee, { ahead: buildingAhead })
    const txs = buildingAhead ? abandonable(candidates, () => running && pool.version() === poolVersion) : candidates
    const invalid: { tx: PooledTransaction; error: Error }[] = []
    const failedDeposits: { deposit: DepositTx; reason: string }[] = []
    // Only execution moves the state manager; planning above leaves it alone.
    if (buildingAhead) options.trieStore.holdWrites()
    try {
      const { sealed, receipts } = await executeBlock(
        { vm: options.vm, common: options.common },
        {
          parent,
          timestamp,
          baseFeePerGas: baseFee,
          gasLimit: options.gasLimit,
          coinbase: options.coinbase,
          feeVault: options.feeVault,
          txs: options.blockTimeMs === 0 ? limitTxs(txs, 1) : txs,
          ...(plan === undefined ? {} : { deposits: plan.deposits }),
          onDepositFailed: (deposit, reason) => failedDeposits.push({ deposit, reason }),
          onInvalid: (tx, error) => invalid.push({ tx, error }),
        },
      )
      if (plan !== undefined) sealed.origin = plan.origin
      const lastDeposit = plan === undefined ? head.lastDepositSourceHash : plan.lastDepositSourceHash
      if (lastDeposit !== undefined) sealed.lastDepositSourceHash = lastDeposit
      return { parentHash: head.hash, clockTimestamp, poolVersion, plan, sealed, receipts, invalid, failedDeposits, ahead: buildingAhead }
    } catch (error) {
      if (buildingAhead) options.trieStore.dropHeld()
      // Abandoned, executeBlock has reverted its checkpoint: the state is the parent's, caches kept.
      // Any other failure may have moved the state manager past the parent: put it back first.
      if (!(error instanceof BuildAheadAbandoned)) await options.vm.stateManager.setStateRoot(parent.stateRoot)
      throw error
    }
  }

  /** Throws the block built ahead (if any) away: the state manager goes back to the head, its trie writes are dropped. */
  async function throwAwayAhead(): Promise<void> {
    if (ahead === undefined) return
    ahead = undefined
    options.trieStore.dropHeld()
    await options.vm.stateManager.setStateRoot(chain.head().block.header.stateRoot)
  }

  /**
   * Whether a build at `atMs` would give exactly the block built ahead: same parent, same clock
   * second, same deposit plan (a source that fails now: no), the pool unchanged.
   */
  async function stillCurrent(built: BuiltBlock, atMs: number): Promise<boolean> {
    const head = chain.head()
    if (!sameBytes(built.parentHash, head.hash)) return false
    if (clockTimestampAt(atMs, head.block.header.timestamp) !== built.clockTimestamp) return false
    const plan = await planFor(head, built.clockTimestamp).catch(() => null)
    if (plan === null || !samePlan(plan, built.plan)) return false
    // Last: the plan may have waited on the source while txs arrived.
    return pool.version() === built.poolVersion
  }

  /** Stores a built block in one atomic batch, makes it the head, and tells listeners and the pool. */
  async function store(built: BuiltBlock): Promise<SealedBlock> {
    const { sealed, receipts, plan } = built
    const parent = chain.head().block.header
    for (const sourceHash of plan?.alreadyIncluded ?? []) {
      log({ level: 'warn', module: 'sequencer', msg: 'deposit already included; skipped', sourceHash: `0x${Buffer.from(sourceHash).toString('hex')}` })
    }
    for (const { deposit, reason } of built.failedDeposits) {
      log({ level: 'warn', module: 'sequencer', msg: 'deposit failed; included with a failed receipt', sourceHash: `0x${Buffer.from(deposit.sourceHash).toString('hex')}`, reason })
    }
    for (const { tx, error } of built.invalid) {
      const reason = error.message.split(' -- ')[0] ?? error.message
      pool.drop(tx.hash, reason)
      log({ level: 'warn', module: 'sequencer', msg: 'tx dropped at execution', hash: `0x${Buffer.from(tx.hash).toString('hex')}`, reason })
    }
    if (built.ahead) options.trieStore.keepHeld()
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
        ...(built.ahead ? { builtAhead: true } : {}),
      })
    }
    try {
      options.onSealed(sealed, full)
    } finally {
      await pool.onBlockSealed(sealed.block.transactions.map((tx) => tx.hash()))
    }
    return sealed
  }

  /** The block for the clock at `atMs`: the one built ahead if a fresh build would give exactly it. */
  async function seal(atMs: number): Promise<SealedBlock> {
    if (failed !== undefined) throw failed
    const ready = ahead
    if (ready !== undefined && (await stillCurrent(ready, atMs))) {
      ahead = undefined
      return store(ready)
    }
    await throwAwayAhead()
    let built: BuiltBlock
    try {
      built = await build(atMs, false)
    } catch (error) {
      if (error instanceof OriginUnavailableError) waitingForOrigin(error)
      throw error
    }
    if (built.plan !== undefined && waitingSince !== undefined) {
      log({ level: 'info', module: 'sequencer', msg: 'origin momentum available; sealing resumed', origin: Number(built.plan.origin.height), waitedMs: now() - waitingSince })
      waitingSince = undefined
    }
    return store(built)
  }

  function sealBlock(atMs?: number): Promise<SealedBlock> {
    const run = tail.then(() => seal(atMs ?? now()))
    tail = run.catch(() => undefined)
    return run
  }

  /** Builds the next block ahead for the tick at `nextAt`, unless one built from this pool is held. */
  function buildAhead(): void {
    const run = tail.then(async () => {
      if (!running || failed !== undefined || nextAt === 0) return
      // One built from this pool on this head is still the block to build.
      if (ahead !== undefined && ahead.poolVersion === pool.version() && sameBytes(ahead.parentHash, chain.head().hash)) return
      await throwAwayAhead()
      if (pool.status().pending === 0) return
      try {
        ahead = await build(nextAt, true)
      } catch (error) {
        // Abandoned (the pool changed: the next quiet spell builds again), no origin yet, or a
        // source failure: the tick builds as usual and reports what is wrong.
        if (!(error instanceof BuildAheadAbandoned || error instanceof OriginUnavailableError)) {
          log({ level: 'warn', module: 'sequencer', msg: 'build ahead failed', error: (error as Error).message })
        }
      }
    })
    tail = run.catch(() => undefined)
  }

  /** Re-arms the quiet timer: a build ahead starts once no tx has been added for buildAheadQuietMs. */
  function armBuildAhead(): void {
    const quietMs = options.buildAheadQuietMs
    if (quietMs === undefined || options.blockTimeMs === 0 || !running) return
    if (quietTimer !== undefined) clearTimeout(quietTimer)
    quietTimer = setTimeout(() => {
      quietTimer = undefined
      buildAhead()
    }, quietMs)
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
      // The block's clock is its tick's due time, so a block built ahead for that time and a timer
      // that fires late agree on its timestamp.
      const dueAt = nextAt
      nextAt = Math.max(nextAt + options.blockTimeMs, now())
      // A tick without an origin (or whose source threw) seals nothing; the next tick tries again.
      sealBlock(dueAt)
        .catch(sealFailed)
        .finally(() => {
          // A halted sequencer (failed block write) stops its loop instead of failing every interval.
          if (failed !== undefined) return
          scheduleInterval()
          // More txs wait than the block took: build the next one ahead (once the pool is quiet).
          if (pool.status().pending > 0) armBuildAhead()
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
        if (options.buildAheadQuietMs !== undefined) unsubscribe = pool.onAdded(() => armBuildAhead())
        scheduleInterval()
      }
    },
    async stop() {
      running = false
      nextAt = 0
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      if (quietTimer !== undefined) clearTimeout(quietTimer)
      quietTimer = undefined
      if (originRetry !== undefined) clearTimeout(originRetry)
      originRetry = undefined
      unsubscribe?.()
      unsubscribe = undefined
      await tail
      // A block built ahead is thrown away: the state manager is left at the head, as it was found.
      await throwAwayAhead()
    },
    sealBlock,
  }
}
