/**
 * embedded.plasma.getRequiredPoWForAccountBlock [{address, blockType, toAddress, data}] →
 * {availablePlasma, basePlasma, requiredDifficulty}; difficulty 0 only when available > base.
 */
import type { RPCMethod } from '../context.ts'
import { RPCCode, RPCServerError, invalidArgument } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { parseAddress, ZERO_ADDRESS } from '../../../address.ts'
import { BlockType } from '../../../types.ts'
import { LedgerError } from '../../errors.ts'
import { basePlasma } from '../../ledger/plasma.ts'
import { plasmaOf } from '../plasmaOf.ts'
import { DIFFICULTY_PER_PLASMA, MAX_POW_PLASMA_PER_BLOCK } from '../../../constants.ts'

export const embedded_plasma_getRequiredPoWForAccountBlock: RPCMethod = async (ctx, params) => {
  const p = params[0]
  if (typeof p !== 'object' || p === null) throw invalidArgument(0, 'expected an object')
  const o = p as Record<string, unknown>
  let address, toAddress
  try {
    address = parseAddress(String(o.address))
    toAddress = o.toAddress === null || o.toAddress === undefined ? undefined : parseAddress(String(o.toAddress))
  } catch (e) {
    throw invalidArgument(0, (e as Error).message)
  }
  const blockType = o.blockType
  if (typeof blockType !== 'number' || !Number.isInteger(blockType) || blockType < 0) throw invalidArgument(0, 'blockType must be a uint64')
  const data = o.data === null || o.data === undefined ? new Uint8Array(0) : new Uint8Array(Buffer.from(String(o.data), 'base64'))
  if (toAddress === undefined && blockType === BlockType.UserSend) throw new RPCServerError(RPCCode.server, ErrorText.toAddressIsNil)
  const { available } = await plasmaOf(ctx.ledger, address)
  let base: bigint
  try {
    base = basePlasma(ctx.ledger.registry, { address, blockType: blockType as BlockType, toAddress: toAddress ?? ZERO_ADDRESS, data })
  } catch (e) {
    if (e instanceof LedgerError) throw new RPCServerError(RPCCode.server, e.message)
    throw e
  }
  if (available > base) return { availablePlasma: Number(available), basePlasma: Number(base), requiredDifficulty: 0 }
  const missing = base - available
  if (missing > MAX_POW_PLASMA_PER_BLOCK) throw new RPCServerError(RPCCode.server, ErrorText.forbiddenParam)
  return { availablePlasma: Number(available), basePlasma: Number(base), requiredDifficulty: Number(missing * DIFFICULTY_PER_PLASMA) }
}
