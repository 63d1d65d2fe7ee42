/**
 * The embedded contracts a devnet runs: the built-in plasma and token contracts plus any given in
 * the options (the anchor). Lookup is by address, then by the call's 4-byte selector, as
 * go-zenon's GetEmbeddedMethod does.
 */
import type { Address } from '../../types.ts'
import type { EmbeddedContract, EmbeddedMethod } from './types.ts'
import { selector } from '../../abi.ts'
import { bytesEqual, toHex } from '../../hash.ts'
import { isEmbeddedAddress, formatAddress } from '../../address.ts'
import { DevnetConfigError } from '../errors.ts'

export type MethodLookup =
  | { kind: 'method'; contract: EmbeddedContract; method: EmbeddedMethod }
  | { kind: 'noContract' }
  | { kind: 'noMethod'; contract: EmbeddedContract }

export class ContractRegistry {
  private readonly byAddress = new Map<string, { contract: EmbeddedContract; selectors: Array<[Uint8Array, EmbeddedMethod]> }>()

  constructor(contracts: readonly EmbeddedContract[]) {
    const names = new Set<string>()
    for (const c of contracts) {
      if (!isEmbeddedAddress(c.address)) throw new DevnetConfigError(`contracts: ${c.name} address must have type byte 0x01`)
      const key = toHex(c.address)
      if (this.byAddress.has(key)) throw new DevnetConfigError(`contracts: two contracts at ${formatAddress(c.address)}`)
      if (names.has(c.name)) throw new DevnetConfigError(`contracts: two contracts named ${c.name}`)
      names.add(c.name)
      this.byAddress.set(key, { contract: c, selectors: c.methods.map((m) => [selector(m.signature), m]) })
    }
  }

  all(): EmbeddedContract[] {
    return [...this.byAddress.values()].map((e) => e.contract)
  }

  lookup(address: Address, data: Uint8Array): MethodLookup {
    const entry = this.byAddress.get(toHex(address))
    if (entry === undefined) return { kind: 'noContract' }
    if (data.length >= 4) {
      const sel = data.subarray(0, 4)
      for (const [s, m] of entry.selectors) if (bytesEqual(s, sel)) return { kind: 'method', contract: entry.contract, method: m }
    }
    return { kind: 'noMethod', contract: entry.contract }
  }
}
