/**
 * One anchor call from the user's NoM account: publish the send (PoW if the account has no plasma),
 * wait for its momentum, then for the anchor's receive; a refusal becomes an AnchorCallError with
 * the anchor's text and the advice for it.
 */
import { ANCHOR_ADDRESS } from '../../contracts/anchor/address.ts'
import { formatAddress } from '../../nom/address.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { RPCError, TimeoutError, TransportError } from '../../nom/errors.ts'
import { bytesEqual, toHex, u64be } from '../../nom/hash.ts'
import type { KeyPair } from '../../nom/keys.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { publishSend, waitForConfirmation } from '../../nom/send.ts'
import { BlockType, type Hash, type TokenStandard } from '../../nom/types.ts'
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function callAnchor(client: NoMClient, key: KeyPair, call: AnchorCall, out: Output, options: AnchorCallOptions): Promise<AnchorCallResult> {
  const pollMs = options.pollMs ?? 250
  const required = await client.getRequiredPoWForAccountBlock({ address: key.address, blockType: BlockType.UserSend, toAddress: ANCHOR_ADDRESS, data: call.data })
  if (required.requiredDifficulty > 0n) out.progress(`not enough plasma for ${call.method} (${required.availablePlasma} of ${required.basePlasma}): computing PoW, this can take a while (fuse QSR for plasma to skip it)`)
  let sendHash: Hash
  try {
    const block = await publishSend(client, key, {
      toAddress: ANCHOR_ADDRESS,
      tokenStandard: call.tokenStandard ?? ZNN_ZTS,
      amount: call.amount ?? 0n,
      data: call.data,
    })
    sendHash = block.hash
  } catch (error) {
    if (error instanceof RPCError) throw new AnchorCallError(call.method, error.message, adviceFor(error.message, options.advice))
    if (error instanceof TransportError || error instanceof TimeoutError) {
      throw new BridgeNetworkError(
        `the NoM node stopped answering while ${call.method} was being published (${error.message}): it may have arrived, so look at ${formatAddress(key.address)}'s latest account blocks before sending it again`,
      )
    }
    throw error
  }
  out.progress(`${call.method} sent in account block ${toHex(sendHash)}; waiting for a momentum`)
  const deadline = Date.now() + options.timeoutMs
  let confirmed
  try {
    confirmed = await waitForConfirmation(client, sendHash, { timeoutMs: options.timeoutMs, pollMs })
  } catch (error) {
    if (error instanceof TimeoutError) throw new BridgeNetworkError(`${call.method} send ${toHex(sendHash)} was not confirmed within ${options.timeoutMs / 1000} s: check the NoM node; the send may still confirm`)
    throw error
  }
  const sendMomentum = confirmed.confirmationDetail!.momentumHeight
  out.progress(`confirmed in momentum ${sendMomentum}; waiting for the anchor to receive it`)
  for (;;) {
    const block = await client.getAccountBlockByHash(sendHash)
    const receive = block?.pairedAccountBlock
    if (receive !== null && receive !== undefined && receive.confirmationDetail !== null) {
      if (bytesEqual(receive.data, u64be(1n))) return { sendHash, sendMomentum, receiveMomentum: receive.confirmationDetail.momentumHeight }
      const failure = (await client.call('embedded.anchor.getCallFailure', [toHex(sendHash)])) as { error?: unknown } | null
      const reason = failure !== null && typeof failure.error === 'string' ? failure.error : 'the anchor refused the call (its reason is not recorded on this node)'
      const refund = (call.amount ?? 0n) > 0n ? 'The amount sent with it is refunded to your NoM account (a wallet receives it).' : ''
      throw new AnchorCallError(call.method, reason, [adviceFor(reason, options.advice), refund].filter((t) => t !== '').join('\n'))
    }
    if (Date.now() > deadline) throw new BridgeNetworkError(`the anchor has not received ${call.method} send ${toHex(sendHash)} within ${options.timeoutMs / 1000} s: check the NoM node`)
    await sleep(pollMs)
  }
}
