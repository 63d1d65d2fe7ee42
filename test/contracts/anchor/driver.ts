/**
 * What the anchor scenarios need from a host: publish a call and learn its outcome, read heights,
 * balances and the read API. Two implementations: the in-memory harness and the real devnet.
 */
import type { Address, TokenStandard } from '../../../nom/types.ts'
import { keyPairFromMnemonic } from '../../../nom/keys.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { Harness } from './harness.ts'
import type { CallResult } from './harness.ts'

export type { CallResult }

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

export interface Actor {
  name: string
  keyPair: KeyPair
  address: Address
}

export interface AnchorDriver {
  readonly actors: {
    admin: Actor
    proposer: Actor
    user: Actor
    flagger: Actor
    guardians: Actor[]
    other: Actor
  }
  readonly administratorDelay: bigint
  call(from: Actor, data: Uint8Array, amount?: bigint, token?: TokenStandard): Promise<CallResult>
  frontierHeight(): Promise<bigint>
  momentumHash(height: bigint): Promise<Uint8Array>
  /** Returns once the frontier momentum is at least `height`. */
  waitForHeight(height: bigint): Promise<void>
  /** Spendable balance (payouts received first). */
  balance(who: Actor | Address, token?: TokenStandard): Promise<bigint>
  rpc(name: string, params: unknown[]): Promise<any>
  /** The whole contract storage, where the host can show it (the in-memory harness). */
  rawStorage?(): Promise<string>
  close(): Promise<void>
}

export function devActors(): AnchorDriver['actors'] {
  const actor = (name: string, i: number): Actor => {
    const keyPair = keyPairFromMnemonic(DEV_MNEMONIC, i)
    return { name, keyPair, address: keyPair.address }
  }
  return {
    admin: actor('admin', 0),
    proposer: actor('proposer', 1),
    user: actor('user', 2),
    flagger: actor('flagger', 3),
    guardians: [4, 5, 6, 7, 8].map((i) => actor(`guardian${i - 3}`, i)),
    other: actor('other', 9),
  }
}

export const FUNDS = 1_000_000n * 100_000_000n

export function createHarnessDriver(administratorDelay: bigint): AnchorDriver & { harness: Harness } {
  const actors = devActors()
  const harness = new Harness(actors.admin.address, administratorDelay)
  for (const a of [actors.admin, actors.proposer, actors.user, actors.flagger, actors.other, ...actors.guardians]) {
    harness.fund(a.address, FUNDS, ZNN_ZTS)
    harness.fund(a.address, FUNDS, QSR_ZTS)
  }
  return {
    harness,
    actors,
    administratorDelay,
    call: (from, data, amount = 0n, token = ZNN_ZTS) => harness.call(from.address, data, amount, token),
    frontierHeight: async () => harness.now.height,
    momentumHash: async (h) => harness.momentums[Number(h) - 1]!.hash,
    waitForHeight: async (h) => {
      while (harness.now.height < h) harness.tick()
    },
    balance: async (who, token = ZNN_ZTS) => harness.balance('address' in who ? who.address : who, token),
    rpc: (name, params) => harness.rpc(name, params),
    rawStorage: async () => harness.snapshot(),
    close: async () => {},
  }
}
