/**
 * The `Common` (chain id, fork rules, crypto) every block, tx and VM of the chain is built with.
 * Prague rules; sender recovery through the native secp256k1 binding.
 */
import { Common, Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { createNativeCrypto } from '../crypto.ts'
import type { Genesis } from '../genesis/loadGenesis.ts'

export function createChainCommon(genesis: Pick<Genesis, 'chainId'>): Common {
  return createCustomCommon(
    { chainId: Number(genesis.chainId), name: 'nomx' },
    Mainnet,
    { hardfork: Hardfork.Prague, customCrypto: createNativeCrypto() },
  )
}
