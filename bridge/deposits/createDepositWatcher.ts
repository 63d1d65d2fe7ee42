/**
 * The deposit watcher: the sequencer's DepositSource on NoM (bridge/README.md §1). A loop reads
 * momentums in height order up to `frontier − depositConfirmations`; a momentum becomes the newest
 * usable origin once every Deposit send in it has a confirmed anchor receive, and its deposits are
 * matched with the anchor's records. Everything is written to the watcher's own level database
 * before it is handed out; `next` answers from that, so it keeps answering while NoM is away.
 *
 * Failures: NoM unreachable or odd answers → retry with backoff (status().lastError); a scanned
 * momentum no longer canonical → the cursor goes back to the newest canonical one and scans again;
 * data that can never become valid → halt (status().halted, `next` throws DepositWatcherHaltedError).
 */
import type { Hash } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { bytesEqual, toHex } from '../../nom/hash.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import type { LogEvent } from '../../node/log.ts'
import type { DepositBatch, DepositRequest, DepositSource, OriginMomentum } from '../../node/deposits/depositSource.ts'
import type { DepositTx } from '../../node/deposits/depositTx.ts'
import { depositTransaction, type TokenMetadata } from './depositTransaction.ts'
import { readAnchorChain, readTokenMetadata, type AnchorChainInfo } from './anchorReads.ts'
import { checkNoMissedDeposit, readMomentumDeposits, type MomentumDepositsContext } from './momentumDeposits.ts'
import { openWatcherStore, type ScannedMomentum, type WatchedDeposit, type WatcherCursor, type WatcherStore } from './watcherStore.ts'
import { DepositDataError, DepositWatcherHaltedError, DepositWatcherStoppedError, InconsistentNoMAnswerError, OriginNotCanonicalError, UnknownDepositError } from './errors.ts'

export interface DepositWatcherOptions {
  client: NoMClient
  /** The L2's chain id = the anchor chain id. */
  chainId: bigint
  /** Momentums a Deposit send must be under the frontier; default: the anchor chain record's (read every pass). */
  depositConfirmations?: bigint
  /** The watcher's own level database, e.g. `<l2 dataDir>/bridge/deposits`. */
  dataDir: string
  /** Pause between scans, default 1,000 ms; also the first retry delay (doubling up to maxBackoffMs). */
  pollMs?: number
  /** Longest pause between retries, default 30,000 ms. */
  maxBackoffMs?: number
  /** Momentums read per request, default 100 (NoM allows up to 1,024). */
  pageSize?: number
  log: (event: LogEvent) => void
}

export interface DepositWatcherStatus {
  /** Every momentum up to this height is scanned (0: none yet). */
  scannedHeight: bigint
  /** The newest usable origin (undefined: none yet). */
  originHeight: bigint | undefined
  /** Deposits known (the newest known index). */
  knownDeposits: bigint
  /** The last NoM failure, cleared by the next successful scan. */
  lastError?: string
  /** Why the watcher halted (it never resumes by itself). */
  halted?: string
}

export interface DepositWatcher extends DepositSource {
  next(request: DepositRequest): Promise<DepositBatch | undefined>
  onAvailable(listener: () => void): () => void
  /** Anchor deposit index of a deposit the watcher handed out (undefined: unknown sourceHash). */
  depositIndexOf(sourceHash: Uint8Array): Promise<bigint | undefined>
  /** A known deposit by its anchor index, with its deposit transaction. */
  deposit(index: bigint): Promise<(WatchedDeposit & { tx: DepositTx }) | undefined>
  /** Starts the polling loop (opens the database on first use). */
  start(): Promise<void>
  /** Stops the loop, waits for a running scan, closes the database. */
  stop(): Promise<void>
  /** One scan now (what the loop does every pollMs); rejects with the NoM error, or DepositWatcherHaltedError. */
  sync(): Promise<void>
  status(): DepositWatcherStatus
}

/** Deposits offered per `next` answer at most (a block takes ~300 ZNN deposits at 30M gas). */
const MAX_DEPOSITS_PER_ANSWER = 512
const hex = (b: Uint8Array) => `0x${toHex(b)}`

