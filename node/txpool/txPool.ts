/**
 * The L2 transaction pool: admission (geth's checks and messages), pending and queued by nonce,
 * replacement with a price bump, per-sender and global limits with eviction of the cheapest, a
 * journal so every acknowledged tx survives a crash, and the ordered candidate stream the sequencer
 * builds blocks from.
 *
 * Everything that reads account state and changes the pool runs one task at a time (admissions,
 * journal replay, block bookkeeping), so a batch of txs from one sender is admitted in the order it
 * arrived and no check sees half-applied state. Stateless checks and sender recovery run before a
 * tx joins that queue (or, with a senderRecovery worker, while earlier txs wait in it); its journal
 * write runs after it, overlapping with the next admissions (writes are ordered per tx hash), and
 * `add` resolves only once the write is done.
 */
import { bytesToHex } from '@ethereumjs/util'
import { TransactionRejectedError } from '../errors.ts'
import { createCandidates } from './candidates.ts'
import { decodeTransaction } from './decodeTransaction.ts'
import { effectiveTip, maxCost, meetsPriceBump } from './fees.ts'
import { createOrderedJournal } from './orderedJournal.ts'
import { senderKeyOf } from './poolEntry.ts'
import { prepareCommon, validateTransaction, validateTransactionAsync } from './validateTransaction.ts'
import type { Common } from '@ethereumjs/common'
import type { PooledTransaction, TxPoolContent, TxPoolReader } from '../backend.ts'
import type { Candidates } from './candidates.ts'
import type { JournalStore } from './journal.ts'
import type { PoolEntry } from './poolEntry.ts'
import type { SenderRecovery } from './senderRecovery.ts'
import type { ValidatedTransaction } from './validateTransaction.ts'

export type { Candidates } from './candidates.ts'
export type { JournalStore } from './journal.ts'

export interface TxPoolOptions {
  /** Chain id and fork rules (Prague); its customCrypto.ecrecover is used for sender recovery. */
  common: Common
  /** Largest serialized tx accepted, in bytes (131072). */
  maxTxBytes: number
  /** Replacement needs both fee caps raised by at least this percent (10n). */
  priceBumpPercent: bigint
  /** Most txs (pending + queued) one sender may have in the pool. */
  maxPerSender: number
  /** Most txs the pool holds in all. */
  maxGlobal: number
  /** Gas limit of the next block. */
  blockGasLimit(): bigint
  /** Lowest base fee the chain allows; fee caps under it are refused. */
  baseFeeFloor: bigint
  /** Base fee of the next block (prices evictions). */
  nextBaseFee(): bigint
  /** Account state at the head block. */
  getAccount(address: Uint8Array): Promise<{ nonce: bigint; balance: bigint }>
  journal: JournalStore
  /**
   * Sender recovery for bulk admission on a worker thread (createSenderRecovery). Default: on the
   * main thread, which measured as fast on a 2-core machine (the bench's batches of 100 leave the
   * worker little to overlap with); for hosts with cores to spare.
   */
  senderRecovery?: SenderRecovery
}

export type TxPool = TxPoolReader & {
  /** Replays the journal against the head state; txs no longer valid are dropped from it. */
  start(): Promise<void>
  /**
   * Executable txs for one block at `baseFee`: highest effective tip first, senders in nonce order.
   * The txs handed out no longer count as pending until onBlockSealed, except with `ahead` (a block
   * built ahead of its tick, which may be thrown away).
   */
  candidates(baseFee: bigint, options?: { ahead?: boolean }): Candidates
  /**
   * Changes with every change to the pool's txs (added, replaced, evicted, dropped, included): a
   * block built from the candidates is still the block they give while this is unchanged.
   */
  version(): number
  /** Drops included txs (and their journal entries), then re-checks the rest against the new head. */
  onBlockSealed(includedHashes: Uint8Array[]): Promise<void>
  /** The sequencer found the tx invalid at execution: remove it (and its journal entry). */
  drop(hash: Uint8Array, reason: string): void
  /** True if the tx is in the pool and executable now (in its sender's gapless run from the head nonce). */
  isPending(hash: Uint8Array): boolean
  /** Called once per admitted tx (not for journal replay). Returns an unsubscribe function. */
  onAdded(listener: (tx: PooledTransaction) => void): () => void
  /** Ends the sender-recovery worker, if one was given and runs (an idle one ends by itself and never holds the process). */
  close(): Promise<void>
}

