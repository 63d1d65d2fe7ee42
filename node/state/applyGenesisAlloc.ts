/** Writes a genesis `alloc` into an empty state and returns the genesis state root. */
import { Account, Address } from '@ethereumjs/util'
import type { MerkleStateManager } from '@ethereumjs/statemanager'
import type { GenesisAccount } from '../genesis/loadGenesis.ts'

export async function applyGenesisAlloc(state: MerkleStateManager, alloc: Map<string, GenesisAccount>): Promise<Uint8Array> {
  await state.checkpoint()
  for (const [hex, account] of alloc) {
    const address = new Address(Uint8Array.from(Buffer.from(hex.slice(2), 'hex')))
    await state.putAccount(address, new Account(account.nonce, account.balance))
    if (account.code.length > 0) await state.putCode(address, account.code)
    for (const [slot, value] of account.storage) {
      await state.putStorage(address, Uint8Array.from(Buffer.from(slot.slice(2), 'hex')), value)
    }
  }
  await state.commit()
  return state.getStateRoot()
}
