/**
 * Follows the anchor's commitments into the L2's `safe` and `finalized` heads (bridge/README.md §4):
 *
 *   safe      = l2BlockNumber of the newest commitment on the anchor (its send is confirmed in a momentum)
 *   finalized = l2BlockNumber of the newest commitment with proposedAt + finalityDepth ≤ frontier height
 *
 * Both are genesis until something qualifies, and never above this node's head (a node still
 * catching up marks what it has). They move backwards when the anchor deletes commitments (a fraud
 * verdict); the chain store's setSafe / setFinalized accept any stored block, so the tracker sets
 * them as they are, finalized first when it drops so that finalized ≤ safe holds throughout.
 * A NoM failure keeps the current heads and is retried on the next poll. A verdict landing between
 * the poll's reads never sends a head to genesis: the chain record and its newest commitment are
 * read so that they agree, and the finalized search names only commitments it read.
 */
import type { BlockTag } from '../../node/backend.ts'
import type { NodeLogger } from '../../node/log.ts'
import { createAnchorReader, readCommitmentHead, type AnchorClient } from '../withdrawals/anchorReader.ts'
import { newestCommitmentConfirmedBy } from '../withdrawals/findCommitment.ts'

/** The chain store's head setters (node/chain/createChainStore.ts) and the current tags. */
export interface HeadChain {
  setSafe(number: bigint): Promise<void>
  setFinalized(number: bigint): Promise<void>
  numberOfTag(tag: BlockTag): bigint
}

export interface HeadTrackerOptions {
  client: AnchorClient
  /** The chain's id on the anchor (= the L2 chain id). */
  chainId: bigint
  chain: HeadChain
  /** Momentums a commitment's proposal must be buried under before its block is finalized. */
  finalityDepth: bigint
  /** Poll period; default 1000 ms. */
  pollMs?: number
  log?: NodeLogger
}

/** The heads one poll computed (already applied). */
export interface HeadTargets {
  safe: bigint
  finalized: bigint
  /** Index of the commitment `safe` comes from (undefined: none). */
  safeCommitment: bigint | undefined
  finalizedCommitment: bigint | undefined
  frontierHeight: bigint
}

export interface HeadTrackerStatus {
  safe: bigint
  finalized: bigint
  /** Last successful poll. */
  last: HeadTargets | undefined
  lastError: string | undefined
}

export interface HeadTracker {
  /** Polls now and then every pollMs. */
  start(): Promise<void>
  /** Stops polling and waits for a poll in progress. Idempotent. */
  stop(): Promise<void>
  /** One poll now: reads the anchor and moves the heads. Throws what the NoM client throws. */
  poll(): Promise<HeadTargets>
  status(): HeadTrackerStatus
}

const MODULE = 'bridge/heads'

export function createHeadTracker(options: HeadTrackerOptions): HeadTracker {
  const { chain, finalityDepth } = options
  const anchor = createAnchorReader(options.client, options.chainId)
  const pollMs = options.pollMs ?? 1000
  const log = options.log ?? (() => {})
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = true
  let last: HeadTargets | undefined
  let lastError: string | undefined
  let unregisteredLogged = false

  async function poll(): Promise<HeadTargets> {
    const frontier = await anchor.frontier()
    const { chain: record, newest } = await readCommitmentHead(anchor)
    if (record === undefined && !unregisteredLogged) {
      unregisteredLogged = true
      log({ level: 'warn', module: MODULE, msg: 'chain not registered on the anchor: safe and finalized stay at genesis', chainId: String(options.chainId) })
    }
    const count = record?.commitmentCount ?? 0n
    const final = await newestCommitmentConfirmedBy(anchor, count, finalityDepth, frontier.height)
    const head = chain.numberOfTag('latest')
    const clamp = (n: bigint) => (n > head ? head : n)
    const targets: HeadTargets = {
      safe: clamp(newest?.l2BlockNumber ?? 0n),
      finalized: clamp(final?.l2BlockNumber ?? 0n),
      safeCommitment: newest?.index,
      finalizedCommitment: final?.index,
      frontierHeight: frontier.height,
    }
    const safeBefore = chain.numberOfTag('safe')
    const finalizedBefore = chain.numberOfTag('finalized')
    const setFinalized = async () => {
      if (targets.finalized === finalizedBefore) return
      await chain.setFinalized(targets.finalized)
      log({ level: targets.finalized < finalizedBefore ? 'warn' : 'info', module: MODULE, msg: 'finalized head moved', from: String(finalizedBefore), to: String(targets.finalized), commitment: String(final?.index ?? 0n) })
    }
    const setSafe = async () => {
      if (targets.safe === safeBefore) return
      await chain.setSafe(targets.safe)
      log({ level: targets.safe < safeBefore ? 'warn' : 'info', module: MODULE, msg: 'safe head moved', from: String(safeBefore), to: String(targets.safe), commitment: String(newest?.index ?? 0n) })
    }
    if (targets.finalized < finalizedBefore) {
      await setFinalized()
      await setSafe()
    } else {
      await setSafe()
      await setFinalized()
    }
    last = targets
    return targets
  }

  function schedule(delayMs: number): void {
    if (stopped) return
    timer = setTimeout(() => {
      running = poll()
        .then(() => {
          lastError = undefined
        })
        .catch((e: unknown) => {
          const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
          if (message !== lastError) log({ level: 'warn', module: MODULE, msg: 'head poll failed; heads kept, retrying', error: message })
          lastError = message
        })
        .finally(() => {
          running = undefined
          schedule(pollMs)
        })
    }, delayMs)
  }

  return {
    async start() {
      if (!stopped) return
      stopped = false
      schedule(0)
    },
    async stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await running
    },
    poll,
    status() {
      return { safe: chain.numberOfTag('safe'), finalized: chain.numberOfTag('finalized'), last, lastError }
    },
  }
}