/** One sender's txs. Pending: the gapless run from `stateNonce`; queued: everything after a gap. */
interface SenderTxs {
  address: Uint8Array
  key: string
  /** The sender's nonce at the head the pool last reconciled with. */
  stateNonce: bigint
  txs: Map<bigint, PoolEntry>
  /** First nonce at or after stateNonce with no tx in the pool. */
  pendingEnd: bigint
  pendingCount: number
  queuedCount: number
  /** Sum of the pending txs' costs. */
  pendingCost: bigint
}

/** An admitted tx and what it pushed out of the pool (kept to undo it if its journal write fails). */
interface Admission {
  entry: PoolEntry
  /** Txs the new one replaced or evicted, with their sender's state nonce at the time. */
  displaced: { entry: PoolEntry; stateNonce: bigint }[]
}

function reject(message: string): never {
  throw new TransactionRejectedError(message)
}

/** A structured log line for a journal failure the pool survives (nothing else logs here). */
function logEvent(level: 'error', msg: string, fields: Record<string, string>): void {
  process.stderr.write(`${JSON.stringify({ level, module: 'txpool', msg, ...fields })}\n`)
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export function createTxPool(options: TxPoolOptions): TxPool {
  const { common } = options
  const journal = createOrderedJournal(options.journal)
  const recovery = options.senderRecovery
  prepareCommon(common)
  const byHash = new Map<string, PoolEntry>()
  const senders = new Map<string, SenderTxs>()
  const listeners = new Set<(tx: PooledTransaction) => void>()
  let totalPending = 0
  /**
   * Txs handed to the block being built (by the latest `candidates`), until onBlockSealed has
   * reconciled the pool with that block. They do not count as pending meanwhile: automine asks
   * whether anything waits while a block is sealed, and must not seal again for txs that block takes.
   */
  let inFlight: PoolEntry[] = []
  let totalQueued = 0
  let nextSeq = 0
  /** See TxPool.version: bumped wherever a sender's txs are recounted. */
  let version = 0
  let tail: Promise<unknown> = Promise.resolve()

  /** Runs `task` after every task queued before it. */
  function serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task)
    tail = run.catch(() => undefined)
    return run
  }

  function rules() {
    return {
      common,
      maxTxBytes: options.maxTxBytes,
      blockGasLimit: options.blockGasLimit(),
      baseFeeFloor: options.baseFeeFloor,
    }
  }

  /** Recomputes one sender's pending run and the pool totals; forgets the sender when empty. */
  function recount(s: SenderTxs): void {
    version++
    let end = s.stateNonce
    let cost = 0n
    for (let entry = s.txs.get(end); entry !== undefined; entry = s.txs.get(end)) {
      cost += entry.cost
      end++
    }
    const pendingCount = Number(end - s.stateNonce)
    const queuedCount = s.txs.size - pendingCount
    totalPending += pendingCount - s.pendingCount
    totalQueued += queuedCount - s.queuedCount
    s.pendingEnd = end
    s.pendingCount = pendingCount
    s.queuedCount = queuedCount
    s.pendingCost = cost
    if (s.txs.size === 0 && senders.get(s.key) === s) senders.delete(s.key)
  }

  function removeEntry(entry: PoolEntry): boolean {
    const s = senders.get(entry.senderKey)
    if (s === undefined || s.txs.get(entry.nonce) !== entry) return false
    s.txs.delete(entry.nonce)
    byHash.delete(bytesToHex(entry.pooled.hash))
    recount(s)
    return true
  }

  function senderTxs(address: Uint8Array, key: string, stateNonce: bigint): SenderTxs {
    let s = senders.get(key)
    if (s === undefined) {
      s = { address, key, stateNonce, txs: new Map(), pendingEnd: stateNonce, pendingCount: 0, queuedCount: 0, pendingCost: 0n }
      senders.set(key, s)
    }
    return s
  }

  /**
   * What the sender's pending txs may spend, counted from its nonce at the head. Right after a block
   * (before onBlockSealed has caught up) the head may be past `stateNonce`: the txs it included are
   * already paid for and must not count twice.
   */
  function pendingSpend(s: SenderTxs | undefined, headNonce: bigint): { spent: bigint; from: bigint } {
    if (s === undefined) return { spent: 0n, from: headNonce }
    if (headNonce <= s.stateNonce) return { spent: s.pendingCost, from: s.stateNonce }
    let spent = 0n
    for (let nonce = headNonce; nonce < s.pendingEnd; nonce++) spent += s.txs.get(nonce)!.cost
    return { spent, from: headNonce }
  }

  /**
   * When a new nonce would break a limit: the cheapest tx (lowest effective tip at the next base
   * fee) that may make room, if the newcomer pays more. A sender's own lower nonces never make room.
   */
  function chooseVictim(candidate: ValidatedTransaction, senderKey: string): PoolEntry | undefined {
    const own = senders.get(senderKey)
    let pool: Iterable<PoolEntry>
    if (own !== undefined && own.txs.size >= options.maxPerSender) pool = own.txs.values()
    else if (byHash.size >= options.maxGlobal) pool = byHash.values()
    else return undefined
    const baseFee = options.nextBaseFee()
    const { nonce } = candidate.decoded
    let victim: PoolEntry | undefined
    let victimTip = 0n
    for (const entry of pool) {
      if (entry.senderKey === senderKey && entry.nonce < nonce) continue
      const tip = effectiveTip(entry, baseFee)
      if (victim === undefined || tip < victimTip || (tip === victimTip && entry.seq > victim.seq)) {
        victim = entry
        victimTip = tip
      }
    }
    if (victim === undefined || victimTip >= effectiveTip(candidate.decoded, baseFee)) reject('txpool is full')
    return victim
  }

  /**
   * The stateful half of admission and the pool change. Runs inside `serialize`; everything after
   * the account read is synchronous, so no other change interleaves between the checks and the
   * change. The journal write is the caller's (see `add`).
   */
  async function admit(candidate: ValidatedTransaction): Promise<Admission> {
    const { decoded, sender } = candidate
    if (byHash.has(bytesToHex(decoded.hash))) reject('already known')
    const senderKey = senderKeyOf(sender)
    const account = await options.getAccount(sender)
    if (byHash.has(bytesToHex(decoded.hash))) reject('already known')
    if (decoded.nonce < account.nonce) reject(`nonce too low: next nonce ${account.nonce}, tx nonce ${decoded.nonce}`)

    const cost = maxCost(decoded.gasLimit, decoded.feeCap, decoded.value)
    const { balance } = account
    const prefix = 'insufficient funds for gas * price + value'
    if (balance < cost) reject(`${prefix}: balance ${balance}, tx cost ${cost}, overshot ${cost - balance}`)
    const own = senders.get(senderKey)
    const old = own?.txs.get(decoded.nonce)
    const { spent, from } = pendingSpend(own, account.nonce)
    if (own !== undefined && old !== undefined && decoded.nonce >= from && decoded.nonce < own.pendingEnd) {
      const bump = cost - old.cost
      const need = spent + bump
      if (balance < need) {
        reject(`${prefix}: balance ${balance}, queued cost ${spent}, tx bumped ${bump}, overshot ${need - balance}`)
      }
    } else if (old === undefined) {
      const need = spent + cost
      if (balance < need) {
        reject(`${prefix}: balance ${balance}, queued cost ${spent}, tx cost ${cost}, overshot ${need - balance}`)
      }
    }
    if (old !== undefined && !meetsPriceBump(old, decoded, options.priceBumpPercent)) {
      reject('replacement transaction underpriced')
    }
    const victim = old === undefined ? chooseVictim(candidate, senderKey) : undefined
    // Only a fee product over 2^256 leaves the tx unbuilt, and the balance check refused that above.
    if ('unbuildable' in candidate.tx) reject(`invalid transaction: ${candidate.tx.unbuildable}`)

    const entry: PoolEntry = {
      pooled: { tx: candidate.tx, hash: decoded.hash, sender, raw: decoded.raw },
      senderKey,
      nonce: decoded.nonce,
      gasLimit: decoded.gasLimit,
      feeCap: decoded.feeCap,
      tipCap: decoded.tipCap,
      cost,
      seq: nextSeq++,
    }
    const displaced = [old, victim]
      .filter((e): e is PoolEntry => e !== undefined)
      .map((gone) => ({ entry: gone, stateNonce: senders.get(gone.senderKey)?.stateNonce ?? account.nonce }))
    for (const gone of displaced) removeEntry(gone.entry)
    insertEntry(entry, account.nonce)
    return { entry, displaced }
  }

  function insertEntry(entry: PoolEntry, stateNonce: bigint): void {
    const s = senderTxs(entry.pooled.sender, entry.senderKey, stateNonce)
    s.txs.set(entry.nonce, entry)
    byHash.set(bytesToHex(entry.pooled.hash), entry)
    if (entry.nonce === s.pendingEnd && s.pendingEnd >= s.stateNonce) extendRun(s)
    else recount(s)
  }

  /**
   * A tx joined at the end of the sender's pending run: extends the run (through any queued txs it
   * closes the gap to) without walking it from the start, so a long run of nonces is admitted in
   * linear time. Same result as `recount`.
   */
  function extendRun(s: SenderTxs): void {
    version++
    let end = s.pendingEnd
    let cost = s.pendingCost
    let added = 0
    for (let entry = s.txs.get(end); entry !== undefined; entry = s.txs.get(end)) {
      cost += entry.cost
      end++
      added++
    }
    const queuedCount = s.txs.size - s.pendingCount - added
    totalPending += added
    totalQueued += queuedCount - s.queuedCount
    s.pendingEnd = end
    s.pendingCount += added
    s.queuedCount = queuedCount
    s.pendingCost = cost
  }

  /** Undoes an admission whose journal write failed: the tx leaves, what it displaced returns. */
  function revert({ entry, displaced }: Admission): void {
    removeEntry(entry)
    for (const { entry: gone, stateNonce } of displaced) {
      const s = senders.get(gone.senderKey)
      if (byHash.has(bytesToHex(gone.pooled.hash)) || s?.txs.has(gone.nonce) === true) continue
      if (gone.nonce < (s?.stateNonce ?? stateNonce)) continue
      insertEntry(gone, s?.stateNonce ?? stateNonce)
    }
  }

  /** Deletes journal entries whose txs left the pool; a failure only leaves entries the next start re-judges. */
  function forget(hashes: Uint8Array[]): Promise<void> {
    return journal.delete(hashes).catch((err: unknown) => {
      logEvent('error', 'journal delete failed', { count: String(hashes.length), error: errorText(err) })
    })
  }

  function notify(tx: PooledTransaction): void {
    for (const listener of listeners) {
      try {
        listener(tx)
      } catch (err) {
        logEvent('error', 'onAdded listener threw', { error: errorText(err) })
      }
    }
  }

  return {
    async add(raw) {
      const bytes = raw.slice()
      const decoded = decodeTransaction(bytes)
      if (byHash.has(bytesToHex(decoded.hash))) reject('already known')
      let admission: Admission
      if (recovery === undefined) {
        const candidate = validateTransaction(decoded, rules())
        admission = await serialize(() => admit(candidate))
      } else {
        // Recovery may finish on the worker after later calls have started theirs: the admission
        // slot is taken now, so txs are still admitted in call order (a batch's nonce order).
        const validated = validateTransactionAsync(decoded, rules(), recovery)
        validated.catch(() => undefined)
        admission = await serialize(async () => admit(await validated))
      }
      // The pool changed at once (a later tx of this sender must see this one); the tx is
      // acknowledged only once its journal entry is written, and undone if that fails.
      const { entry, displaced } = admission
      try {
        await journal.put(entry.pooled.hash, entry.pooled.raw)
      } catch (err) {
        revert(admission)
        throw err
      }
      if (displaced.length > 0) await forget(displaced.map((gone) => gone.entry.pooled.hash))
      notify(entry.pooled)
      return entry.pooled.hash
    },

    get(hash) {
      return byHash.get(bytesToHex(hash))?.pooled
    },

    async pendingNonce(sender) {
      const account = await options.getAccount(sender)
      const s = senders.get(senderKeyOf(sender))
      let nonce = account.nonce
      if (s !== undefined) while (s.txs.has(nonce)) nonce++
      return nonce
    },

    isPending(hash) {
      const entry = byHash.get(bytesToHex(hash))
      if (entry === undefined) return false
      const s = senders.get(entry.senderKey)
      return s !== undefined && entry.nonce >= s.stateNonce && entry.nonce < s.pendingEnd
    },

    content() {
      const content: TxPoolContent = { pending: new Map(), queued: new Map() }
      for (const s of senders.values()) {
        const pending = new Map<bigint, PooledTransaction>()
        const queued = new Map<bigint, PooledTransaction>()
        for (const nonce of [...s.txs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
          const pooled = s.txs.get(nonce)!.pooled
          if (nonce >= s.stateNonce && nonce < s.pendingEnd) pending.set(nonce, pooled)
          else queued.set(nonce, pooled)
        }
        if (pending.size > 0) content.pending.set(s.key, pending)
        if (queued.size > 0) content.queued.set(s.key, queued)
      }
      return content
    },

    status() {
      let taken = 0
      for (const entry of inFlight) if (byHash.get(bytesToHex(entry.pooled.hash)) === entry) taken++
      return { pending: totalPending - taken, queued: totalQueued }
    },

    start() {
      return serialize(async () => {
        const stale: Uint8Array[] = []
        const replay: ValidatedTransaction[] = []
        for await (const [hash, raw] of options.journal.entries()) {
          try {
            const candidate = validateTransaction(decodeTransaction(raw), rules())
            if (bytesToHex(candidate.decoded.hash) !== bytesToHex(hash)) stale.push(hash)
            else replay.push(candidate)
          } catch {
            stale.push(hash)
          }
        }
        // Nonce order, and the best-paying first among txs competing for one nonce.
        replay.sort((a, b) => {
          const x = a.decoded
          const y = b.decoded
          if (x.nonce !== y.nonce) return x.nonce < y.nonce ? -1 : 1
          return x.feeCap === y.feeCap ? 0 : x.feeCap > y.feeCap ? -1 : 1
        })
        for (const candidate of replay) {
          try {
            const { displaced } = await admit(candidate)
            for (const gone of displaced) stale.push(gone.entry.pooled.hash)
          } catch (err) {
            if (!(err instanceof TransactionRejectedError)) throw err
            stale.push(candidate.decoded.hash)
          }
        }
        if (stale.length > 0) await journal.delete(stale)
      })
    },

    version() {
      return version
    },

    candidates(baseFee, options) {
      const pendingBySender: PoolEntry[][] = []
      for (const s of senders.values()) {
        if (s.pendingCount === 0) continue
        const run: PoolEntry[] = []
        for (let nonce = s.stateNonce; nonce < s.pendingEnd; nonce++) run.push(s.txs.get(nonce)!)
        pendingBySender.push(run)
      }
      const live = (entry: PoolEntry) => byHash.get(bytesToHex(entry.pooled.hash)) === entry
      if (options?.ahead === true) return createCandidates(pendingBySender, baseFee, live)
      const taken: PoolEntry[] = []
      inFlight = taken
      return createCandidates(pendingBySender, baseFee, live, (entry) => taken.push(entry))
    },

    onBlockSealed(includedHashes) {
      const handedOut = inFlight
      return serialize(async () => {
        const gone: Uint8Array[] = []
        for (const hash of includedHashes) {
          const entry = byHash.get(bytesToHex(hash))
          if (entry !== undefined && removeEntry(entry)) gone.push(hash)
        }
        const all = [...senders.values()]
        const accounts = await Promise.all(all.map((s) => options.getAccount(s.address)))
        all.forEach((s, i) => {
          // A sender emptied (by drop) while the accounts were read is gone from the pool.
          if (senders.get(s.key) !== s) return
          const account = accounts[i]!
          for (const entry of [...s.txs.values()]) {
            if (entry.nonce < account.nonce || entry.cost > account.balance) {
              s.txs.delete(entry.nonce)
              byHash.delete(bytesToHex(entry.pooled.hash))
              gone.push(entry.pooled.hash)
            }
          }
          s.stateNonce = account.nonce
          recount(s)
        })
        if (inFlight === handedOut) inFlight = []
        if (gone.length > 0) await journal.delete(gone)
      })
    },

    drop(hash) {
      // The reason is the caller's to log (the sequencer logs it with the block it was building).
      const entry = byHash.get(bytesToHex(hash))
      if (entry === undefined || !removeEntry(entry)) return
      void forget([hash])
    },

    close() {
      return recovery?.close() ?? Promise.resolve()
    },

    onAdded(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
