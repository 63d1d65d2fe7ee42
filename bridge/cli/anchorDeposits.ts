/**
 * Anchor deposit records for the commands (read through contracts/anchor/rpc/client.ts): the record
 * a Deposit send created (found by its send hash), and the L2 transaction hash it becomes
 * (bridge/deposits/depositTransaction.ts).
 */
import { bytesToHex } from '@ethereumjs/util'
import { getChain, getDeposit, type AnchorDeposit } from '../../contracts/anchor/rpc/client.ts'
import { depositTransaction, isZnn } from '../deposits/depositTransaction.ts'
import { depositTxHash } from '../../node/deposits/depositTx.ts'
import { bytesEqual, toHex } from '../../nom/hash.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { Hash } from '../../nom/types.ts'
import { BridgeUserError } from './errors.ts'
import { nomToken } from './tokens.ts'

/** The deposit a successful Deposit send created; receives are in send order, so it is near the newest. */
export async function depositBySend(client: NoMClient, chainId: bigint, sendHash: Hash): Promise<AnchorDeposit> {
  const chain = await getChain(client, chainId)
  if (chain === undefined) throw new BridgeUserError(`no chain ${chainId} on this anchor`)
  for (let index = chain.depositCount; index >= 1n; index--) {
    const record = await getDeposit(client, chainId, index)
    if (record !== undefined && bytesEqual(record.sendHash, sendHash)) return record
  }
  throw new BridgeUserError(`the anchor has no deposit of chain ${chainId} for send ${toHex(sendHash)}`)
}

/** Hash of the L2 deposit transaction (0x7E) the record becomes. */
export async function depositL2TxHash(client: NoMClient, record: AnchorDeposit): Promise<string> {
  const token = isZnn(record.tokenStandard) ? undefined : await nomToken(client, record.tokenStandard)
  return bytesToHex(depositTxHash(depositTransaction(record, token)))
}
