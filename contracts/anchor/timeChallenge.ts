/**
 * go-zenon-style time challenge for delayed admin changes. The first call stores (method,
 * paramsHash = SHA3-256 of the call's ABI-encoded arguments, start = now) and changes nothing else.
 * A later call with the same arguments executes once start + delay < now (strictly), and clears the
 * challenge; before that it fails with "time challenge not due". Different arguments restart it.
 */
import type { AccountBlock, Momentum } from '../../nom/types.ts'
import { bytesEqual, sha3 } from '../../nom/hash.ts'
import type { CallCodec } from './abi.ts'
import { AnchorErrors, fail } from './errors.ts'
import type { AnchorWriter } from './state.ts'

/** True when the change may execute now; false when this call (re)started the challenge. */
export async function passTimeChallenge(
  state: AnchorWriter,
  chainId: bigint,
  abi: CallCodec<unknown>,
  send: AccountBlock,
  now: Momentum,
  delay: bigint,
): Promise<boolean> {
  const paramsHash = sha3(send.data.subarray(4))
  const existing = await state.timeChallenge(chainId, abi.selector)
  if (existing !== undefined && bytesEqual(existing.paramsHash, paramsHash)) {
    if (existing.challengeStartHeight + delay >= now.height) fail(AnchorErrors.timeChallengeNotDue)
    state.deleteTimeChallenge(chainId, abi.selector)
    return true
  }
  state.putTimeChallenge(chainId, abi.selector, { methodName: abi.name, paramsHash, challengeStartHeight: now.height })
  return false
}
