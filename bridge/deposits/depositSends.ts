/**
 * The Deposit sends of one momentum for one chain: account blocks (user or contract sends) to the
 * anchor whose data decodes as `Deposit(uint64,bytes20)` with our chain id. Data that does not
 * decode is no deposit (the anchor refuses it; no record is ever written for it).
 */
import type { AccountBlockWithExtras } from '../../nom/json.ts'
import { BlockType } from '../../nom/types.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { EmbeddedContractError } from '../../nom/devnet/embedded/types.ts'
import { ANCHOR_ADDRESS } from '../../contracts/anchor/address.ts'
import { DepositABI } from '../../contracts/anchor/abi.ts'

export interface DepositSend {
  block: AccountBlockWithExtras
  l2Recipient: Uint8Array
}

export function depositSendsOf(blocks: readonly AccountBlockWithExtras[], chainId: bigint): DepositSend[] {
  const sends: DepositSend[] = []
  for (const block of blocks) {
    if (block.blockType !== BlockType.UserSend && block.blockType !== BlockType.ContractSend) continue
    if (!bytesEqual(block.toAddress, ANCHOR_ADDRESS)) continue
    if (block.data.length < 4 || !bytesEqual(block.data.subarray(0, 4), DepositABI.selector)) continue
    let args
    try {
      args = DepositABI.decode(block.data)
    } catch (e) {
      if (e instanceof EmbeddedContractError) continue
      throw e
    }
    if (args.chainId === chainId) sends.push({ block, l2Recipient: args.l2Recipient })
  }
  return sends
}
