/**
 * The deposits one momentum brings, once they are final: every Deposit send of our chain in it must
 * have a confirmed anchor receive. Successful receives (data u64be(1)) are deposits; their records
 * are the next anchor indices, and each must agree with its send (sender, recipient, token, amount,
 * momentum, send hash). Anything else is data that can never become valid: DepositDataError.
 */
import type { Hash } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { AccountBlockWithExtras } from '../../nom/json.ts'
import { bytesEqual, toHex, u64be } from '../../nom/hash.ts'
import { formatAddress } from '../../nom/address.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import type { OriginMomentum } from '../../node/deposits/depositSource.ts'
import { userDepositSourceHash } from '../../node/deposits/depositTx.ts'
import { depositTransaction, DepositTransactionError, isZnn, type AnchorDeposit, type TokenMetadata } from './depositTransaction.ts'
import { readAnchorChain, readAnchorDeposit } from './anchorReads.ts'
import { depositSendsOf, type DepositSend } from './depositSends.ts'
import { DepositDataError } from './errors.ts'
import type { WatchedDeposit } from './watcherStore.ts'

const SUCCESS = u64be(1n)
const FAILURE = u64be(2n)

export interface MomentumDepositsContext {
  client: NoMClient
  chainId: bigint
  /** Token metadata of a ZTS (cached by the caller); undefined when NoM does not know the token. */
  token(zts: Uint8Array): Promise<TokenMetadata | undefined>
}

export type MomentumDeposits =
  | { ready: true; deposits: WatchedDeposit[]; failedSends: Hash[] }
  | { ready: false; waitingFor: Hash }

const hex = (b: Uint8Array) => `0x${toHex(b)}`

/** The confirmed receive of `send`, or undefined while there is none. */
async function confirmedReceive(client: NoMClient, send: AccountBlockWithExtras): Promise<AccountBlockWithExtras | undefined> {
  let receive = send.pairedAccountBlock
  if (receive === null || receive.confirmationDetail === null) {
    receive = (await client.getAccountBlockByHash(send.hash))?.pairedAccountBlock ?? null
  }
  // A paired block may come without its own confirmation detail: read the receive itself.
  if (receive !== null && receive.confirmationDetail === null) receive = await client.getAccountBlockByHash(receive.hash)
  if (receive === null || receive.confirmationDetail === null) return undefined
  if (!bytesEqual(receive.fromBlockHash, send.hash)) {
    throw new DepositDataError(`the receive ${toHex(receive.hash)} paired with Deposit send ${toHex(send.hash)} receives ${toHex(receive.fromBlockHash)}`)
  }
  return receive
}

function checkAgainstSend(index: bigint, record: WatchedDeposit['record'], send: DepositSend, momentum: OriginMomentum): void {
  const b = send.block
  const differs = (what: string, got: string, want: string) => {
    throw new DepositDataError(`deposit ${index} contradicts its send ${toHex(b.hash)}: ${what} ${got} on the anchor, ${want} in the send`)
  }
  if (!bytesEqual(record.sender, b.address)) differs('sender', formatAddress(record.sender), formatAddress(b.address))
  if (!bytesEqual(record.l2Recipient, send.l2Recipient)) differs('l2Recipient', hex(record.l2Recipient), hex(send.l2Recipient))
  if (!bytesEqual(record.tokenStandard, b.tokenStandard)) differs('token', formatTokenStandard(record.tokenStandard), formatTokenStandard(b.tokenStandard))
  if (record.amount !== b.amount) differs('amount', record.amount.toString(), b.amount.toString())
  const call = (c: AnchorDeposit['call']) => (c === undefined ? 'none' : `value ${c.value} gas ${c.gasLimit} data ${hex(c.data)}`)
  if (call(record.call) !== call(send.call)) differs('call', call(record.call), call(send.call))
  if (record.momentumHeight !== momentum.height) differs('momentum height', record.momentumHeight.toString(), momentum.height.toString())
  if (!bytesEqual(record.momentumHash, momentum.hash)) differs('momentum hash', toHex(record.momentumHash), toHex(momentum.hash))
}

