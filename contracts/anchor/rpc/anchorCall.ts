/**
 * One anchor call from a NoM account, from the caller's side: publish the send to the anchor, wait
 * for the anchor's confirmed receive, and read the outcome from the receive data (u64be(1) success,
 * u64be(2) failure + refund; the failure text from embedded.anchor.getCallFailure, SPEC.md §3.1).
 *
 * Publishing: when plasma is short the block is built with PoW at once, unless `maxPlasmaWaitMs`
 * is set (batcher and proposer accounts run on fused plasma): then it waits for plasma (it comes
 * back as the account's earlier blocks are confirmed), warns at half the time and does PoW only
 * after all of it, with an error-level alert. A publish whose answer is lost counts as published
 * when the node has the block, so a call is never sent twice.
 *
 * Waiting: one poll of the send per `pollMs` until its paired receive is confirmed or `timeoutMs`
 * ran out (AnchorCallTimeoutError); an AbortSignal ends it at once (AnchorCallAbortedError) without
 * another NoM request. `onProgress` tells the caller when PoW starts, the send is published and the
 * send is confirmed.
 */
import type { AccountBlock, Hash, TokenStandard } from '../../../nom/types.ts'
import { BlockType } from '../../../nom/types.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { formatAddress } from '../../../nom/address.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import { bytesEqual, toHex, u64be } from '../../../nom/hash.ts'
import { prepareBlock } from '../../../nom/send.ts'
import { ANCHOR_ADDRESS } from '../address.ts'
import { getCallFailure, type AnchorCallFailure } from './client.ts'

export class AnchorCallTimeoutError extends Error {
  override readonly name = 'AnchorCallTimeoutError'
}

/** A wait was given up through its AbortSignal (a send already published stays published). */
export class AnchorCallAbortedError extends Error {
  override readonly name = 'AnchorCallAbortedError'
}

/** What the caller is told while a call is under way. */
export type AnchorCallProgress =
  /** Plasma is short and PoW is computed now (at once, or after `maxPlasmaWaitMs`). */
  | { step: 'pow'; basePlasma: bigint; availablePlasma: bigint; requiredDifficulty: bigint }
  | { step: 'sent'; sendHash: Hash }
  /** The send is in a momentum; the anchor's receive may still be pending. */
  | { step: 'confirmed'; sendHash: Hash; momentumHeight: bigint }

/** A structured alert line (node/log.ts's LogEvent has this shape). */
export interface AnchorCallLogEvent {
  level: 'warn' | 'error'
  module: string
  msg: string
  [field: string]: string | number | boolean | undefined
}

export interface PublishAnchorCallOptions {
  /** Sent with the call (PostBond, Flag, Deposit); default 0. */
  amount?: bigint
  /** The token of `amount`; default ZNN. */
  token?: TokenStandard
  /** Plasma only: wait this long for plasma before doing PoW. Absent: PoW at once when plasma is short. */
  maxPlasmaWaitMs?: number
  /** Poll interval of the plasma wait (and, in callAnchor, of the outcome wait); default 100 ms. */
  pollMs?: number
  /** The plasma wait's sleep; the caller's may reject when it stops. Default: a timer that `signal` ends. */
  sleep?: (ms: number) => Promise<void>
  /** Checked right before the block is sent (AbortError): a stopped caller publishes nothing new. */
  signal?: AbortSignal
  /** The plasma wait's alerts. */
  log?: (event: AnchorCallLogEvent) => void
  onProgress?: (event: AnchorCallProgress) => void
}

export interface AnchorWaitOptions {
  /** Default 100 ms. */
  pollMs?: number
  /** Default 60 s. */
  timeoutMs?: number
  /** Stops waiting (rejects with AnchorCallAbortedError) without another NoM request. */
  signal?: AbortSignal
  onProgress?: (event: AnchorCallProgress) => void
}

/** The anchor's confirmed receive of one call. */
export interface AnchorReceive {
  sendHash: Hash
  /** Momentum that confirmed the send. */
  sendMomentum: bigint
  /** Momentum that confirmed the anchor's receive. */
  receiveMomentum: bigint
  /** The receive data is u64be(1). */
  ok: boolean
  receiveData: Uint8Array
  /** Why it failed, as this node recorded it; undefined on success or when the node has no record. */
  failure: AnchorCallFailure | undefined
}

export type AnchorCallOutcome = { ok: true; sendHash: Hash } | { ok: false; sendHash: Hash; error: string }

const DEFAULT_POLL_MS = 100
const DEFAULT_TIMEOUT_MS = 60_000

/** Resolves after `ms`; rejects with AnchorCallAbortedError(`aborted`) as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined, aborted: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(new AnchorCallAbortedError(aborted))
    const onAbort = () => {
      clearTimeout(timer)
      reject(new AnchorCallAbortedError(aborted))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Waits (per the options) until publishing needs no PoW, or until PoW is to be done; tells the caller which. */
