/**
 * The verifier: derives the L2 chain from NoM alone (node/derivation/ over node/replay/), judges
 * every anchor commitment against the output roots it computed, and acts:
 * - challenger (with a flagger key): `Flag(chainId, index)` with the chain's flagBond on the first
 *   wrong commitment that is still in its window, once, logging the evidence;
 * - guardian (with a guardian key): `ResolveFlag(chainId, index, fraud)` on every open flag, once,
 *   fraud = what it computed differs from what was committed;
 * - alerts: no commitment for too long, frames a commitment points at that it cannot read, NoM
 *   unreachable; progress lines while catching up (blocks/s, tx/s, ETA to the committed head).
 *
 * After every momentum it processed it records a checkpoint in the replica's database
 * (verifierStore.ts: derivation state, derived head, momentum), after that momentum's blocks, and
 * the Flag / ResolveFlag calls it sends. A restart continues after the newest checkpoint; blocks a
 * crash left stored after it (at most one momentum's) are dropped and derived again, so it ends
 * where an uninterrupted verifier would be even if NoM replaced that momentum meanwhile. Every read
 * checks that the momentum read last is still NoM's: when NoM replaced it, derivation and the replica go back to the newest kept checkpoint
 * that is still canonical and derive the new branch (deeper than the kept checkpoints: it halts).
 * NoM failures are retried every poll; NoM data that can never become valid halts the verifier.
 */
import { bytesToHex } from '@ethereumjs/util'
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { KeyPair } from '../../nom/keys.ts'
import { bytesEqual, concatBytes, toHex, u64be } from '../../nom/hash.ts'
import { formatAddress } from '../../nom/address.ts'
import { NoMError, InvalidJSONError } from '../../nom/errors.ts'
import { FlagABI, ResolveFlagABI } from '../../contracts/anchor/abi.ts'
import { keccak256 } from '../../node/keccak256.ts'
import type { NodeLogger } from '../../node/log.ts'
import type { Replica } from '../../node/replay/createReplica.ts'
import type { ReplayProgress } from '../../node/replay/progress.ts'
import { createDerivation, type Derivation } from '../../node/derivation/createDerivation.ts'
import type { DerivationEvent } from '../../node/derivation/types.ts'
import { callAnchor } from '../../contracts/anchor/rpc/anchorCall.ts'
import { readCommitments, readVerifierChain, type VerifierChainInfo, type VerifierCommitment } from './anchorReads.ts'
import { createAlerts, type Alert } from './alerts.ts'
import { createHeadHistory, type HeadHistory } from './headHistory.ts'
import { createMomentumReader, type MomentumReader, type MomentumReorg } from './createMomentumReader.ts'
import { openVerifierStore, type CallState, type FlagRecord, type StoredCheckpoint, type VerifierStore, type VoteRecord } from './verifierStore.ts'
import { judgeCommitment, type CommitmentVerdict } from './judgeCommitment.ts'

export interface VerifierAlertThresholds {
  /** Alert when the newest commitment (or the chain's creation) is this many momentums behind NoM's frontier. Default 4 × challengeWindow. */
  noCommitmentMomentums?: bigint
  /** Alert when NoM has not answered for this long. Default 30,000 ms. */
  nomUnreachableMs?: number
}

export interface VerifierOptions {
  client: NoMClient
  /** The chain's id on the anchor (= the L2 chain id). */
  chainId: bigint
  /** The execution engine and store (its genesis names the batchers: `nom.batchers`). */
  replica: Replica
  /** Overrides the genesis `nom.batchers`. */
  batchers?: readonly string[]
  /** Challenger account: flags wrong commitments (pays the chain's flagBond in ZNN). */
  flaggerKey?: KeyPair
  /** Guardian account: votes on open flags. */
  guardianKey?: KeyPair
  log: NodeLogger
  /** Poll period when caught up. Default 500 ms. */
  pollMs?: number
  /** Momentums read per NoM request. Default 100. */
  momentumsPerRead?: number
  alerts?: VerifierAlertThresholds
  /** Progress line period while blocks are being derived. Default 10,000 ms. */
  progressEveryMs?: number
  /** Polling of anchor call outcomes (Flag, ResolveFlag). */
  anchorCallPollMs?: number
  /** Checkpoints kept, one per momentum: the deepest NoM reorg the verifier follows. Default 100. */
  checkpointDepth?: bigint
  now?: () => number
}

