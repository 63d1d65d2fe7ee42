/** The prefunded dev accounts: keys of a mnemonic at m/44'/60'/0'/0/i (what Hardhat/anvil print). */
import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync } from '@scure/bip39'
import { privateToAddress } from '@ethereumjs/util'

export interface DevAccount {
  address: Uint8Array
  privateKey: Uint8Array
}

export function deriveDevAccounts(mnemonic: string, count: number): DevAccount[] {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic))
  const accounts: DevAccount[] = []
  for (let i = 0; i < count; i++) {
    const key = root.derive(`m/44'/60'/0'/0/${i}`).privateKey
    if (key === null) throw new Error(`no private key at index ${i}`)
    accounts.push({ address: privateToAddress(key), privateKey: key })
  }
  return accounts
}
