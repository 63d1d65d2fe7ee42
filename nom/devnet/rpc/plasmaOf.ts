/** An account's plasma as the plasma API reports it: fused QSR and what is still available. */
import type { Address } from '../../types.ts'
import type { Ledger } from '../ledger/ledger.ts'
import { fusedAmount } from '../embedded/plasma.ts'
import { readOnlyStorage } from '../embedded/runtime.ts'
import { availablePlasma } from '../ledger/plasma.ts'
import { PLASMA_ADDRESS } from '../../constants.ts'

export async function plasmaOf(ledger: Ledger, address: Address): Promise<{ qsr: bigint; available: bigint }> {
  const qsr = await fusedAmount(readOnlyStorage(ledger.chain, PLASMA_ADDRESS), address)
  return { qsr, available: availablePlasma(qsr, ledger.pending.fusedPlasma(address)) }
}