export interface JudgedCommitment {
  index: bigint
  l2BlockNumber: bigint
  proposedAt: bigint
  verdict: 'correct' | 'wrong'
  reason?: string
}

export interface VerifierStatus {
  /** Last momentum derivation has read. */
  position: bigint | undefined
  /** Derived head. */
  head: bigint
  /** Commitments judged, ascending by index (those currently on the anchor). */
  commitments: JudgedCommitment[]
  /** Commitment indices this verifier flagged (Flag succeeded). */
  flagged: bigint[]
  /** Votes this verifier cast (ResolveFlag succeeded). */
  votes: { index: bigint; fraud: boolean }[]
  /** Every Flag / ResolveFlag this verifier sent (kept across restarts), by commitment index. */
  anchorCalls: AnchorCallStatus[]
  alerts: Alert[]
  progress: ReplayProgress
  lastError?: string
  /** Set when the verifier stopped for good (NoM data that can never become valid, a replica failure). */
  halted?: string
}

export interface AnchorCallStatus {
  call: 'Flag' | 'ResolveFlag'
  index: bigint
  /** The call's send hash (hex), once published and answered. */
  sendHash?: string
  /** `sending`: published or about to be, no outcome yet (retried after a restart). */
  outcome: CallState
  error?: string
  fraud?: boolean
}

export interface Verifier {
  /** Starts the polling loop (the replica's RPC is the caller's to start). */
  start(): Promise<void>
  /** Stops the loop and waits for a step and the anchor calls in flight. Idempotent. */
  stop(): Promise<void>
  /** One pass now: read NoM, derive, judge, act. Throws what it cannot handle. */
  step(): Promise<void>
  status(): VerifierStatus
}

/** A halt reason: derivation or NoM data that can never become valid. */
export class VerifierHaltedError extends Error {
  override readonly name = 'VerifierHaltedError'
}

/** NoM replaced momentums below every checkpoint the verifier kept: it cannot follow (halts). */
export class VerifierReorgTooDeepError extends Error {
  override readonly name = 'VerifierReorgTooDeepError'
}

/** Longest a step derives before it judges commitments (so flags are not held back by a long catch-up). */
const STEP_BUDGET_MS = 2_000

const hex = (b: Uint8Array) => bytesToHex(b)
const keyOf = (c: VerifierCommitment) => `${c.index}:${toHex(c.sendHash)}`

/** framesHash of frame `index` with anchor data hash `dataHash` (bridge/README.md §3). */
export function framesHashOf(index: bigint, dataHash: Uint8Array): Uint8Array {
  return keccak256(concatBytes(u64be(index), dataHash))
}

function callStatus(call: AnchorCallStatus['call'], r: FlagRecord): AnchorCallStatus {
  return { call, index: r.index, outcome: r.state, ...(r.sendHash === undefined ? {} : { sendHash: toHex(r.sendHash) }), ...(r.error === undefined ? {} : { error: r.error }) }
}

