/**
 * The batcher and proposer of one L2 chain (bridge/README.md §2–3).
 *
 * Batching: follows the L2 head. The next channel starts at the first block the anchor does not
 * deliver yet and is held open, nothing posted, until one of the cut rules of channelCut.ts holds
 * (README §2 "When a channel is cut"):
 * - `commitment`: the range reaches the next commitment block (multiple of commitIntervalBlocks):
 *   cut at once, so a commitment waits no longer for its block's frames than without holding;
 * - `blocks`: the range reaches `maxChannelBlocks`;
 * - `bytes`: the blocks' tx bytes reach `maxChannelBytes`, or the next sealed block would overflow it;
 * - `window`: half the chain's sequencing window (momentums) passed since the oldest held block's
 *   origin or the momentum of an older user deposit a held block includes, so the batch lands well
 *   before verifiers would drop its blocks or force its deposits, whatever the age setting;
 * - `age`: the oldest held block is `maxChannelAgeMs` old, from the earlier of its L2 timestamp and
 *   when this instance first read it (clock `now`, injectable);
 * - `drain`: drain() asked for the blocks up to the head at the call.
 * A channel the anchor already holds part of (found after a restart) is finished at once with its
 * own blocks and codec (planChannel.ts), before any cut rule is asked. stop() posts nothing held.
 * A cut channel is split into frames and posted as SubmitFrame calls from the batcher accounts in
 * parallel (round robin, each account's blocks in order, on plasma only; see
 * contracts/anchor/rpc/anchorCall.ts). A channel is posted completely, every receive confirmed and successful,
 * before the next one starts, so channels become ready on the anchor in block order (verifiers
 * drop a channel that skips ahead).
 *
 * Proposing: for every multiple N of `commitIntervalBlocks`, once the anchor delivers block N, it
 * proposes the commitment of README §3 (index = the anchor's nextCommitmentIndex; output root of
 * node/rpc/outputRoot.ts; origin of N; lastDepositIndex from the deposit watcher; framesHash of the
 * frame that made N's channel ready). An unbonded proposer posts its bond first.
 *
 * After a fraud verdict (contracts/anchor/SPEC.md §3.9: commitments index… deleted,
 * nextCommitmentIndex = index) the proposer, which reads nextCommitmentIndex every loop, sees the
 * anchor went back below what it proposed, reads the anchor's frames again from the newest
 * remaining commitment and proposes from `index` on; the frames stay on the anchor and are named
 * by framesHash again, never re-posted. The proposer's bond went to the flagger, so it bonds again.
 *
 * Nothing is remembered locally. On start (and after any failure) each account's last anchor
 * call is waited for, then the anchor's frames by our batchers are read like a verifier reads them
 * (anchorChannels.ts) and the last commitment from the anchor: a restart after kill -9 posts no
 * frame and no commitment twice and skips no block.
 */
import { setMaxListeners } from 'node:events'
import type { BlockHeader } from '@ethereumjs/block'
import type { Address, Hash } from '../../nom/types.ts'
import { BlockType } from '../../nom/types.ts'
import type { KeyPair } from '../../nom/keys.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatAddress } from '../../nom/address.ts'
import { bytesEqual, concatBytes, toHex, u64be } from '../../nom/hash.ts'
import { PostBondABI, ProposeCommitmentABI, SubmitFrameABI } from '../../contracts/anchor/abi.ts'
import { ANCHOR_ADDRESS } from '../../contracts/anchor/address.ts'
import type { ChainReader, NodeEvents, SealedBlock, StateView } from '../../node/backend.ts'
import type { LogEvent } from '../../node/log.ts'
import { keccak256 } from '../../node/keccak256.ts'
import { outputAtBlock } from '../../node/rpc/outputRoot.ts'
import { batchBlockOf } from '../../node/batch/batchBlock.ts'
import { originInfoSourceHash } from '../../node/deposits/depositTx.ts'
import { DEFAULT_CHANNEL_CODEC, type ChannelCodec } from '../../node/batch/channel.ts'
import { encodeFrame } from '../../node/batch/frame.ts'
import { anchorOutcome, publishAnchorCall } from '../../contracts/anchor/rpc/anchorCall.ts'
import { createAnchorChannels, type AnchorChannels } from './anchorChannels.ts'
import { findFramesHashIndex, readBond, readChainState, readCommitment, readDepositMomentum, type AnchorChainState, type AnchorCommitment } from './anchorReads.ts'
import { readCommitmentHead } from '../withdrawals/anchorReader.ts'
import { channelCut, DEFAULT_MAX_CHANNEL_AGE_MS, DEFAULT_MAX_CHANNEL_BYTES, type HeldBlock } from './channelCut.ts'
import { BatcherConfigError, BatcherConflictError, BatcherStoppedError } from './errors.ts'
import { planChannel, type ChannelPlan } from './planChannel.ts'

