/** embedded.plasma.get [address] → {currentPlasma, maxPlasma, qsrAmount}. */
import type { RPCMethod } from '../context.ts'
import { addressParam } from '../params.ts'
import { plasmaOf } from '../plasmaOf.ts'
import { fusedAmountToPlasma } from '../../ledger/plasma.ts'

export const embedded_plasma_get: RPCMethod = async (ctx, params) => {
  const { qsr, available } = await plasmaOf(ctx.ledger, addressParam(params, 0))
  return { currentPlasma: Number(available), maxPlasma: Number(fusedAmountToPlasma(qsr)), qsrAmount: qsr.toString() }
}