/**
 * Reads the deposits of `momentum` (whose confirmed blocks are `blocks`), numbered from `nextIndex`.
 * Not ready while a Deposit send of it has no confirmed receive.
 */
export async function readMomentumDeposits(
  ctx: MomentumDepositsContext,
  momentum: OriginMomentum,
  blocks: readonly AccountBlockWithExtras[],
  nextIndex: bigint,
): Promise<MomentumDeposits> {
  const succeeded: DepositSend[] = []
  const failedSends: Hash[] = []
  for (const send of depositSendsOf(blocks, ctx.chainId)) {
    const receive = await confirmedReceive(ctx.client, send.block)
    if (receive === undefined) return { ready: false, waitingFor: send.block.hash }
    if (bytesEqual(receive.data, SUCCESS)) succeeded.push(send)
    else if (bytesEqual(receive.data, FAILURE)) failedSends.push(send.block.hash)
    else throw new DepositDataError(`the anchor's receive of Deposit send ${toHex(send.block.hash)} has data ${hex(receive.data)} (expected u64be(1) or u64be(2))`)
  }

  const deposits: WatchedDeposit[] = []
  const unmatched = new Map(succeeded.map((s) => [toHex(s.block.hash), s]))
  for (let i = 0n; i < BigInt(succeeded.length); i++) {
    const index = nextIndex + i
    const found = await readAnchorDeposit(ctx.client, ctx.chainId, index)
    if (found === undefined) {
      throw new DepositDataError(`deposit index gap: the anchor has no deposit ${index}, but momentum ${momentum.height} has ${succeeded.length} successful Deposit sends numbered from ${nextIndex}`)
    }
    const { sendHash, ...record } = found
    const send = unmatched.get(toHex(sendHash))
    if (send === undefined) {
      throw new DepositDataError(`deposit ${index} names send ${toHex(sendHash)}, which is not an unmatched successful Deposit send of momentum ${momentum.height}`)
    }
    unmatched.delete(toHex(sendHash))
    checkAgainstSend(index, record, send, momentum)
    let token: TokenMetadata | undefined
    // A DepositCall carries ZNN or nothing: it needs no token metadata.
    if (record.call === undefined && !isZnn(record.tokenStandard)) {
      token = await ctx.token(record.tokenStandard)
      if (token === undefined) throw new DepositDataError(`deposit ${index}: token ${formatTokenStandard(record.tokenStandard)} is unknown to NoM`)
    }
    try {
      depositTransaction(record, token)
    } catch (e) {
      if (e instanceof DepositTransactionError) throw new DepositDataError(e.message)
      throw e
    }
    deposits.push({ record, sendHash, token, sourceHash: userDepositSourceHash(record.momentumHash, record.index) })
  }
  return { ready: true, deposits, failedSends }
}

/**
 * The index-gap check after a scan up to `scannedHeight` with `nextIndex` the next expected index: the
 * anchor must not hold deposit `nextIndex` from a momentum already scanned (its send was missed).
 * `depositCount` (from getChain) saves the read when no such record exists; omit it to read the chain.
 */
export async function checkNoMissedDeposit(client: NoMClient, chainId: bigint, nextIndex: bigint, scannedHeight: bigint, depositCount?: bigint): Promise<void> {
  const count = depositCount ?? (await readAnchorChain(client, chainId))?.depositCount ?? 0n
  if (count < nextIndex) return
  const missed = await readAnchorDeposit(client, chainId, nextIndex)
  if (missed !== undefined && missed.momentumHeight <= scannedHeight) {
    throw new DepositDataError(
      `deposit index gap: the anchor's deposit ${missed.index} (send ${toHex(missed.sendHash)}, momentum ${missed.momentumHeight}) was not among the Deposit sends of momentum ${missed.momentumHeight}`,
    )
  }
}
