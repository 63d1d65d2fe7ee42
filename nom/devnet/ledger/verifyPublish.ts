/**
 * `ledger.publishRawTransaction` checks, in go-zenon's order (rpc/api/ledger.go, then
 * vm/supervisor.go ApplyBlock: verifier/account_block.go getContext and all(), vm/vm.go
 * enoughPlasma and applySend/applyReceive, then packBlock's hash, signature, producer and
 * descendant checks). Every refusal throws LedgerError with go-zenon's text; nothing is written.
 */
import type { AccountBlock, TokenStandard } from '../../types.ts'
import { BlockType } from '../../types.ts'
import type { ChainReader } from './chain.ts'
import type { PendingPool } from './pending.ts'
import type { ContractRegistry } from '../embedded/registry.ts'
import { EmbeddedContractError } from '../embedded/types.ts'
import { LedgerError } from '../errors.ts'
import { ErrorText, networkIdMismatchText } from '../errorTexts.ts'
import { addressFromPublicKey, isEmbeddedAddress } from '../../address.ts'
import { bytesEqual } from '../../hash.ts'
import { hashAccountBlock } from '../../accountBlock.ts'
import { verify } from '../../keys.ts'
import { checkPoW } from '../../pow.ts'
import { MAX_FUSED_PLASMA_PER_ACCOUNT, PLASMA_ADDRESS } from '../../constants.ts'
import { availablePlasma, basePlasma, difficultyToPlasma } from './plasma.ts'
import { fusedAmount } from '../embedded/plasma.ts'
import { readOnlyStorage } from '../embedded/runtime.ts'

export interface PublishContext {
  chain: ChainReader
  pending: PendingPool
  registry: ContractRegistry
  chainIdentifier: bigint
}

export interface AcceptedBlock {
  block: AccountBlock
  credit?: { token: TokenStandard; amount: bigint }
}

const AMOUNT_LIMIT = 1n << 255n
const isZero = (b: Uint8Array) => b.every((x) => x === 0)
const refuse = (text: string): never => {
  throw new LedgerError(text)
}

