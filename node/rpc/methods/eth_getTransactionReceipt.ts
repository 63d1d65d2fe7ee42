/** eth_getTransactionReceipt: the receipt of a mined tx; null while pending or unknown. */
import type { RPCMethod } from '../context.ts'
import { formatReceipt } from '../format.ts'
import { argPath, checkArity, parseHash } from '../params.ts'

export const eth_getTransactionReceipt: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const hash = parseHash(params[0], argPath(0))
  const { chain } = ctx.backend
  const location = await chain.getTransactionLocation(hash)
  if (location === undefined) return null
  const receipt = (await chain.getReceipts(location.blockHash))?.[location.index]
  return receipt === undefined ? null : formatReceipt(receipt)
}
