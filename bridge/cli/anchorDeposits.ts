/**
 * Anchor deposit records for the commands: the record a Deposit send created (found by its send
 * hash), a record by index, and the L2 transaction hash it becomes (bridge/deposits/depositTransaction.ts).
 */
import { hexToBytes, bytesToHex } from '@ethereumjs/util'
import { depositTransaction, isZnn, type AnchorDeposit } from '../deposits/depositTransaction.ts'
import { depositTxHash } from '../../node/deposits/depositTx.ts'
import { parseAddress } from '../../nom/address.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { parseTokenStandard } from '../../nom/tokenStandard.ts'
import type { Hash } from '../../nom/types.ts'
import { BridgeUserError } from './errors.ts'
import { nomToken } from './tokens.ts'

export interface DepositRecord extends AnchorDeposit {
  sendHash: Hash
}

interface DepositJSON {
  index: number
  sender: string
  l2Recipient: string
  tokenStandard: string
  amount: string
  momentumHeight: number
  momentumHash: string
  sendHash: string
}

function fromJSON(j: DepositJSON): DepositRecord {
  return {
    index: BigInt(j.index),
    sender: parseAddress(j.sender),
    l2Recipient: hexToBytes(j.l2Recipient as `0x${string}`),
    tokenStandard: parseTokenStandard(j.tokenStandard),
    amount: BigInt(j.amount),
    momentumHeight: BigInt(j.momentumHeight),
    momentumHash: fromHex(j.momentumHash),
    sendHash: fromHex(j.sendHash),
  }
}

export async function depositByIndex(client: NoMClient, chainId: bigint, index: bigint): Promise<DepositRecord | undefined> {
  const j = (await client.call('embedded.anchor.getDeposit', [chainId.toString(), index.toString()])) as DepositJSON | null
  return j === null ? undefined : fromJSON(j)
}

/** The deposit a successful Deposit send created; receives are in send order, so it is near the newest. */
export async function depositBySend(client: NoMClient, chainId: bigint, sendHash: Hash): Promise<DepositRecord> {
  const chain = (await client.call('embedded.anchor.getChain', [chainId.toString()])) as { depositCount: number } | null
  if (chain === null) throw new BridgeUserError(`no chain ${chainId} on this anchor`)
  const wanted = toHex(sendHash)
  for (let index = BigInt(chain.depositCount); index >= 1n; index--) {
    const record = await depositByIndex(client, chainId, index)
    if (record !== undefined && toHex(record.sendHash) === wanted) return record
  }
  throw new BridgeUserError(`the anchor has no deposit of chain ${chainId} for send ${wanted}`)
}

/** Hash of the L2 deposit transaction (0x7E) the record becomes. */
export async function depositL2TxHash(client: NoMClient, record: DepositRecord): Promise<string> {
  const token = isZnn(record.tokenStandard) ? undefined : await nomToken(client, record.tokenStandard)
  return bytesToHex(depositTxHash(depositTransaction(record, token)))
}
