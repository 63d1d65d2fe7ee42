/** embedded.plasma.getEntriesByAddress [address, pageIndex, pageSize] → {qsrAmount, count, list}. */
import type { RPCMethod } from '../context.ts'
import { addressParam, uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE, PLASMA_ADDRESS } from '../../../constants.ts'
import { fusionEntriesByOwner } from '../../embedded/plasma.ts'
import { readOnlyStorage } from '../../embedded/runtime.ts'
import { pageRange } from '../paging.ts'
import { formatAddress } from '../../../address.ts'
import { toHex } from '../../../hash.ts'

export const embedded_plasma_getEntriesByAddress: RPCMethod = async (ctx, params) => {
  const address = addressParam(params, 0)
  const pageIndex = uintParam(params, 1, 32)
  const pageSize = uintParam(params, 2, 32)
  if (pageSize > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.pageSizeTooBig)
  const entries = await fusionEntriesByOwner(readOnlyStorage(ctx.ledger.chain, PLASMA_ADDRESS), address)
  const total = entries.reduce((s, e) => s + e.qsrAmount, 0n)
  const [start, end] = pageRange(pageIndex, pageSize, entries.length)
  return {
    qsrAmount: total.toString(),
    count: entries.length,
    list: entries.slice(start, end).map((e) => ({
      qsrAmount: e.qsrAmount.toString(),
      beneficiary: formatAddress(e.beneficiary),
      expirationHeight: Number(e.expirationHeight),
      id: toHex(e.id),
    })),
  }
}