export async function verifyPublish(ctx: PublishContext, block: AccountBlock): Promise<AcceptedBlock> {
  const { chain, pending } = ctx
  // rpc/api/ledger.go PublishRawTransaction
  if (block.chainIdentifier !== 0n && block.chainIdentifier !== ctx.chainIdentifier) {
    refuse(networkIdMismatchText(block.chainIdentifier, ctx.chainIdentifier))
  }
  if (!isZero(block.tokenStandard) && (await chain.tokenInfo(block.tokenStandard)) === undefined) refuse(ErrorText.tsDoesNotExist)
  if (block.blockType === BlockType.ContractSend) refuse(ErrorText.cantApplyContractSend)

  // verifier getContext
  if (block.height === 0n) refuse(ErrorText.heightMissing)
  if (block.height === 1n && !isZero(block.previousHash)) refuse(ErrorText.prevHashMustBeZero)
  if (block.height !== 1n && isZero(block.previousHash)) refuse(ErrorText.prevHashMissing)
  if (block.momentumAcknowledged.height === 0n && isZero(block.momentumAcknowledged.hash)) refuse(ErrorText.momentumAcknowledgedZero)
  const acknowledged = await chain.momentumByHeight(block.momentumAcknowledged.height)
  if (acknowledged === undefined || !bytesEqual(acknowledged.hash, block.momentumAcknowledged.hash)) refuse(ErrorText.momentumAcknowledgedMissing)

  const last = pending.last(block.address)
  const frontier = last !== undefined ? { height: last.height, hash: last.hash } : await chain.accountFrontier(block.address)
  const previousOk = frontier.height === block.height - 1n && bytesEqual(frontier.hash, block.previousHash)
  if (!previousOk) {
    if (frontier.height > block.height - 1n) {
      const atHeight = pending.ofAccount(block.address).some((p) => bytesEqual(p.block.hash, block.previousHash))
      const confirmed = !isZero(block.previousHash) && (await chain.block(block.previousHash)) !== undefined
      refuse(atHeight || confirmed ? ErrorText.prevHasCementedOnTop : ErrorText.prevHeightExists)
    }
    refuse(ErrorText.previousMissing)
  }

  // verifier all()
  if (block.version === 0n) refuse(ErrorText.versionMissing)
  if (block.version !== 1n) refuse(ErrorText.versionInvalid)
  if (block.chainIdentifier === 0n) refuse(ErrorText.chainIdentifierMissing)
  if (block.blockType === BlockType.GenesisReceive) refuse(ErrorText.typeMustNotBeGenesis)
  const isSend = block.blockType === BlockType.UserSend || block.blockType === BlockType.ContractSend
  if (isEmbeddedAddress(block.address)) {
    if (block.blockType !== BlockType.ContractReceive) refuse(ErrorText.typeMustBeContract)
  } else if (block.blockType !== BlockType.UserReceive && block.blockType !== BlockType.UserSend) {
    refuse(ErrorText.typeMustBeUser)
  }
  if (isSend) {
    if (block.amount >= AMOUNT_LIMIT) refuse(ErrorText.amountTooBig)
    if (block.amount > 0n && isZero(block.tokenStandard)) refuse(ErrorText.ztsMissing)
    if (!isZero(block.fromBlockHash)) refuse(ErrorText.fromBlockHashMustBeZero)
  } else {
    if (block.amount !== 0n) refuse(ErrorText.amountMustBeZero)
    if (!isZero(block.tokenStandard)) refuse(ErrorText.ztsMustBeZero)
    if (!isZero(block.toAddress)) refuse(ErrorText.toAddressMustBeZero)
    if (isZero(block.fromBlockHash)) refuse(ErrorText.fromBlockHashMissing)
  }
  if (block.difficulty !== 0n) {
    if (isEmbeddedAddress(block.address)) refuse(ErrorText.powInvalid)
    if (!checkPoW(block.address, block.previousHash, block.difficulty, block.nonce)) refuse(ErrorText.powInvalid)
  }
  const previous = last ?? (block.height > 1n ? await chain.blockAt(block.address, block.height - 1n) : undefined)
  if (previous !== undefined && previous.momentumAcknowledged.height > block.momentumAcknowledged.height) refuse(ErrorText.momentumAcknowledgedGap)

  let credit: AcceptedBlock['credit']
  if (!isSend) {
    const send = await chain.block(block.fromBlockHash)
    const confirmedAt = send === undefined ? undefined : await chain.confirmationHeight(send.hash)
    if (send === undefined || confirmedAt === undefined || confirmedAt > block.momentumAcknowledged.height) refuse(ErrorText.fromBlockMissing)
    if (!bytesEqual(block.address, send!.toAddress)) refuse(ErrorText.fromBlockReceiverMismatch)
    if ((await chain.receivedBy(send!.hash)) !== undefined || pending.isReceived(send!.hash)) refuse(ErrorText.fromBlockAlreadyReceived)
    credit = { token: send!.tokenStandard, amount: send!.amount }
  }

  // vm enoughPlasma
  const fused = await fusedAmount(readOnlyStorage(chain, PLASMA_ADDRESS), block.address)
  const available = availablePlasma(fused, pending.fusedPlasma(block.address))
  if (available < block.fusedPlasma) refuse(ErrorText.notEnoughPlasma)
  const total = difficultyToPlasma(block.difficulty) + block.fusedPlasma
  if (total > MAX_FUSED_PLASMA_PER_ACCOUNT) refuse(ErrorText.blockPlasmaLimitReached)
  let base: bigint
  try {
    base = basePlasma(ctx.registry, block)
  } catch {
    // go-zenon: common.DealWithErr panics, and applyBlock turns the panic into ErrVmRunPanic
    return refuse(ErrorText.vmPanic)
  }
  if (total < base) refuse(ErrorText.notEnoughTotalPlasma)

  // vm applySend
  if (isSend) {
    if (isEmbeddedAddress(block.toAddress)) {
      const found = ctx.registry.lookup(block.toAddress, block.data)
      if (found.kind === 'method') {
        try {
          found.method.validateSend(block)
        } catch (e) {
          if (e instanceof EmbeddedContractError) refuse(e.message)
          throw e
        }
      }
    }
    if (!isZero(block.tokenStandard)) {
      const balance = (await chain.balance(block.address, block.tokenStandard)) + pending.balanceDelta(block.address, block.tokenStandard)
      if (balance < block.amount) refuse(ErrorText.insufficientBalance)
    }
  }

  // supervisor packBlock → AccountBlockTransaction verifier
  if (isZero(block.hash)) refuse(ErrorText.hashMissing)
  if (!bytesEqual(hashAccountBlock(block), block.hash)) refuse(ErrorText.hashInvalid)
  if (block.signature.length === 0) refuse(ErrorText.signatureMissing)
  if (block.publicKey.length === 0) refuse(ErrorText.publicKeyMissing)
  if (!verify(block.publicKey, block.hash, block.signature)) refuse(ErrorText.signatureInvalid)
  if (!bytesEqual(addressFromPublicKey(block.publicKey), block.address)) refuse(ErrorText.publicKeyWrongAddress)
  if (block.descendantBlocks.length > 0) refuse(ErrorText.descendantMustBeZero)

  const accepted: AcceptedBlock = { block: { ...block, basePlasma: base, usedPlasma: total } }
  if (credit !== undefined) accepted.credit = credit
  return accepted
}