async function awaitPlasma(client: NoMClient, keyPair: KeyPair, data: Uint8Array, options: PublishAnchorCallOptions): Promise<void> {
  const started = Date.now()
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS
  const pause = options.sleep ?? ((ms: number) => sleep(ms, options.signal, 'waiting for plasma was aborted'))
  const account = formatAddress(keyPair.address)
  let warned = false
  for (;;) {
    const required = await client.getRequiredPoWForAccountBlock({ address: keyPair.address, blockType: BlockType.UserSend, toAddress: ANCHOR_ADDRESS, data })
    if (required.requiredDifficulty === 0n) return
    const plasma = { basePlasma: required.basePlasma.toString(), availablePlasma: required.availablePlasma.toString() }
    const waitedMs = Date.now() - started
    const maxWaitMs = options.maxPlasmaWaitMs
    if (maxWaitMs === undefined || waitedMs >= maxWaitMs) {
      if (maxWaitMs !== undefined) {
        options.log?.({ level: 'error', module: 'anchorCall', msg: 'no plasma for too long: publishing with PoW; fuse more QSR for this account', account, waitedMs, ...plasma })
      }
      options.onProgress?.({ step: 'pow', basePlasma: required.basePlasma, availablePlasma: required.availablePlasma, requiredDifficulty: required.requiredDifficulty })
      return
    }
    if (!warned && waitedMs >= maxWaitMs / 2) {
      warned = true
      options.log?.({ level: 'warn', module: 'anchorCall', msg: 'waiting for plasma', account, ...plasma })
    }
    await pause(pollMs)
  }
}

/** Publishes `data` to the anchor from `keyPair`; resolves with the published send. */
export async function publishAnchorCall(client: NoMClient, keyPair: KeyPair, data: Uint8Array, options: PublishAnchorCallOptions = {}): Promise<AccountBlock> {
  await awaitPlasma(client, keyPair, data, options)
  const block = await prepareBlock(client, keyPair, {
    blockType: BlockType.UserSend,
    toAddress: ANCHOR_ADDRESS,
    tokenStandard: options.token ?? ZNN_ZTS,
    amount: options.amount ?? 0n,
    data,
  })
  options.signal?.throwIfAborted()
  try {
    await client.publishRawTransaction(block)
  } catch (error) {
    // A lost answer is not a lost block: if the node has it, it was published.
    const stored = await client.getAccountBlockByHash(block.hash).catch(() => null)
    if (stored === null) throw error
  }
  options.onProgress?.({ step: 'sent', sendHash: block.hash })
  return block
}

async function pollReceive(client: NoMClient, sendHash: Hash, options: AnchorWaitOptions): Promise<AnchorReceive> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const deadline = Date.now() + timeoutMs
  const aborted = 'waiting for the anchor receive was aborted'
  let sendMomentum: bigint | undefined
  for (;;) {
    if (options.signal?.aborted === true) throw new AnchorCallAbortedError(aborted)
    const send = await client.getAccountBlockByHash(sendHash)
    if (sendMomentum === undefined && send?.confirmationDetail != null) {
      sendMomentum = send.confirmationDetail.momentumHeight
      options.onProgress?.({ step: 'confirmed', sendHash, momentumHeight: sendMomentum })
    }
    const receive = send?.pairedAccountBlock
    if (sendMomentum !== undefined && receive != null && receive.confirmationDetail !== null) {
      const ok = bytesEqual(receive.data, u64be(1n))
      return {
        sendHash,
        sendMomentum,
        receiveMomentum: receive.confirmationDetail.momentumHeight,
        ok,
        receiveData: receive.data,
        failure: ok ? undefined : await getCallFailure(client, sendHash),
      }
    }
    if (Date.now() > deadline) throw new AnchorCallTimeoutError(`anchor call ${toHex(sendHash)}: no confirmed receive within ${timeoutMs} ms`)
    await sleep(pollMs, options.signal, aborted)
  }
}

/**
 * Waits for the anchor's confirmed receive of `sendHash`. A caller may race the wait against its
 * own stop and walk away from it (the batcher does): a wait abandoned that way fails later, when its
 * NoM client is closed, and that late failure must not reach the process as an unhandled rejection.
 * So the returned promise is marked handled; a caller awaiting it still gets every rejection.
 */
export function anchorReceive(client: NoMClient, sendHash: Hash, options: AnchorWaitOptions = {}): Promise<AnchorReceive> {
  const waiting = pollReceive(client, sendHash, options)
  waiting.catch(() => {})
  return waiting
}

/** The outcome in one value: success, or the anchor's failure text (a stand-in naming the receive data when the node has none). */
export function outcomeOf(receive: AnchorReceive): AnchorCallOutcome {
  if (receive.ok) return { ok: true, sendHash: receive.sendHash }
  return { ok: false, sendHash: receive.sendHash, error: receive.failure?.error ?? `anchor receive data ${toHex(receive.receiveData)} (no recorded reason)` }
}

/** anchorReceive as an outcome (marked handled the same way). */
export function anchorOutcome(client: NoMClient, sendHash: Hash, options: AnchorWaitOptions = {}): Promise<AnchorCallOutcome> {
  const waiting = anchorReceive(client, sendHash, options).then(outcomeOf)
  waiting.catch(() => {})
  return waiting
}

/** Publishes `data` to the anchor and waits for its receive (`timeoutMs` counts from the publish). */
export async function sendAnchorCall(client: NoMClient, keyPair: KeyPair, data: Uint8Array, options: PublishAnchorCallOptions & AnchorWaitOptions = {}): Promise<AnchorReceive> {
  const send = await publishAnchorCall(client, keyPair, data, options)
  return anchorReceive(client, send.hash, options)
}

/** Publishes `data` to the anchor and waits for the outcome. */
export async function callAnchor(client: NoMClient, keyPair: KeyPair, data: Uint8Array, options: PublishAnchorCallOptions & AnchorWaitOptions = {}): Promise<AnchorCallOutcome> {
  return outcomeOf(await sendAnchorCall(client, keyPair, data, options))
}