export function createDepositWatcher(options: DepositWatcherOptions): DepositWatcher {
  const { client, chainId, log } = options
  const pollMs = options.pollMs ?? 1_000
  const maxBackoffMs = options.maxBackoffMs ?? 30_000
  const pageSize = options.pageSize ?? 100
  if (!Number.isInteger(pollMs) || pollMs <= 0) throw new RangeError(`pollMs must be a positive integer, got ${pollMs}`)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1024) throw new RangeError(`pageSize must be 1…1024, got ${pageSize}`)

  let opening: Promise<WatcherStore> | undefined
  let closed = false
  let cursor: WatcherCursor = { scannedHeight: 0n, nextIndex: 1n }
  let head: OriginMomentum | undefined
  let halted: string | undefined
  let lastError: string | undefined
  let failures = 0
  let running = false
  let timer: NodeJS.Timeout | undefined
  let passes: Promise<void> = Promise.resolve()
  /** The store mutation in progress (next waits for it, never for NoM). */
  let mutating: Promise<void> = Promise.resolve()
  let waitingLogged: string | undefined
  let chainMissingLogged = false
  const listeners = new Set<() => void>()
  const tokens = new Map<string, TokenMetadata>()

  const open = (): Promise<WatcherStore> => {
    if (closed) return Promise.reject(new DepositWatcherStoppedError('deposit watcher is stopped'))
    opening ??= (async () => {
      const s = await openWatcherStore(options.dataDir, chainId)
      const stored = await s.cursor()
      if (stored !== undefined) {
        cursor = stored
        head = await s.momentum(stored.scannedHeight)
      }
      return s
    })()
    return opening
  }

  const mutate = (fn: () => Promise<void>): Promise<void> => {
    const run = mutating.then(fn)
    mutating = run.catch(() => undefined)
    return run
  }

  const context: MomentumDepositsContext = {
    client,
    chainId,
    async token(zts) {
      const key = toHex(zts)
      const cached = tokens.get(key)
      if (cached !== undefined) return cached
      const found = await readTokenMetadata(client, zts)
      if (found !== undefined) tokens.set(key, found)
      return found
    },
  }

  const notify = () => {
    for (const listener of [...listeners]) {
      try {
        listener()
      } catch (error) {
        log({ level: 'error', module: 'deposits', msg: 'onAvailable listener threw', error: (error as Error).message })
      }
    }
  }

  /** Moves the cursor back to the newest stored momentum NoM still has, dropping what follows. */
  async function rewind(s: WatcherStore, reason: string): Promise<void> {
    const first = await s.firstMomentumHeight()
    let canonical = 0n
    if (first !== undefined) {
      let top = cursor.scannedHeight
      search: while (top >= first) {
        const from = top - BigInt(pageSize) + 1n > first ? top - BigInt(pageSize) + 1n : first
        const list = (await client.getMomentumsByHeight(from, top - from + 1n)).list
        for (let h = top; h >= from; h--) {
          const nom = list.find((m) => m.height === h)
          const stored = await s.momentum(h)
          if (nom !== undefined && stored !== undefined && bytesEqual(nom.hash, stored.hash)) {
            canonical = h
            break search
          }
        }
        top = from - 1n
      }
    }
    let nextIndex = cursor.nextIndex
    while (nextIndex > 1n) {
      const d = await s.deposit(nextIndex - 1n)
      if (d !== undefined && d.record.momentumHeight <= canonical) break
      nextIndex--
    }
    const from = cursor.scannedHeight
    const dropped = cursor.nextIndex - nextIndex
    await mutate(async () => {
      const target = { scannedHeight: canonical, nextIndex }
      await s.rewind(target)
      cursor = target
      head = canonical === 0n ? undefined : await s.momentum(canonical)
    })
    log({ level: 'warn', module: 'deposits', msg: 'scanned momentums are no longer canonical; rescanning', reason, from: Number(from), to: Number(canonical), droppedDeposits: Number(dropped) })
  }

  async function scanOnce(): Promise<void> {
    const s = await open()
    const chain: AnchorChainInfo | undefined = await readAnchorChain(client, chainId)
    if (chain === undefined) {
      if (!chainMissingLogged) log({ level: 'info', module: 'deposits', msg: 'chain not on the anchor yet; waiting', chainId: chainId.toString() })
      chainMissingLogged = true
      return
    }
    chainMissingLogged = false
    // Nothing scanned yet (or everything rewound): no deposit of the chain is older than its creation.
    if (head === undefined && cursor.nextIndex === 1n && cursor.scannedHeight < chain.createdAt - 1n) {
      cursor = { scannedHeight: chain.createdAt - 1n, nextIndex: 1n }
    }
    const confirmations = options.depositConfirmations ?? chain.depositConfirmations
    const frontier = await client.getFrontierMomentum()
    const limit = frontier.height - confirmations
    let advanced = false

    while (cursor.scannedHeight < limit) {
      const from = cursor.scannedHeight + 1n
      const count = limit - cursor.scannedHeight < BigInt(pageSize) ? limit - cursor.scannedHeight : BigInt(pageSize)
      const page = (await client.getDetailedMomentumsByHeight(from, count)).list
      const scanned: ScannedMomentum[] = []
      let nextIndex = cursor.nextIndex
      let waiting = false
      /** Writes what this page scanned so far (also before an error leaves the pass: no work is redone). */
      const flush = async () => {
        if (scanned.length === 0) return
        const last = scanned.at(-1)!.momentum
        const target = { scannedHeight: last.height, nextIndex }
        await mutate(async () => {
          await s.append(scanned, target)
          cursor = target
          head = last
        })
        advanced = true
        for (const { deposits } of scanned) {
          for (const d of deposits) {
            log({
              level: 'info',
              module: 'deposits',
              msg: 'deposit',
              index: Number(d.record.index),
              momentumHeight: Number(d.record.momentumHeight),
              token: formatTokenStandard(d.record.tokenStandard),
              amount: d.record.amount.toString(),
              sourceHash: hex(d.sourceHash),
            })
          }
        }
      }
      try {
        for (const detailed of page) {
          const m = detailed.momentum
          const expected = from + BigInt(scanned.length)
          if (m.height !== expected) throw new InconsistentNoMAnswerError(`NoM returned momentum ${m.height} where ${expected} was asked for`)
          const previous = scanned.at(-1)?.momentum ?? head
          if (previous !== undefined && previous.height === m.height - 1n && !bytesEqual(previous.hash, m.previousHash)) {
            if (scanned.length > 0) throw new InconsistentNoMAnswerError(`NoM returned momentum ${m.height} whose previousHash does not match momentum ${previous.height}`)
            await rewind(s, `momentum ${m.height} does not follow the scanned momentum ${previous.height} ${toHex(previous.hash)}`)
            return
          }
          const origin: OriginMomentum = { height: m.height, hash: m.hash, timestamp: m.timestamp }
          const found = await readMomentumDeposits(context, origin, detailed.blocks, nextIndex)
          if (!found.ready) {
            if (waitingLogged !== toHex(found.waitingFor)) {
              log({ level: 'info', module: 'deposits', msg: 'waiting for the anchor receive of a Deposit send', momentumHeight: Number(m.height), sendHash: toHex(found.waitingFor) })
              waitingLogged = toHex(found.waitingFor)
            }
            waiting = true
            break
          }
          for (const sendHash of found.failedSends) {
            log({ level: 'warn', module: 'deposits', msg: 'Deposit send refused by the anchor (refunded on NoM)', momentumHeight: Number(m.height), sendHash: toHex(sendHash) })
          }
          scanned.push({ momentum: origin, deposits: found.deposits })
          nextIndex += BigInt(found.deposits.length)
        }
      } catch (error) {
        await flush()
        if (advanced) notify()
        throw error
      }
      await flush()
      if (waiting || page.length === 0 || scanned.length < page.length) break
    }

    if (!advanced && head !== undefined) {
      // Nothing new to link against: check the scanned head itself.
      const nom = (await client.getMomentumsByHeight(head.height, 1n)).list[0]
      if (nom === undefined || nom.height !== head.height || !bytesEqual(nom.hash, head.hash)) {
        await rewind(s, `NoM has ${nom === undefined ? 'no momentum' : toHex(nom.hash)} at the scanned height ${head.height}`)
        return
      }
    }
    // Index gap: a record the scan should have met (its momentum is scanned) but did not.
    await checkNoMissedDeposit(client, chainId, cursor.nextIndex, cursor.scannedHeight, chain.depositCount)
    if (advanced) notify()
  }

  /** One pass, classified: data errors halt, anything else is retried by the loop. */
  function pass(): Promise<void> {
    const run = passes.then(async () => {
      if (halted !== undefined) throw new DepositWatcherHaltedError(halted)
      try {
        await scanOnce()
      } catch (error) {
        if (error instanceof DepositDataError) {
          halted = error.message
          log({ level: 'error', module: 'deposits', msg: 'deposit watcher halted', reason: error.message })
          throw new DepositWatcherHaltedError(halted)
        }
        throw error
      }
      if (failures > 0) log({ level: 'info', module: 'deposits', msg: 'NoM reachable again', failedAttempts: failures })
      failures = 0
      lastError = undefined
    })
    passes = run.catch(() => undefined)
    return run
  }

  function schedule(delayMs: number): void {
    if (!running) return
    timer = setTimeout(() => {
      timer = undefined
      pass().then(
        () => schedule(pollMs),
        (error: Error) => {
          if (error instanceof DepositWatcherHaltedError) return
          failures++
          lastError = `${error.name}: ${error.message}`
          const retryInMs = Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures, 20))
          log({ level: 'warn', module: 'deposits', msg: 'NoM read failed; retrying', error: lastError, attempt: failures, retryInMs })
          schedule(retryInMs)
        },
      )
    }, delayMs)
  }

  async function canonicalHash(height: bigint): Promise<Hash | undefined> {
    const s = await open()
    const stored = await s.momentum(height)
    if (stored !== undefined) return stored.hash
    const nom = (await client.getMomentumsByHeight(height, 1n)).list[0]
    return nom !== undefined && nom.height === height ? nom.hash : undefined
  }

  return {
    async next(request) {
      const s = await open()
      await mutating
      if (halted !== undefined) throw new DepositWatcherHaltedError(halted)
      const origin = head
      const parent = request.parentOrigin
      if (parent !== undefined) {
        const canonical = await canonicalHash(parent.height)
        if (canonical === undefined || !bytesEqual(canonical, parent.hash)) {
          throw new OriginNotCanonicalError(
            `the parent block's origin momentum ${parent.height} ${toHex(parent.hash)} is not canonical: NoM has ${canonical === undefined ? 'no momentum' : toHex(canonical)} at that height`,
          )
        }
        // The watcher is behind the chain (a fresh or rewound cursor): nothing to offer yet.
        if (origin === undefined || parent.height > origin.height) return undefined
      }
      if (origin === undefined) return undefined
      let from = 1n
      const last = request.lastDepositSourceHash
      if (last !== undefined) {
        const index = await s.indexOf(last)
        if (index === undefined) {
          throw new UnknownDepositError(`the chain holds deposit ${hex(last)}, which the watcher does not know although it has scanned to momentum ${origin.height}`)
        }
        from = index + 1n
      }
      const deposits: DepositTx[] = []
      for (let i = from; i < cursor.nextIndex && deposits.length < MAX_DEPOSITS_PER_ANSWER; i++) {
        const d = await s.deposit(i)
        if (d === undefined || d.record.momentumHeight > origin.height) break
        deposits.push(depositTransaction(d.record, d.token))
      }
      return { origin: { height: origin.height, hash: origin.hash, timestamp: origin.timestamp }, deposits }
    },

    onAvailable(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    async depositIndexOf(sourceHash) {
      return (await open()).indexOf(sourceHash)
    },

    async deposit(index) {
      const d = await (await open()).deposit(index)
      return d === undefined ? undefined : { ...d, tx: depositTransaction(d.record, d.token) }
    },

    async start() {
      await open()
      if (running) return
      running = true
      log({ level: 'info', module: 'deposits', msg: 'deposit watcher started', chainId: chainId.toString(), scannedHeight: Number(cursor.scannedHeight), knownDeposits: Number(cursor.nextIndex - 1n) })
      schedule(0)
    },

    async stop() {
      running = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await passes
      await mutating
      closed = true
      if (opening !== undefined) await (await opening.catch(() => undefined))?.close()
    },

    sync: () => pass(),

    status() {
      return {
        scannedHeight: cursor.scannedHeight,
        originHeight: head?.height,
        knownDeposits: cursor.nextIndex - 1n,
        ...(lastError === undefined ? {} : { lastError }),
        ...(halted === undefined ? {} : { halted }),
      }
    },
  }
}
