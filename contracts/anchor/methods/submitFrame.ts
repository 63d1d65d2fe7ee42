/**
 * SubmitFrame: batch data for data availability. The bytes stay in the send block; the anchor
 * numbers the frame (gap-free per chain, from 1) and records submitter, momentum and SHA3 of the data.
 * Plasma like plain data: 21,000 + 68 per byte of the whole account-block data.
 */
import { PLASMA_PER_DATA_BYTE } from '../../../nom/constants.ts'
import { sha3 } from '../../../nom/hash.ts'
import { SubmitFrameABI } from '../abi.ts'
import type { SubmitFrameArgs } from '../abi.ts'
import { FRAME_BASE_PLASMA, MAX_FRAME_BYTES } from '../constants.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { requireChain } from '../guards.ts'
import type { MethodDefinition } from './defineMethod.ts'

export function framePlasma(data: Uint8Array): bigint {
  return FRAME_BASE_PLASMA + PLASMA_PER_DATA_BYTE * BigInt(data.length)
}

export const submitFrame: MethodDefinition<SubmitFrameArgs> = {
  abi: SubmitFrameABI,
  plasma: FRAME_BASE_PLASMA,
  plasmaFor: framePlasma,
  funds: 'none',
  check(a) {
    if (a.data.length === 0) fail(AnchorErrors.frameEmpty)
    if (a.data.length > MAX_FRAME_BYTES) fail(AnchorErrors.frameTooLarge)
  },
  async run({ args, send, now, state }) {
    const chain = await requireChain(state, args.chainId)
    const index = chain.frameCount + 1n
    state.putFrame(args.chainId, index, {
      submitter: send.address,
      momentumHeight: now.height,
      sendHash: send.hash,
      dataHash: sha3(args.data),
      length: BigInt(args.data.length),
    })
    state.putChain({ ...chain, frameCount: index })
  },
}
