/**
 * One anchor call from a NoM account, waited for to its end: publish the send, wait for the
 * anchor's receive to be confirmed, and read the outcome from the receive data (u64be(1) success,
 * u64be(2) failure + refund; the failure text from embedded.anchor.getCallFailure).
 */
import type { KeyPair } from '../../nom/keys.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { Hash, TokenStandard } from '../../nom/types.ts'
import { publishSend } from '../../nom/send.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { bytesEqual, toHex, u64be } from '../../nom/hash.ts'
import { ANCHOR_ADDRESS } from '../../contracts/anchor/address.ts'

export type AnchorCallOutcome = { ok: true; sendHash: Hash } | { ok: false; sendHash: Hash; error: string }

export class AnchorCallTimeoutError extends Error {
  override readonly name = 'AnchorCallTimeoutError'
}

/** The wait was given up through its AbortSignal (the send stays published). */
export class AnchorCallAbortedError extends Error {
  override readonly name = 'AnchorCallAbortedError'
}

export interface AnchorWaitOptions {
  /** Default 100 ms. */
  pollMs?: number
  /** Default 60 s. */
  timeoutMs?: number
  /** Stops waiting (rejects with AnchorCallAbortedError) without another NoM request. */
  signal?: AbortSignal
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(new AnchorCallAbortedError('waiting for the anchor receive was aborted'))
    const onAbort = () => {
      clearTimeout(timer)
      reject(new AnchorCallAbortedError('waiting for the anchor receive was aborted'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Waits for the anchor's confirmed receive of `sendHash`; returns its outcome. A caller may race the
 * wait against its own stop and walk away from it (the batcher does): a wait abandoned that way
 * fails later, when its NoM client is closed, and that late failure must not reach the process as
 * an unhandled rejection. So the returned promise is marked handled; a caller awaiting it still gets
 * every rejection.
 */
export function anchorOutcome(client: NoMClient, sendHash: Hash, options: AnchorWaitOptions = {}): Promise<AnchorCallOutcome> {
  const waiting = pollOutcome(client, sendHash, options)
  waiting.catch(() => {})
  return waiting
}

async function pollOutcome(client: NoMClient, sendHash: Hash, options: AnchorWaitOptions): Promise<AnchorCallOutcome> {
  const pollMs = options.pollMs ?? 100
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  for (;;) {
    if (options.signal?.aborted === true) throw new AnchorCallAbortedError('waiting for the anchor receive was aborted')
    const send = await client.getAccountBlockByHash(sendHash)
    const receive = send?.pairedAccountBlock
    if (receive !== null && receive !== undefined && receive.confirmationDetail !== null) {
      if (bytesEqual(receive.data, u64be(1n))) return { ok: true, sendHash }
      const failure = (await client.call('embedded.anchor.getCallFailure', [toHex(sendHash)])) as { error?: unknown } | null
      const error = typeof failure?.error === 'string' ? failure.error : `anchor receive data ${toHex(receive.data)} (no recorded reason)`
      return { ok: false, sendHash, error }
    }
    if (Date.now() > deadline) throw new AnchorCallTimeoutError(`anchor call ${toHex(sendHash)}: no confirmed receive within ${options.timeoutMs ?? 60_000} ms`)
    await sleep(pollMs, options.signal)
  }
}

/** Publishes `data` to the anchor from `keyPair` (with `amount` of `token`) and waits for the outcome. */
export async function callAnchor(
  client: NoMClient,
  keyPair: KeyPair,
  data: Uint8Array,
  options: AnchorWaitOptions & { amount?: bigint; token?: TokenStandard } = {},
): Promise<AnchorCallOutcome> {
  const send = await publishSend(client, keyPair, { toAddress: ANCHOR_ADDRESS, tokenStandard: options.token ?? ZNN_ZTS, amount: options.amount ?? 0n, data })
  return anchorOutcome(client, send.hash, options)
}
