/**
 * One anchor call from the user's NoM account (contracts/anchor/rpc/anchorCall.ts), in the
 * command's words: progress while it is published (PoW if the account has no plasma), confirmed and
 * received; a refusal becomes an AnchorCallError with the anchor's text and the advice for it; a
 * node that stops answering or a wait that runs out becomes a BridgeNetworkError saying what to check.
 */
import { AnchorCallTimeoutError, sendAnchorCall, type AnchorCallProgress } from '../../contracts/anchor/rpc/anchorCall.ts'
import { formatAddress } from '../../nom/address.ts'
import { RPCError, TimeoutError, TransportError } from '../../nom/errors.ts'
import { toHex } from '../../nom/hash.ts'
import type { KeyPair } from '../../nom/keys.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { Hash, TokenStandard } from '../../nom/types.ts'
import { adviceFor, type AdviceContext } from './advice.ts'
import { AnchorCallError, BridgeNetworkError } from './errors.ts'
import type { Output } from './output.ts'

export interface AnchorCall {
  method: string
  data: Uint8Array
  tokenStandard?: TokenStandard
  amount?: bigint
}

export interface AnchorCallResult {
  sendHash: Hash
  /** Momentum that confirmed the send. */
  sendMomentum: bigint
  /** Momentum that confirmed the anchor's receive. */
  receiveMomentum: bigint
}

export interface AnchorCallOptions {
  timeoutMs: number
  pollMs?: number
  advice: AdviceContext
}

export async function callAnchorForUser(client: NoMClient, key: KeyPair, call: AnchorCall, out: Output, options: AnchorCallOptions): Promise<AnchorCallResult> {
  let sendHash: Hash | undefined
  let confirmed = false
  const onProgress = (event: AnchorCallProgress) => {
    if (event.step === 'pow') {
      out.progress(`not enough plasma for ${call.method} (${event.availablePlasma} of ${event.basePlasma}): computing PoW, this can take a while (fuse QSR for plasma to skip it)`)
    } else if (event.step === 'sent') {
      sendHash = event.sendHash
      out.progress(`${call.method} sent in account block ${toHex(event.sendHash)}; waiting for a momentum`)
    } else {
      confirmed = true
      out.progress(`confirmed in momentum ${event.momentumHeight}; waiting for the anchor to receive it`)
    }
  }
  let receive
  try {
    receive = await sendAnchorCall(client, key, call.data, {
      token: call.tokenStandard,
      amount: call.amount,
      pollMs: options.pollMs ?? 250,
      timeoutMs: options.timeoutMs,
      onProgress,
    })
  } catch (error) {
    if (sendHash === undefined) throw publishError(call, key, error, options.advice)
    if (error instanceof AnchorCallTimeoutError) {
      throw new BridgeNetworkError(
        confirmed
          ? `the anchor has not received ${call.method} send ${toHex(sendHash)} within ${options.timeoutMs / 1000} s: check the NoM node`
          : `${call.method} send ${toHex(sendHash)} was not confirmed within ${options.timeoutMs / 1000} s: check the NoM node; the send may still confirm`,
      )
    }
    throw error
  }
  if (receive.ok) return { sendHash: receive.sendHash, sendMomentum: receive.sendMomentum, receiveMomentum: receive.receiveMomentum }
  const reason = receive.failure?.error ?? 'the anchor refused the call (its reason is not recorded on this node)'
  const refund = (call.amount ?? 0n) > 0n ? 'The amount sent with it is refunded to your NoM account (a wallet receives it).' : ''
  throw new AnchorCallError(call.method, reason, [adviceFor(reason, options.advice), refund].filter((t) => t !== '').join('\n'))
}

/** A publish the node refused is the anchor's (static check's) refusal; one it did not answer may still have arrived. */
function publishError(call: AnchorCall, key: KeyPair, error: unknown, advice: AdviceContext): unknown {
  if (error instanceof RPCError) return new AnchorCallError(call.method, error.message, adviceFor(error.message, advice))
  if (error instanceof TransportError || error instanceof TimeoutError) {
    return new BridgeNetworkError(
      `the NoM node stopped answering while ${call.method} was being published (${error.message}): it may have arrived, so look at ${formatAddress(key.address)}'s latest account blocks before sending it again`,
    )
  }
  return error
}