/** What the batcher remembers of a held block: the cut rules' inputs, its timestamp and origin, and when it was first read. */
interface HeldEntry extends HeldBlock {
  seenMs: number
  timestamp: bigint
  originHeight: bigint
}

export interface BatcherOptions {
  client: NoMClient
  /** The L2 chain id = the anchor chain id. */
  chainId: bigint
  /** NoM accounts that post frames (one or more, each with fused plasma). */
  batcherKeys: KeyPair[]
  proposerKey: KeyPair
  /** The node's chain and state (NodeBackend pieces); `events` wakes the batcher on new blocks. */
  node: {
    chain: Pick<ChainReader, 'head' | 'getBlockByNumber'>
    stateAt(header: BlockHeader): Promise<StateView>
    events?: Pick<NodeEvents, 'onBlock'>
  }
  /** Anchor deposit index of a user deposit by its sourceHash (the deposit watcher's). */
  depositIndexOf(sourceHash: Uint8Array): Promise<bigint | undefined>
  /** A commitment for every block number that is a multiple of this. */
  commitIntervalBlocks: bigint
  /** Frames that count: the L2 genesis nom.batchers. Default: the batcherKeys' addresses. */
  batchers?: Address[]
  /** Default 100. */
  maxChannelBlocks?: number
  /** Transaction bytes per channel before compression, default DEFAULT_MAX_CHANNEL_BYTES (1 MiB; at least one block). */
  maxChannelBytes?: number
  /**
   * Hold a channel open at most this long, from the earlier of its oldest block's L2 timestamp and
   * when this instance first read that block (channelCut.ts `age`). Default
   * DEFAULT_MAX_CHANNEL_AGE_MS; 0 = post every block as soon as it exists. Half the sequencing
   * window cuts earlier whatever this says (`window`).
   */
  maxChannelAgeMs?: number
  /** The clock of the age rule, ms since the epoch. Default Date.now. */
  now?: () => number
  /** Default brotli (node/batch/channel.ts DEFAULT_CHANNEL_CODEC). */
  codec?: ChannelCodec
  /** Default 1,000 ms. */
  pollMs?: number
  /** Wait for plasma this long before publishing with PoW (with an alert). Default 10 min. */
  maxPlasmaWaitMs?: number
  /** Per anchor call: how long to wait for its confirmed receive. Default 5 min. */
  callTimeoutMs?: number
  log: (event: LogEvent) => void
  /** Test-only fault switches (issue 6). */
  faults?: {
    /**
     * For these block numbers the proposer commits a wrong output root (keccak of the right one ‖
     * "wrong"). Fires at most once per block in one batcher instance: after a fraud verdict deletes
     * that commitment, the same instance re-proposes the block with the right root (a new instance
     * asks again).
     */
    wrongOutputRoot?: (l2BlockNumber: bigint) => boolean
  }
}

export interface BatcherAccountPlasma {
  address: string
  currentPlasma: bigint
  maxPlasma: bigint
}

