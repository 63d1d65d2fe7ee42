/**
 * A stand-in NoM client for anchor-call tests that need states a devnet will not produce on cue:
 * the plasma answers in order, the publish's fate, what each poll of the send sees (in order; the
 * last repeats) and the anchor's getCallFailure answer. It records every call it got.
 */
import type { NoMClient } from '../../../../nom/rpc/client.ts'
import type { AccountBlock } from '../../../../nom/types.ts'
import { toHex, u64be } from '../../../../nom/hash.ts'

export const SEND_MOMENTUM = 11n
export const RECEIVE_MOMENTUM = 12n

/** What one poll of the send sees: not yet in a momentum, confirmed, or received with this outcome. */
export type SendState = 'pending' | 'confirmed' | 'succeeded' | 'failed'

export interface Script {
  /** requiredDifficulty per plasma question, in order (the last repeats); default [0]. */
  difficulties?: bigint[]
  /** Rejects to make the publish fail; default accepts. */
  publish?: (block: AccountBlock) => Promise<void>
  /** Whether getAccountBlockByHash finds a block whose publish failed; default false. */
  storedAfterFailedPublish?: boolean
  polls?: SendState[]
  /** The anchor's failure text, or undefined when it has none recorded. */
  failure?: string
}

const detail = (momentumHeight: bigint) => ({ numConfirmations: 1n, momentumHeight, momentumHash: new Uint8Array(32).fill(3), momentumTimestamp: 0n })

export function scriptedNoM(script: Script) {
  const calls: string[] = []
  const published: AccountBlock[] = []
  const difficulties = script.difficulties ?? [0n]
  const polls = script.polls ?? ['succeeded']
  let asked = 0
  let polled = 0
  let publishFailed = false
  const client = {
    async getRequiredPoWForAccountBlock() {
      calls.push('getRequiredPoWForAccountBlock')
      const d = difficulties[Math.min(asked++, difficulties.length - 1)]!
      return { availablePlasma: d === 0n ? 21_000n : 0n, basePlasma: 21_000n, requiredDifficulty: d }
    },
    async getFrontierAccountBlock() {
      return null
    },
    async getFrontierMomentum() {
      return { chainIdentifier: 100n, hash: new Uint8Array(32).fill(1), height: 10n }
    },
    async publishRawTransaction(block: AccountBlock) {
      calls.push('publishRawTransaction')
      published.push(block)
      try {
        await script.publish?.(block)
      } catch (error) {
        publishFailed = true
        throw error
      }
    },
    async getAccountBlockByHash(hash: Uint8Array) {
      calls.push('getAccountBlockByHash')
      if (publishFailed) {
        // The publisher asking whether a publish whose answer failed arrived.
        publishFailed = false
        return script.storedAfterFailedPublish === true ? { hash, confirmationDetail: null, pairedAccountBlock: null } : null
      }
      const state = polls[Math.min(polled++, polls.length - 1)]!
      if (state === 'pending') return { hash, confirmationDetail: null, pairedAccountBlock: null }
      if (state === 'confirmed') return { hash, confirmationDetail: detail(SEND_MOMENTUM), pairedAccountBlock: null }
      return { hash, confirmationDetail: detail(SEND_MOMENTUM), pairedAccountBlock: { data: u64be(state === 'succeeded' ? 1n : 2n), confirmationDetail: detail(RECEIVE_MOMENTUM) } }
    },
    async call(method: string, params: unknown[]) {
      calls.push(method)
      if (method !== 'embedded.anchor.getCallFailure') throw new Error(`unexpected ${method}`)
      if (script.failure === undefined) return null
      return { sendHash: params[0], momentumHeight: Number(RECEIVE_MOMENTUM), method: 'PostBond', error: script.failure }
    },
  } as unknown as NoMClient
  return { client, calls, published, sendHash: () => toHex(published[0]!.hash) }
}
