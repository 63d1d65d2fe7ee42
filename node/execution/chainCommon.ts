/**
 * The `Common` (chain id, fork rules, crypto) every block, tx and VM of the chain is built with.
 * Prague rules; sender recovery through the native secp256k1 binding.
 */
import { Common, Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { paramsBlock } from '@ethereumjs/block'
import { paramsTx } from '@ethereumjs/tx'
import { createNativeCrypto } from '../crypto.ts'
import type { ParamsDict } from '@ethereumjs/common'
import type { Genesis } from '../genesis/loadGenesis.ts'

/**
 * The returned Common already holds the tx- and block-level parameters, so constructors can pass
 * `params: PRELOADED_PARAMS` and skip re-merging them into every object's copy (halves decode time).
 */
export function createChainCommon(genesis: Pick<Genesis, 'chainId'>): Common {
  const common = createCustomCommon(
    { chainId: Number(genesis.chainId), name: 'nomx' },
    Mainnet,
    { hardfork: Hardfork.Prague, customCrypto: createNativeCrypto() },
  )
  common.updateParams(paramsTx)
  common.updateParams(paramsBlock)
  // Every tx, header and block copies the Common and calls updateParams on its copy, which
  // rebuilds the whole parameter cache even for an empty set (~20 µs, most of a tx's decode).
  // PRELOADED_PARAMS skips that rebuild; the method is an own property, so copies keep it.
  const load = common.updateParams
  common.updateParams = function updateParams(this: Common, params: ParamsDict): void {
    if (params !== PRELOADED_PARAMS) load.call(this, params)
  }
  // isActivatedEIP scans an array of ~60 EIPs and the VM asks it dozens of times per tx (a few
  // percent of execution): answer from a Set built once per activated list (copies share it).
  const activated = new WeakMap<readonly number[], ReadonlySet<number>>()
  let lastList: readonly number[] | undefined
  let lastSet: ReadonlySet<number> = new Set()
  common.isActivatedEIP = function isActivatedEIP(this: Common, eip: number): boolean {
    const list = (this as unknown as { _activatedEIPsCache: number[] })._activatedEIPsCache
    if (list !== lastList) {
      let set = activated.get(list)
      if (set === undefined) activated.set(list, (set = new Set(list)))
      lastList = list
      lastSet = set
    }
    return lastSet.has(eip)
  }
  return common
}

/** `params` for tx/block constructors given a Common made by createChainCommon: already loaded. */
export const PRELOADED_PARAMS: ParamsDict = Object.freeze({})