export interface BatcherStatus {
  running: boolean
  /** Every L2 block up to this one is on the anchor in ready channels (0: none). */
  lastPostedBlock: bigint
  /** Block of the newest commitment on the anchor (0: none). */
  lastCommittedBlock: bigint
  /** Index of the newest commitment on the anchor (0: none). */
  lastCommitmentIndex: bigint
  /** By this instance. */
  framesPosted: number
  channelsPosted: number
  commitmentsProposed: number
  /** SubmitFrame account-block data bytes per L2 transaction over the channels this instance posted. */
  bytesPerTx: number | undefined
  plasma: BatcherAccountPlasma[]
  lastError?: string
  /** Why batching stopped for good (a conflict with the anchor's data). */
  halted?: string
}

export interface Batcher {
  /** Resumes from the anchor's state and starts both loops. */
  start(): Promise<void>
  /**
   * Stops both loops at once (anchor calls already published stay published, as after kill -9).
   * Held blocks are not posted: a restart cuts them by the same rules (by their L2 timestamps they
   * are as old as before); call drain() first to post them.
   */
  stop(): Promise<void>
  /**
   * Cuts the blocks held now (up to the node's head at the call) without waiting for a cut rule,
   * and resolves once every block up to that head is delivered on the anchor. Rejects with
   * BatcherStoppedError when the batcher is not running or stops first, with BatcherConflictError
   * when it halts first.
   */
  drain(): Promise<void>
  status(): BatcherStatus
}

class StoppedError extends Error {
  override readonly name = 'StoppedError'
}

const hex = (b: Uint8Array) => `0x${toHex(b)}`