export function createVerifier(options: VerifierOptions): Verifier {
  const { client, chainId, replica, log } = options
  const now = options.now ?? Date.now
  const pollMs = options.pollMs ?? 500
  const momentumsPerRead = options.momentumsPerRead ?? 100
  const progressEveryMs = options.progressEveryMs ?? 10_000
  const configured = options.batchers ?? replica.genesis.nom?.batchers
  if (configured === undefined || configured.length === 0) throw new RangeError('the verifier needs the chain\'s batchers: genesis nom.batchers or options.batchers')
  const batchers: readonly string[] = configured
  const alerts = createAlerts(log, now)

  const checkpointDepth = options.checkpointDepth ?? 100n
  let chainInfo: VerifierChainInfo | undefined
  let store: VerifierStore | undefined
  let startHeight = 1n
  let derivation: Derivation | undefined
  let reader: MomentumReader | undefined
  let history: HeadHistory = createHeadHistory()
  /** framesHash (hex) → momentum height at which that frame was read. */
  let framesRead = new Map<string, bigint>()
  /** Completed channels already in the store; the head recorded with the last checkpoint. */
  let completedStored = 0
  let headStored = 0n
  /** Flag / ResolveFlag records (the store's), by commitment key. */
  const flagRecords = new Map<string, FlagRecord>()
  const voteRecords = new Map<string, VoteRecord>()
  const verdicts = new Map<string, { commitment: VerifierCommitment; verdict: Exclude<CommitmentVerdict, { kind: 'pending' }> }>()
  /** Commitments on the anchor: `settled` (final and judged, never change again) then the rest. */
  let settled: VerifierCommitment[] = []
  const settledMissing = new Set<string>()
  let current: VerifierCommitment[] = []
  let behind = false
  const flagsSent = new Set<string>()
  const votesSent = new Set<string>()
  let actions: Promise<unknown> = Promise.resolve()
  let unreachableSince: number | undefined
  let lastError: string | undefined
  let halted: string | undefined
  let running = false
  let timer: NodeJS.Timeout | undefined
  let inStep: Promise<void> | undefined
  let lastProgressAt = now()
  let derivedSinceProgress = 0

  /** The verifier's records, with the Flag / ResolveFlag calls sent before a restart (status() lists them). */
  async function openStore(): Promise<VerifierStore> {
    if (store !== undefined) return store
    const opened = await openVerifierStore(replica.chain.db, chainId, { checkpointDepth })
    for (const f of await opened.flags()) flagRecords.set(`${f.index}:${toHex(f.commitmentSendHash)}`, f)
    for (const v of await opened.votes()) voteRecords.set(`${v.index}:${toHex(v.commitmentSendHash)}:${v.flaggedAt}`, v)
    store = opened
    return opened
  }

  async function init(): Promise<boolean> {
    const info = await readVerifierChain(client, chainId)
    if (info === undefined) {
      log({ level: 'info', module: 'verifier', msg: 'chain not on the anchor yet', chainId: Number(chainId) })
      return false
    }
    chainInfo = info
    startHeight = info.createdAt > info.sequencingWindow ? info.createdAt - info.sequencingWindow : 1n
    await openStore()
    const resumedAt = await loadDerivation()
    log({
      level: 'info',
      module: 'verifier',
      msg: 'deriving from NoM',
      chainId: Number(chainId),
      fromMomentum: Number(resumedAt === undefined ? startHeight : resumedAt + 1n),
      checkpoint: resumedAt === undefined ? undefined : Number(resumedAt),
      storedHead: Number(replica.head().block.header.number),
      sequencingWindow: Number(info.sequencingWindow),
      flagger: options.flaggerKey === undefined ? undefined : formatAddress(options.flaggerKey.address),
      guardian: options.guardianKey === undefined ? undefined : formatAddress(options.guardianKey.address),
    })
    return true
  }

  /**
   * Blocks a crash left stored after the last checkpoint (its write is the last of a momentum's) are
   * dropped: derived again from the checkpoint, they are whatever NoM holds now.
   */
  async function dropBlocksAbove(number: bigint, at: string): Promise<void> {
    const head = replica.head().block.header.number
    if (head <= number) return
    log({ level: 'warn', module: 'verifier', msg: 'blocks stored after the last checkpoint dropped; deriving them again', from: String(head), to: String(number), at })
    await replica.rewind(number)
  }

  /** The replica must hold the block a checkpoint names (genesis for the start), or the data dir holds another chain. */
  async function requireCheckpointBlock(height: bigint, head: { number: bigint; hash?: Uint8Array }): Promise<void> {
    const stored = await replica.chain.getBlockByNumber(head.number)
    if (stored !== undefined && (head.hash === undefined || bytesEqual(stored.hash, head.hash))) return
    throw new VerifierHaltedError(
      `checkpoint ${height} names block ${head.number} ${head.hash === undefined ? '' : hex(head.hash)}, which the replica does not hold: the data dir holds another chain (--reset)`,
    )
  }

  /** Derivation and reader from the newest stored checkpoint (or the start); its height. */
  async function loadDerivation(): Promise<bigint | undefined> {
    const info = chainInfo as VerifierChainInfo
    const loaded = await (store as VerifierStore).load(info.sequencingWindow)
    if (loaded === undefined) {
      await dropBlocksAbove(0n, 'no checkpoint yet')
      derivation = createDerivation({ target: replica, sequencingWindow: info.sequencingWindow, batchers })
      reader = createMomentumReader({ client, chainId, startHeight })
      history = createHeadHistory(0n)
      framesRead = new Map()
      completedStored = 0
      headStored = 0n
      return undefined
    }
    const { checkpoint } = loaded
    await requireCheckpointBlock(checkpoint.height, checkpoint.head)
    await dropBlocksAbove(checkpoint.head.number, `checkpoint ${checkpoint.height}`)
    derivation = createDerivation({
      target: replica,
      sequencingWindow: info.sequencingWindow,
      batchers,
      resume: { checkpoint: checkpoint.derivation, momentums: loaded.momentums, completedChannels: loaded.completedChannels },
    })
    reader = createMomentumReader({
      client,
      chainId,
      startHeight: checkpoint.height + 1n,
      after: { height: checkpoint.height, hash: checkpoint.momentumHash },
      nextDepositIndex: checkpoint.derivation.nextDepositIndex ?? 1n,
      nextFrameIndex: (checkpoint.derivation.lastFrameIndex ?? 0n) + 1n,
    })
    history = createHeadHistory(0n, loaded.headChanges)
    framesRead = loaded.framesRead
    completedStored = checkpoint.derivation.completedCount
    headStored = checkpoint.head.number
    return checkpoint.height
  }

  /**
   * NoM no longer has the momentum read last: back to the newest kept checkpoint whose momentum NoM
   * still has (replica blocks and records above it dropped in one batch), then derive from there.
   */
  async function rewind(reorg: MomentumReorg): Promise<void> {
    const s = store as VerifierStore
    const heights = await s.checkpointHeights()
    let fork: StoredCheckpoint | undefined
    for (let i = heights.length - 1; i >= 0 && fork === undefined; i--) {
      const height = heights[i] as bigint
      const checkpoint = (await s.checkpoint(height)) as StoredCheckpoint
      const canonical = (await client.getMomentumsByHeight(height, 1)).list[0]
      if (canonical !== undefined && canonical.height === height && bytesEqual(canonical.hash, checkpoint.momentumHash)) fork = checkpoint
    }
    const oldest = heights[0]
    if (fork === undefined && oldest !== undefined && oldest > startHeight) {
      throw new VerifierReorgTooDeepError(
        `NoM replaced momentum ${reorg.height} and every kept checkpoint (momentums ${oldest}…${heights.at(-1)}): the reorg is deeper than the ${checkpointDepth} momentums kept; restart the verifier on an empty data dir (--reset)`,
      )
    }
    const to = fork?.height ?? startHeight - 1n
    const fromHead = replica.head().block.header.number
    const toHead = fork?.head.number ?? 0n
    await requireCheckpointBlock(to, fork?.head ?? { number: 0n })
    await replica.rewind(toHead, await s.rewindOps(fork))
    for (const [key, judged] of verdicts) if (judged.commitment.proposedAt > to) verdicts.delete(key)
    const keep = settled.findIndex((c) => c.proposedAt > to)
    if (keep >= 0) settled = settled.slice(0, keep)
    current = current.filter((c) => c.proposedAt <= to)
    log({
      level: 'warn',
      module: 'verifier',
      msg: 'NoM replaced momentums; derivation rewound',
      from: Number(reorg.height),
      to: Number(to),
      replaced: toHex(reorg.read),
      canonical: reorg.canonical === undefined ? undefined : toHex(reorg.canonical),
      fromHead: Number(fromHead),
      toHead: Number(toHead),
    })
    await loadDerivation()
  }

  function report(events: DerivationEvent[]): void {
    for (const e of events) {
      switch (e.kind) {
        case 'blockDerived':
          derivedSinceProgress++
          if (e.source !== 'batch') {
            log({ level: 'warn', module: 'verifier', msg: e.source === 'forced' ? 'forced deposit-only block derived' : 'batch block replaced by a deposit-only block', number: Number(e.number), momentum: Number(e.derivedAt), reason: e.reason })
          }
          break
        case 'frameIgnored':
          log({ level: 'warn', module: 'verifier', msg: 'frame ignored', frameIndex: Number(e.frameIndex), reason: e.reason })
          break
        case 'channelTimedOut':
          log({ level: 'warn', module: 'verifier', msg: 'channel timed out', channelId: hex(e.channelId), firstSeenAt: Number(e.firstSeenAt) })
          break
        case 'channelInvalid':
          log({ level: 'warn', module: 'verifier', msg: 'channel invalid', channelId: hex(e.channelId), readyAt: Number(e.readyAt), reason: e.reason })
          break
        case 'batchInvalid':
          log({ level: 'warn', module: 'verifier', msg: 'batch block invalid; it and the rest of its channel dropped', number: Number(e.number), dropped: e.droppedAfter, reason: e.reason })
          break
        case 'batchSkipped':
          break
      }
    }
  }

  /** Reads and derives for up to STEP_BUDGET_MS; true when NoM has more final momentums waiting. */
  async function derive(): Promise<boolean> {
    const started = now()
    for (;;) {
      const d = derivation as Derivation
      const read = await (reader as MomentumReader).read(momentumsPerRead)
      if (read.reorg !== undefined) {
        await rewind(read.reorg)
        return true
      }
      for (const input of read.momentums) {
        const events = await d.processMomentum(input)
        const height = input.momentum.height
        const head = replica.head()
        const headNumber = head.block.header.number
        history.record(height, headNumber)
        const frames = input.frames.map((f) => ({ index: f.index, framesHash: framesHashOf(f.index, f.dataHash) }))
        for (const f of frames) framesRead.set(toHex(f.framesHash), height)
        const checkpoint = d.checkpoint()
        if (checkpoint === undefined) throw new VerifierHaltedError(`derivation has no checkpoint after momentum ${height}`)
        // after the momentum's blocks (each stored by the replica as it was derived): never ahead of them
        await replica.chain.db.write(
          (store as VerifierStore).momentumOps({
            momentum: input.momentum,
            head: { number: headNumber, hash: head.hash },
            derivation: checkpoint,
            completedChannels: d.completedChannels(completedStored),
            headChanged: headNumber !== headStored,
            frames,
          }, (chainInfo as VerifierChainInfo).sequencingWindow),
        )
        completedStored = checkpoint.completedCount
        headStored = headNumber
        report(events)
      }
      maybeProgress(false)
      if (!read.more) return false
      if (now() - started >= STEP_BUDGET_MS) return true
    }
  }

  function maybeProgress(force: boolean): void {
    const at = now()
    if (!force && (at - lastProgressAt < progressEveryMs || derivedSinceProgress === 0)) return
    const p = replica.progress()
    const committed = current.at(-1)?.l2BlockNumber
    const head = replica.head().block.header.number
    const eta = committed !== undefined && committed > head && p.blocksPerSecond > 0 ? Math.round(Number(committed - head) / p.blocksPerSecond) : 0
    log({
      level: 'info',
      module: 'verifier',
      msg: 'progress',
      head: Number(head),
      momentum: derivation?.position() === undefined ? undefined : Number(derivation.position()),
      blocksPerSecond: Math.round(p.blocksPerSecond * 10) / 10,
      txPerSecond: Math.round(p.txPerSecond * 10) / 10,
      committedHead: committed === undefined ? undefined : Number(committed),
      etaSeconds: eta,
    })
    lastProgressAt = at
    derivedSinceProgress = 0
  }

  function enqueue(what: string, run: () => Promise<void>): void {
    actions = actions.then(run).catch((error: Error) => log({ level: 'error', module: 'verifier', msg: `${what} failed`, error: error.message }))
  }

  function flag(c: VerifierCommitment, verdict: Extract<CommitmentVerdict, { kind: 'wrong' }>): void {
    const key = keyOf(c)
    if (flagsSent.has(key)) return
    flagsSent.add(key)
    // sent before a restart (its outcome known): not again; one left `sending` by a crash is retried
    // (the anchor refuses a second flag of the same commitment and refunds its bond)
    const before = flagRecords.get(key)
    if (before !== undefined && before.state !== 'sending') return
    const flaggerKey = options.flaggerKey as KeyPair
    const bond = (chainInfo as VerifierChainInfo).flagBond
    const s = store as VerifierStore
    enqueue('Flag', async () => {
      const sending: FlagRecord = { index: c.index, commitmentSendHash: c.sendHash, state: 'sending' }
      await s.putFlag(sending)
      flagRecords.set(key, sending)
      const outcome = await callAnchor(client, flaggerKey, FlagABI.encode({ chainId, index: c.index, outputRoot: c.outputRoot }), { amount: bond, ...(options.anchorCallPollMs === undefined ? {} : { pollMs: options.anchorCallPollMs }) })
      const done: FlagRecord = { ...sending, state: outcome.ok ? 'sent' : 'refused', sendHash: outcome.sendHash, ...(outcome.ok ? {} : { error: outcome.error }) }
      await s.putFlag(done)
      flagRecords.set(key, done)
      if (outcome.ok) {
        log({ level: 'warn', module: 'verifier', msg: 'commitment flagged', index: Number(c.index), l2BlockNumber: Number(c.l2BlockNumber), bond: bond.toString(), sendHash: toHex(outcome.sendHash) })
      } else {
        log({ level: 'warn', module: 'verifier', msg: 'Flag refused by the anchor', index: Number(c.index), error: outcome.error, expected: verdict.expected === undefined ? undefined : hex(verdict.expected) })
      }
    })
  }

  function vote(c: VerifierCommitment, fraud: boolean): void {
    const flaggedAt = c.flag?.flaggedAt ?? 0n
    const key = `${keyOf(c)}:${flaggedAt}`
    if (votesSent.has(key)) return
    votesSent.add(key)
    const before = voteRecords.get(key)
    if (before !== undefined && before.state !== 'sending') return
    const guardianKey = options.guardianKey as KeyPair
    const s = store as VerifierStore
    enqueue('ResolveFlag', async () => {
      const sending: VoteRecord = { index: c.index, commitmentSendHash: c.sendHash, flaggedAt, fraud, state: 'sending' }
      await s.putVote(sending)
      voteRecords.set(key, sending)
      const outcome = await callAnchor(client, guardianKey, ResolveFlagABI.encode({ chainId, index: c.index, outputRoot: c.outputRoot, fraud }), options.anchorCallPollMs === undefined ? {} : { pollMs: options.anchorCallPollMs })
      const done: VoteRecord = { ...sending, state: outcome.ok ? 'sent' : 'refused', sendHash: outcome.sendHash, ...(outcome.ok ? {} : { error: outcome.error }) }
      await s.putVote(done)
      voteRecords.set(key, done)
      if (outcome.ok) {
        log({ level: 'info', module: 'verifier', msg: 'guardian vote cast', index: Number(c.index), fraud, sendHash: toHex(outcome.sendHash) })
      } else {
        log({ level: outcome.error === 'guardian already voted' ? 'info' : 'warn', module: 'verifier', msg: 'ResolveFlag refused by the anchor', index: Number(c.index), fraud, error: outcome.error })
      }
    })
  }

  async function judgeAll(frontierHeight: bigint): Promise<void> {
    const info = chainInfo as VerifierChainInfo
    const fresh = await readCommitments(client, chainId, BigInt(settled.length) + 1n)
    current = [...settled, ...fresh]
    const position = derivation?.position()
    const missing = new Set<string>(settledMissing)
    let flaggedThisPass = false
    for (const c of current) {
      const key = keyOf(c)
      let judged = verdicts.get(key)
      if (judged === undefined) {
        const verdict = await judgeCommitment(c, { position, headAt: (h) => history.headAt(h), outputRootAt: (n) => replica.outputRootAt(n) })
        if (verdict.kind === 'pending') continue
        judged = { commitment: c, verdict }
        verdicts.set(key, judged)
        if (verdict.kind === 'wrong') {
          log({
            level: 'warn',
            module: 'verifier',
            msg: 'commitment does not match the derived chain',
            index: Number(c.index),
            l2BlockNumber: Number(c.l2BlockNumber),
            committed: hex(c.outputRoot),
            expected: verdict.expected === undefined ? undefined : hex(verdict.expected),
            proposedAt: Number(c.proposedAt),
            reason: verdict.reason,
          })
        }
      }
      const seenAt = framesRead.get(toHex(c.framesHash))
      if (seenAt === undefined || seenAt > c.proposedAt) {
        missing.add(c.index.toString())
        alerts.raise('framesMissing', c.index.toString(), `commitment ${c.index} (block ${c.l2BlockNumber}) names frames (framesHash ${toHex(c.framesHash)}) not read by momentum ${c.proposedAt}`)
      }
      const { verdict } = judged
      if (verdict.kind === 'wrong' && options.flaggerKey !== undefined && c.status === 'inWindow' && !flaggedThisPass) {
        flag(c, verdict)
        flaggedThisPass = true
      }
      if (c.flag !== undefined && options.guardianKey !== undefined) vote(c, verdict.kind === 'wrong')
    }
    alerts.keepOnly('framesMissing', missing)
    // A final commitment can no longer be flagged or deleted: judge it once, never read it again.
    for (const c of fresh) {
      if (c.status !== 'final' || !verdicts.has(keyOf(c)) || c.index !== BigInt(settled.length) + 1n) break
      settled.push(c)
      if (missing.has(c.index.toString())) settledMissing.add(c.index.toString())
    }
    const newest = current.at(-1)?.proposedAt ?? info.createdAt
    const limit = options.alerts?.noCommitmentMomentums ?? info.challengeWindow * 4n
    if (frontierHeight > newest + limit) {
      alerts.raise('noCommitment', 'chain', `no commitment since momentum ${newest}; NoM is at ${frontierHeight} (limit ${limit} momentums)`)
    } else alerts.clear('noCommitment')
  }

  async function step(): Promise<void> {
    if (halted !== undefined) throw new VerifierHaltedError(halted)
    try {
      const frontier = await client.getFrontierMomentum()
      if (unreachableSince !== undefined) log({ level: 'info', module: 'verifier', msg: 'NoM reachable again' })
      unreachableSince = undefined
      alerts.clear('nomUnreachable')
      if (derivation === undefined && !(await init())) return
      behind = await derive()
      await judgeAll(frontier.height)
      lastError = undefined
    } catch (error) {
      const e = error as Error
      lastError = `${e.name}: ${e.message}`
      if (e instanceof NoMError && !(e instanceof InvalidJSONError)) {
        unreachableSince ??= now()
        const limit = options.alerts?.nomUnreachableMs ?? 30_000
        if (now() - unreachableSince >= limit) alerts.raise('nomUnreachable', 'nom', `NoM has not answered for ${Math.round((now() - unreachableSince) / 1000)} s: ${e.message}`)
        return
      }
      if (e instanceof InvalidJSONError) {
        log({ level: 'warn', module: 'verifier', msg: 'NoM answer not understood; retrying', error: e.message })
        return
      }
      halted = lastError
      log({ level: 'error', module: 'verifier', msg: 'verifier halted', error: lastError })
      throw error
    }
  }

  function schedule(): void {
    if (!running) return
    timer = setTimeout(() => {
      timer = undefined
      inStep = step()
        .catch(() => undefined)
        .finally(() => {
          inStep = undefined
          if (halted === undefined) schedule()
        })
    }, behind ? 0 : pollMs)
  }

  return {
    async start() {
      if (running) return
      await openStore()
      running = true
      inStep = step()
        .catch(() => undefined)
        .finally(() => {
          inStep = undefined
          schedule()
        })
    },
    async stop() {
      running = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await inStep
      await actions
    },
    step,
    status() {
      const head = replica.head().block.header.number
      const position = derivation?.position()
      return {
        position,
        head,
        commitments: current
          .map((c) => verdicts.get(keyOf(c)))
          .filter((j) => j !== undefined)
          .map(({ commitment: c, verdict }) => ({
            index: c.index,
            l2BlockNumber: c.l2BlockNumber,
            proposedAt: c.proposedAt,
            verdict: verdict.kind,
            ...(verdict.kind === 'wrong' ? { reason: verdict.reason } : {}),
          })),
        flagged: [...flagRecords.values()].filter((f) => f.state === 'sent').map((f) => f.index),
        votes: [...voteRecords.values()].filter((v) => v.state === 'sent').map((v) => ({ index: v.index, fraud: v.fraud })),
        anchorCalls: [
          ...[...flagRecords.values()].map((f) => callStatus('Flag', f)),
          ...[...voteRecords.values()].map((v) => ({ ...callStatus('ResolveFlag', v), fraud: v.fraud })),
        ],
        alerts: alerts.list(),
        progress: replica.progress(),
        ...(lastError === undefined ? {} : { lastError }),
        ...(halted === undefined ? {} : { halted }),
      }
    },
  }
}
