/**
 * The frames one momentum brings, once they are final: every SubmitFrame send of our chain in it
 * must have a confirmed anchor receive. Successful receives (data u64be(1)) are the next anchor
 * frame indices; each record must name one of those sends and hash (SHA3-256) to its data. Any
 * contradiction is data that can never become valid: FrameDataError (the verifier halts).
 */
import type { Hash } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { AccountBlockWithExtras } from '../../nom/json.ts'
import { BlockType } from '../../nom/types.ts'
import { bytesEqual, sha3, toHex, u64be } from '../../nom/hash.ts'
import { formatAddress } from '../../nom/address.ts'
import { ANCHOR_ADDRESS } from '../../contracts/anchor/address.ts'
import { SubmitFrameABI } from '../../contracts/anchor/abi.ts'
import type { DerivationFrame } from '../../node/derivation/types.ts'
import { readAnchorFrame } from './anchorReads.ts'

const SUCCESS = u64be(1n)
const FAILURE = u64be(2n)

/** Anchor data that contradicts itself or its sends. */
export class FrameDataError extends Error {
  override readonly name = 'FrameDataError'
}

/** A frame with the anchor's data hash (framesHash is computed over it). */
export interface ReadFrame extends DerivationFrame {
  dataHash: Hash
}

export type MomentumFrames = { ready: true; frames: ReadFrame[] } | { ready: false; waitingFor: Hash }

interface FrameSend {
  block: AccountBlockWithExtras
  data: Uint8Array
}

/** Sends (user or contract) to the anchor whose data decodes as SubmitFrame for `chainId`. */
export function frameSendsOf(blocks: readonly AccountBlockWithExtras[], chainId: bigint): FrameSend[] {
  const sends: FrameSend[] = []
  for (const block of blocks) {
    if (block.blockType !== BlockType.UserSend && block.blockType !== BlockType.ContractSend) continue
    if (!bytesEqual(block.toAddress, ANCHOR_ADDRESS)) continue
    if (block.data.length < 4 || !bytesEqual(block.data.subarray(0, 4), SubmitFrameABI.selector)) continue
    let args
    try {
      args = SubmitFrameABI.decode(block.data)
    } catch {
      continue // the anchor refuses it at publish or receive: no record
    }
    if (args.chainId === chainId) sends.push({ block, data: args.data })
  }
  return sends
}

async function confirmedReceive(client: Pick<NoMClient, 'getAccountBlockByHash'>, send: AccountBlockWithExtras): Promise<AccountBlockWithExtras | undefined> {
  let receive = send.pairedAccountBlock
  if (receive === null || receive.confirmationDetail === null) receive = (await client.getAccountBlockByHash(send.hash))?.pairedAccountBlock ?? null
  if (receive === null || receive.confirmationDetail === null) return undefined
  return receive
}

/** Reads the frames of momentum `height` (confirmed blocks `blocks`), numbered from `nextIndex`. */
export async function readMomentumFrames(
  client: Pick<NoMClient, 'call' | 'getAccountBlockByHash'>,
  chainId: bigint,
  height: bigint,
  blocks: readonly AccountBlockWithExtras[],
  nextIndex: bigint,
): Promise<MomentumFrames> {
  const succeeded = new Map<string, FrameSend>()
  for (const send of frameSendsOf(blocks, chainId)) {
    const receive = await confirmedReceive(client, send.block)
    if (receive === undefined) return { ready: false, waitingFor: send.block.hash }
    if (bytesEqual(receive.data, SUCCESS)) succeeded.set(toHex(send.block.hash), send)
    else if (!bytesEqual(receive.data, FAILURE)) {
      throw new FrameDataError(`the anchor's receive of SubmitFrame send ${toHex(send.block.hash)} has data 0x${toHex(receive.data)} (expected u64be(1) or u64be(2))`)
    }
  }
  const frames: ReadFrame[] = []
  const count = BigInt(succeeded.size)
  for (let i = 0n; i < count; i++) {
    const index = nextIndex + i
    const record = await readAnchorFrame(client, chainId, index)
    if (record === undefined) throw new FrameDataError(`frame index gap: the anchor has no frame ${index}, but momentum ${height} has ${count} successful SubmitFrame sends numbered from ${nextIndex}`)
    const send = succeeded.get(toHex(record.sendHash))
    if (send === undefined) throw new FrameDataError(`frame ${index} names send ${toHex(record.sendHash)}, which is not an unmatched successful SubmitFrame send of momentum ${height}`)
    succeeded.delete(toHex(record.sendHash))
    if (record.momentumHeight !== height) throw new FrameDataError(`frame ${index} is recorded at momentum ${record.momentumHeight}, its send is confirmed in ${height}`)
    if (!bytesEqual(record.submitter, send.block.address)) {
      throw new FrameDataError(`frame ${index} names submitter ${formatAddress(record.submitter)}, its send is from ${formatAddress(send.block.address)}`)
    }
    if (!bytesEqual(sha3(send.data), record.dataHash) || record.length !== BigInt(send.data.length)) {
      throw new FrameDataError(`frame ${index}: the send's data does not hash to the anchor's dataHash ${toHex(record.dataHash)}`)
    }
    frames.push({ index, submitter: formatAddress(record.submitter), bytes: send.data, dataHash: record.dataHash })
  }
  return { ready: true, frames }
}
