/**
 * The deposit sends of one momentum for one chain: account blocks (user or contract sends) to the
 * anchor whose data decodes as `Deposit(uint64,bytes20)` or `DepositCall(uint64,bytes20,uint256,uint64,bytes)`
 * with our chain id. Data that does not
 * decode is no deposit (the anchor refuses it; no record is ever written for it).
 */
import type { AccountBlockWithExtras } from '../../nom/json.ts'
import { BlockType } from '../../nom/types.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { EmbeddedContractError } from '../../nom/devnet/embedded/types.ts'
import { ANCHOR_ADDRESS } from '../../contracts/anchor/address.ts'
import { DepositABI, DepositCallABI } from '../../contracts/anchor/abi.ts'
import type { DepositCallFields } from './depositTransaction.ts'

export interface DepositSend {
  block: AccountBlockWithExtras
  l2Recipient: Uint8Array
  /** Set for a DepositCall. */
  call?: DepositCallFields
}

/** The chain id, recipient and (DepositCall) call of a deposit send's data; undefined if it is none. */
function decodeDepositData(data: Uint8Array): { chainId: bigint; l2Recipient: Uint8Array; call?: DepositCallFields } | undefined {
  if (data.length < 4) return undefined
  const head = data.subarray(0, 4)
  try {
    if (bytesEqual(head, DepositABI.selector)) return DepositABI.decode(data)
    if (bytesEqual(head, DepositCallABI.selector)) {
      const { chainId, to, value, gasLimit, data: callData } = DepositCallABI.decode(data)
      return { chainId, l2Recipient: to, call: { value, gasLimit, data: callData } }
    }
  } catch (e) {
    if (e instanceof EmbeddedContractError) return undefined
    throw e
  }
  return undefined
}

export function depositSendsOf(blocks: readonly AccountBlockWithExtras[], chainId: bigint): DepositSend[] {
  const sends: DepositSend[] = []
  for (const block of blocks) {
    if (block.blockType !== BlockType.UserSend && block.blockType !== BlockType.ContractSend) continue
    if (!bytesEqual(block.toAddress, ANCHOR_ADDRESS)) continue
    const args = decodeDepositData(block.data)
    if (args === undefined || args.chainId !== chainId) continue
    sends.push(args.call === undefined ? { block, l2Recipient: args.l2Recipient } : { block, l2Recipient: args.l2Recipient, call: args.call })
  }
  return sends
}