export function createBatcher(options: BatcherOptions): Batcher {
  const { client, chainId, log, node } = options
  const pollMs = options.pollMs ?? 1_000
  const maxChannelBlocks = options.maxChannelBlocks ?? 100
  const maxChannelBytes = options.maxChannelBytes ?? DEFAULT_MAX_CHANNEL_BYTES
  const maxChannelAgeMs = options.maxChannelAgeMs ?? DEFAULT_MAX_CHANNEL_AGE_MS
  const now = options.now ?? Date.now
  const codec = options.codec ?? DEFAULT_CHANNEL_CODEC
  const maxPlasmaWaitMs = options.maxPlasmaWaitMs ?? 600_000
  const callTimeoutMs = options.callTimeoutMs ?? 300_000
  const interval = options.commitIntervalBlocks
  if (options.batcherKeys.length === 0) throw new BatcherConfigError('the batcher needs at least one batcher key')
  if (interval < 1n) throw new BatcherConfigError(`commitIntervalBlocks must be at least 1, got ${interval}`)
  if (!Number.isInteger(maxChannelBlocks) || maxChannelBlocks < 1) throw new BatcherConfigError(`maxChannelBlocks must be a positive integer, got ${maxChannelBlocks}`)
  if (!Number.isSafeInteger(maxChannelBytes) || maxChannelBytes < 1) throw new BatcherConfigError(`maxChannelBytes must be a positive integer, got ${maxChannelBytes}`)
  if (!Number.isSafeInteger(maxChannelAgeMs) || maxChannelAgeMs < 0) throw new BatcherConfigError(`maxChannelAgeMs must be a non-negative integer, got ${maxChannelAgeMs}`)

  let running = false
  let abort = new AbortController()
  let wake: (() => void) | undefined
  let loops: Promise<void>[] = []
  let unsubscribe: (() => void) | undefined
  let channels: AnchorChannels | undefined
  let chainState: AnchorChainState | undefined
  const counters = { framesPosted: 0, channelsPosted: 0, commitmentsProposed: 0, dataBytes: 0, txs: 0 }
  const committed = { block: 0n, index: 0n }
  let plasma: BatcherAccountPlasma[] = []
  /** The newest failure of each loop, cleared by that loop's next success. */
  const lastError: { batching?: string; proposing?: string } = {}
  let halted: string | undefined
  /** Blocks the wrongOutputRoot fault switch fired for (once per block). */
  const faulted = new Set<bigint>()
  /**
   * The held blocks by number: transaction bytes, and when this instance first read the block (the
   * age rule's clock). Blocks below the next channel's start are forgotten.
   */
  const held = new Map<bigint, HeldEntry>()
  /** drain(): every block up to here is cut without waiting for a cut rule (0: none asked). */
  let drainTo = 0n

  /** Sleeps `ms`, or less when woken (new L2 block); rejects with StoppedError on stop. */
  const sleep = (ms: number, wakeable = false) =>
    new Promise<void>((resolve, reject) => {
      const signal = abort.signal
      if (signal.aborted) return reject(new StoppedError('stopped'))
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        if (wakeable && wake === done) wake = undefined
        resolve()
      }
      const onAbort = () => {
        clearTimeout(timer)
        reject(new StoppedError('stopped'))
      }
      const timer = setTimeout(done, ms)
      signal.addEventListener('abort', onAbort, { once: true })
      if (wakeable) wake = done
    })

  /**
   * Races `promise` against stop. The promise is observed whatever happens (also when already
   * stopped), so a late rejection never reaches the process unhandled.
   */
  const untilStopped = <T>(promise: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const signal = abort.signal
      const onAbort = () => reject(new StoppedError('stopped'))
      promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort)
          resolve(v)
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort)
          reject(signal.aborted ? new StoppedError('stopped') : e)
        },
      )
      if (signal.aborted) return reject(new StoppedError('stopped'))
      signal.addEventListener('abort', onAbort, { once: true })
    })

  /** The outcome of our anchor call; the wait ends (no further NoM request) on stop. */
  const outcomeOf = (hash: Hash) => untilStopped(anchorOutcome(client, hash, { pollMs, timeoutMs: callTimeoutMs, signal: abort.signal }))

  /**
   * Publishing is not raced against stop: stop() waits for a publish in flight to return, so a
   * stopped batcher leaves no request behind (what it published stays, as after kill -9).
   */
  const callOptions = () => ({ pollMs, maxPlasmaWaitMs, sleep: (ms: number) => sleep(ms), signal: abort.signal, log })

  const fail = (where: 'batching' | 'proposing', error: unknown) => {
    const message = (error as Error).message
    if (message !== lastError[where]) log({ level: 'error', module: where === 'batching' ? 'batcher' : 'proposer', msg: `${where} failed; retrying`, error: message })
    lastError[where] = message
  }

  const getBlock = async (n: bigint): Promise<SealedBlock> => {
    const sealed = await node.chain.getBlockByNumber(n)
    if (sealed === undefined) throw new Error(`the node has no block ${n}`)
    return sealed
  }

  /** Waits until the account's newest block is confirmed and, if it is an anchor call, received. */
  const settle = async (key: KeyPair) => {
    const frontier = await client.getFrontierAccountBlock(key.address)
    if (frontier === null || frontier.blockType !== BlockType.UserSend || !bytesEqual(frontier.toAddress, ANCHOR_ADDRESS)) {
      if (frontier !== null && frontier.confirmationDetail === null) await waitOutcomeOrConfirm(frontier.hash, false)
      return
    }
    await waitOutcomeOrConfirm(frontier.hash, true)
  }

  const waitOutcomeOrConfirm = async (hash: Hash, anchorCall: boolean) => {
    if (anchorCall) {
      await outcomeOf(hash)
      return
    }
    for (;;) {
      const block = await client.getAccountBlockByHash(hash)
      if (block === null || block.confirmationDetail !== null) return
      await sleep(pollMs)
    }
  }

  const refreshPlasma = async () => {
    plasma = await Promise.all(
      options.batcherKeys.map(async (k) => {
        const info = await client.getPlasma(k.address)
        return { address: formatAddress(k.address), currentPlasma: info.currentPlasma, maxPlasma: info.maxPlasma }
      }),
    )
  }

  const readChain = async (): Promise<AnchorChainState> => {
    const state = await readChainState(client, chainId)
    if (state === undefined) throw new BatcherConfigError(`chain ${chainId} does not exist on the anchor`)
    chainState = state
    return state
  }

  /** The chain record and its newest commitment, read so that they agree (a verdict may land between the reads). */
  const readHead = () => readCommitmentHead({ chainId, chain: readChain, commitment: (index) => readCommitment(client, chainId, index) })

  /**
   * Where reading the anchor's frames can start: after the last commitment's block and the frame
   * its framesHash names (found among the frame records, newest first). Frame 1 when there is no
   * commitment, or none of the records matches (a commitment not made by this proposer's rule).
   */
  const resumePoint = async (state: AnchorChainState, last: AnchorCommitment | undefined): Promise<{ block: bigint; frameIndex: bigint } | undefined> => {
    if (last === undefined) return undefined
    const frameIndex = await findFramesHashIndex(client, chainId, state.frameCount, last.framesHash)
    if (frameIndex === undefined) {
      log({ level: 'warn', module: 'batcher', msg: 'the last commitment names no frame record; reading every frame from 1', index: last.index.toString() })
      return undefined
    }
    committed.block = last.l2BlockNumber
    committed.index = last.index
    log({ level: 'info', module: 'batcher', msg: 'resuming after the last commitment', l2BlockNumber: last.l2BlockNumber.toString(), frameIndex: frameIndex.toString() })
    return { block: last.l2BlockNumber, frameIndex }
  }

  /**
   * A reader of the anchor's frames from the last commitment on (start, and after a fraud verdict
   * took commitments back: the segments of the re-proposed blocks were pruned, the frames stay).
   */
  const channelsFrom = async (state: AnchorChainState, last: AnchorCommitment | undefined): Promise<AnchorChannels> => {
    const startAfter = await resumePoint(state, last)
    return createAnchorChannels({
      client,
      chainId,
      batchers: options.batchers ?? options.batcherKeys.map((k) => k.address),
      sequencingWindow: state.sequencingWindow,
      blockHashOf: async (n) => (await node.chain.getBlockByNumber(n))?.hash,
      log,
      ...(startAfter === undefined ? {} : { startAfter }),
    })
  }

  // ---- batching -----------------------------------------------------------------------------

  /** Posts the plan's frames, round robin over the batcher accounts; resolves when all are received. */
  const postFrames = async (plan: ChannelPlan) => {
    const keys = options.batcherKeys
    // Round robin, starting one account further for each channel, so single-frame channels spread too.
    const offset = counters.channelsPosted % keys.length
    const perAccount = keys.map((_, i) => plan.frames.filter((_, j) => (j + offset) % keys.length === i))
    const failures: string[] = []
    const errors: unknown[] = []
    // allSettled: when one account fails, the others still finish what they publish before the loop re-plans.
    const settledWorkers = await Promise.allSettled(
      perAccount.map(async (frames, i) => {
        const key = keys[i]!
        const outcomes: Promise<void>[] = []
        for (const frame of frames) {
          const bytes = encodeFrame(frame)
          const data = SubmitFrameABI.encode({ chainId, data: bytes })
          const block = await publishAnchorCall(client, key, data, callOptions())
          channels!.remember(block.hash, bytes)
          counters.framesPosted++
          counters.dataBytes += data.length
          // Handled at once: a publish that throws below must not leave this promise unobserved.
          outcomes.push(
            outcomeOf(block.hash).then(
              (outcome) => {
                if (!outcome.ok) failures.push(`frame ${frame.frameNumber} (send ${hex(block.hash)}): ${outcome.error}`)
              },
              (error: unknown) => {
                errors.push(error)
              },
            ),
          )
        }
        await Promise.all(outcomes)
      }),
    )
    for (const r of settledWorkers) if (r.status === 'rejected') errors.push(r.reason)
    const stopped = errors.find((e) => e instanceof StoppedError)
    if (stopped !== undefined) throw stopped
    if (errors.length > 0) throw errors[0]
    if (failures.length > 0) throw new Error(`SubmitFrame failed for channel ${hex(plan.channelId)}: ${failures.join('; ')}`)
  }

  /**
   * The momentum of the oldest user deposit a block includes (the first after the origin-info
   * deposit, which has the origin's source hash): its anchor record by the watcher's index. A
   * deposit neither knows is taken as momentum 0, which cuts the channel at once (never too late).
   */
  const depositMomentumOf = async (sealed: SealedBlock): Promise<bigint | undefined> => {
    const origin = sealed.origin
    if (origin === undefined) return undefined
    const originInfo = originInfoSourceHash(origin.hash, origin.sequenceNumber)
    const first = sealed.deposits?.find((d) => !bytesEqual(d.tx.sourceHash, originInfo))
    if (first === undefined) return undefined
    const index = await options.depositIndexOf(first.tx.sourceHash)
    const momentum = index === undefined ? undefined : await readDepositMomentum(client, chainId, index)
    if (momentum !== undefined) return momentum
    log({ level: 'warn', module: 'batcher', msg: 'a held block includes a deposit the watcher or the anchor does not know; cutting its channel at once', block: sealed.block.header.number.toString(), sourceHash: hex(first.tx.sourceHash) })
    return 0n
  }

  const heldBlock = async (n: bigint): Promise<HeldEntry> => {
    let block = held.get(n)
    if (block === undefined) {
      const sealed = await getBlock(n)
      const seenMs = now()
      const batch = batchBlockOf(sealed)
      block = {
        txBytes: batch.txs.reduce((sum, tx) => sum + tx.length, 0),
        depositMomentum: await depositMomentumOf(sealed),
        seenMs,
        timestamp: batch.timestamp,
        originHeight: batch.originHeight,
      }
      held.set(n, block)
    }
    return block
  }

  const batchOnce = async (): Promise<boolean> => {
    const ch = channels!
    await ch.sync()
    const start = ch.derivedHead() + 1n
    const head = node.chain.head().block.header.number
    if (head < start) return false
    for (const n of held.keys()) if (n < start) held.delete(n)
    const commitmentBlock = ((start + interval - 1n) / interval) * interval
    let maxEnd = start + BigInt(maxChannelBlocks) - 1n
    if (commitmentBlock < maxEnd) maxEnd = commitmentBlock
    if (head < maxEnd) maxEnd = head
    const state = chainState ?? (await readChain())
    const frontier = (await client.getFrontierMomentum()).height
    const margin = state.sequencingWindow / 4n > 3n ? state.sequencingWindow / 4n : 3n
    const open = ch.openChannels(frontier)
    const finishable = open.filter((c) => c.firstMomentum + state.sequencingWindow > frontier + margin)
    const taken = (id: Uint8Array) => ch.isCompleted(id) || open.some((c) => bytesEqual(c.channelId, id))
    const planInput = { start, maxChannelBytes, codec, getBlock, finishable, taken }
    // A channel the anchor holds part of (a restart) is finished at once, whatever the cut rules say.
    let plan = finishable.length === 0 ? undefined : await planChannel({ ...planInput, maxEnd })
    if (plan !== undefined && !plan.resumed) plan = undefined
    const cut =
      plan !== undefined
        ? undefined
        : await channelCut({
            start,
            head,
            commitmentBlock,
            maxChannelBlocks,
            maxChannelBytes,
            heldBlock,
            oldest: await heldBlock(start),
            frontier,
            sequencingWindow: state.sequencingWindow,
            nowMs: now(),
            maxChannelAgeMs,
            drainTo,
          })
    if (plan === undefined && cut !== undefined) plan = await planChannel({ ...planInput, maxEnd: cut.end, finishable: [] })
    if (plan === undefined) return false
    const first = plan.blocks[0]!
    if (first.originHeight + state.sequencingWindow <= frontier + margin) {
      log({
        level: 'error',
        module: 'batcher',
        msg: 'posting blocks whose origin is at the end of its sequencing window: verifiers may derive forced blocks instead',
        block: first.number.toString(),
        originHeight: first.originHeight.toString(),
        frontier: frontier.toString(),
      })
    }
    const last = plan.blocks[plan.blocks.length - 1]!
    const txs = plan.blocks.reduce((sum, b) => sum + b.txs.length, 0)
    const dataBefore = counters.dataBytes
    const startedAt = Date.now()
    await postFrames(plan)
    counters.channelsPosted++
    counters.txs += txs
    await refreshPlasma().catch(() => undefined)
    log({
      level: 'info',
      module: 'batcher',
      msg: plan.resumed ? 'channel finished after restart' : 'channel posted',
      channelId: hex(plan.channelId),
      blocks: `${first.number}-${last.number}`,
      reason: cut?.reason ?? 'resume',
      head: head.toString(),
      ...(cut === undefined ? {} : { oldestMomentum: cut.oldestMomentum.toString() }),
      ...(cut?.oldestDepositMomentum === undefined ? {} : { oldestDepositMomentum: cut.oldestDepositMomentum.toString() }),
      txs,
      frames: plan.frames.length,
      totalFrames: plan.totalFrames,
      codec: plan.codec,
      channelBytes: plan.channelBytes,
      dataBytes: counters.dataBytes - dataBefore,
      ms: Date.now() - startedAt,
    })
    return true
  }

  const batchLoop = async () => {
    let settled = false
    for (;;) {
      try {
        if (!settled) {
          await Promise.all(options.batcherKeys.map(settle))
          settled = true
        }
        const posted = await batchOnce()
        delete lastError.batching
        if (!posted) await sleep(pollMs, true)
      } catch (error) {
        if (error instanceof StoppedError || abort.signal.aborted) return
        if (error instanceof BatcherConflictError) {
          halted = error.message
          log({ level: 'error', module: 'batcher', msg: 'batcher halted', error: error.message })
          return
        }
        fail('batching', error)
        settled = false
        try {
          await sleep(pollMs)
        } catch {
          return
        }
      }
    }
  }

  // ---- proposing ----------------------------------------------------------------------------

  const ensureBond = async (state: AnchorChainState) => {
    const bond = await readBond(client, chainId, options.proposerKey.address)
    if (bond >= state.proposerBond) return
    const amount = state.proposerBond - bond
    log({ level: 'info', module: 'proposer', msg: 'posting the proposer bond', proposer: formatAddress(options.proposerKey.address), amount: amount.toString() })
    const block = await publishAnchorCall(client, options.proposerKey, PostBondABI.encode({ chainId }), { ...callOptions(), amount })
    const outcome = await outcomeOf(block.hash)
    if (!outcome.ok) throw new Error(`PostBond failed: ${outcome.error}`)
    log({ level: 'info', module: 'proposer', msg: 'proposer bonded', amount: amount.toString() })
  }

  const proposeOnce = async (): Promise<boolean> => {
    const { chain: state, newest: previous } = await readHead()
    if (!bytesEqual(state.proposer, options.proposerKey.address)) {
      throw new BatcherConfigError(`the chain's proposer is ${formatAddress(state.proposer)}, not ${formatAddress(options.proposerKey.address)}`)
    }
    const index = state.nextCommitmentIndex
    const previousBlock = previous?.l2BlockNumber ?? 0n
    // A fraud verdict deleted commitments index… (SPEC §3.8): propose them again, naming the frames
    // already on the anchor. When the reader forgot those blocks' frames, it reads them again.
    if (index - 1n < committed.index) {
      log({ level: 'warn', module: 'proposer', msg: 'the anchor took commitments back; proposing again from there', nextCommitmentIndex: index.toString(), lastProposedIndex: committed.index.toString() })
    }
    if (previousBlock < channels!.prunedThrough()) channels = await channelsFrom(state, previous)
    const ch = channels!
    committed.block = previousBlock
    committed.index = previous?.index ?? 0n
    ch.prune(committed.block)
    const target = (committed.block / interval + 1n) * interval
    await ch.sync()
    if (ch.derivedHead() < target) return false
    const segment = ch.segmentOf(target)
    if (segment === undefined) throw new Error(`block ${target} is delivered but its channel is unknown`)
    const sealed = await getBlock(target)
    if (sealed.origin === undefined) throw new Error(`block ${target} has no origin momentum`)
    let lastDepositIndex = 0n
    if (sealed.lastDepositSourceHash !== undefined) {
      const known = await options.depositIndexOf(sealed.lastDepositSourceHash)
      if (known === undefined) throw new Error(`the deposit watcher does not know deposit ${hex(sealed.lastDepositSourceHash)} (newest in block ${target})`)
      lastDepositIndex = known
    }
    const output = await outputAtBlock(node, sealed)
    const wrong = !faulted.has(target) && options.faults?.wrongOutputRoot?.(target) === true
    const outputRoot = wrong ? keccak256(concatBytes(output.outputRoot, new TextEncoder().encode('wrong'))) : output.outputRoot
    const framesHash = keccak256(concatBytes(u64be(segment.readyAt), segment.dataHash))
    await ensureBond(state)
    const data = ProposeCommitmentABI.encode({
      chainId,
      index,
      l2BlockNumber: target,
      outputRoot,
      originMomentumHeight: sealed.origin.height,
      originMomentumHash: sealed.origin.hash,
      lastDepositIndex,
      framesHash,
    })
    const block = await publishAnchorCall(client, options.proposerKey, data, callOptions())
    const outcome = await outcomeOf(block.hash)
    if (!outcome.ok) throw new Error(`ProposeCommitment(index ${index}, block ${target}) failed: ${outcome.error}`)
    if (wrong) faulted.add(target)
    counters.commitmentsProposed++
    committed.block = target
    committed.index = index
    log({
      level: wrong ? 'warn' : 'info',
      module: 'proposer',
      msg: wrong ? 'commitment proposed with a WRONG output root (fault switch)' : 'commitment proposed',
      index: index.toString(),
      l2BlockNumber: target.toString(),
      outputRoot: hex(outputRoot),
      lastDepositIndex: lastDepositIndex.toString(),
      framesIndex: segment.readyAt.toString(),
    })
    return true
  }

  const proposeLoop = async () => {
    let settled = false
    for (;;) {
      try {
        if (!settled) {
          await settle(options.proposerKey)
          settled = true
        }
        const proposed = await proposeOnce()
        delete lastError.proposing
        if (!proposed) await sleep(pollMs, false)
      } catch (error) {
        if (error instanceof StoppedError || abort.signal.aborted) return
        if (error instanceof BatcherConflictError) return
        fail('proposing', error)
        settled = false
        try {
          await sleep(pollMs)
        } catch {
          return
        }
      }
    }
  }

  return {
    async start() {
      if (running) return
      abort = new AbortController()
      // Every frame in flight waits on this signal (its outcome, its stop race): a channel has up to
      // thousands of frames, each listener is removed when its wait ends.
      setMaxListeners(0, abort.signal)
      halted = undefined
      const head = await readHead()
      channels = await channelsFrom(head.chain, head.newest)
      await refreshPlasma()
      running = true
      unsubscribe = node.events?.onBlock(() => wake?.())
      loops = [batchLoop(), proposeLoop()]
      log({ level: 'info', module: 'batcher', msg: 'batcher started', batchers: options.batcherKeys.map((k) => formatAddress(k.address)).join(','), codec })
    },
    async drain() {
      if (!running) throw new BatcherStoppedError('the batcher is not running')
      const target = node.chain.head().block.header.number
      if (target > drainTo) drainTo = target
      wake?.()
      for (;;) {
        if (halted !== undefined) throw new BatcherConflictError(halted)
        if ((channels?.derivedHead() ?? 0n) >= target) return
        try {
          await sleep(pollMs)
        } catch {
          throw new BatcherStoppedError(`the batcher stopped before block ${target} was posted`)
        }
      }
    },
    async stop() {
      if (!running) return
      running = false
      abort.abort()
      unsubscribe?.()
      unsubscribe = undefined
      await Promise.all(loops)
      loops = []
      log({ level: 'info', module: 'batcher', msg: 'batcher stopped' })
    },
    status() {
      return {
        running,
        lastPostedBlock: channels?.derivedHead() ?? 0n,
        lastCommittedBlock: committed.block,
        lastCommitmentIndex: committed.index,
        framesPosted: counters.framesPosted,
        channelsPosted: counters.channelsPosted,
        commitmentsProposed: counters.commitmentsProposed,
        bytesPerTx: counters.txs === 0 ? undefined : counters.dataBytes / counters.txs,
        plasma,
        ...(lastError.batching === undefined && lastError.proposing === undefined ? {} : { lastError: lastError.batching ?? lastError.proposing }),
        ...(halted === undefined ? {} : { halted }),
      }
    },
  }
}
