/**
 * Test harness for the devnet: a devnet on 127.0.0.1 port 0 in a temp dir, a JSON-RPC call over
 * HTTP, dev keys, and account blocks built and signed with the nom/ primitives.
 */
import { mkdtemp, rm, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AccountBlock, Address, Momentum, TokenStandard } from '../../../nom/types.ts'
import { BlockType } from '../../../nom/types.ts'
import { createDevnet } from '../../../nom/devnet/devnet.ts'
import type { Devnet, DevnetOptions } from '../../../nom/devnet/devnet.ts'
import { DEFAULT_GENESIS_PATH } from '../../../nom/devnet/devnet.ts'
import { ZENON_COIN_TYPE, keyPairFromSeed, mnemonicToBip39Seed, slip10DeriveEd25519 } from '../../../nom/keys.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import { emptyAccountBlock, signAccountBlock } from '../../../nom/accountBlock.ts'
import { accountBlockFromJSON, accountBlockToJSON, momentumFromJSON } from '../../../nom/json.ts'
import { formatAddress } from '../../../nom/address.ts'
import { fromHex, ZERO_HASH } from '../../../nom/hash.ts'
import { ZERO_ZTS } from '../../../nom/tokenStandard.ts'

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'
/** BIP-39 seed of the dev mnemonic, derived once (PBKDF2 is slow in JS). */
const DEV_SEED = mnemonicToBip39Seed(DEV_MNEMONIC)
/** Account i of the dev mnemonic (same as keyPairFromMnemonic(DEV_MNEMONIC, i)). */
export const devKey = (i: number): KeyPair => keyPairFromSeed(slip10DeriveEd25519(DEV_SEED, [44, ZENON_COIN_TYPE, i]))

export async function defaultGenesis(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(DEFAULT_GENESIS_PATH, 'utf8')) as Record<string, unknown>
}

export interface TestDevnet extends Devnet {
  dataDir: string
  call(method: string, params?: unknown[]): Promise<unknown>
  /** The raw JSON-RPC response (result or error). */
  raw(method: string, params?: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string } }>
  /** Stops and deletes the data dir. */
  dispose(): Promise<void>
}

export async function startDevnet(options: Partial<DevnetOptions> = {}, dataDir?: string): Promise<TestDevnet> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'nomx-devnet-')))
  const devnet = await createDevnet({ momentumIntervalMs: 60_000, http: { port: 0 }, ws: { port: 0 }, ...options, dataDir: dir })
  let id = 0
  const raw = async (method: string, params: unknown[] = []) => {
    const res = await fetch(devnet.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    })
    return (await res.json()) as { result?: unknown; error?: { code: number; message: string } }
  }
  return {
    ...devnet,
    dataDir: dir,
    raw,
    call: async (method, params = []) => {
      const r = await raw(method, params)
      if (r.error !== undefined) throw new Error(`${method}: ${r.error.message}`)
      return r.result
    },
    dispose: async () => {
      await devnet.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export async function frontierBlock(net: TestDevnet, address: Address): Promise<AccountBlock | undefined> {
  const j = await net.call('ledger.getFrontierAccountBlock', [formatAddress(address)])
  return j === null ? undefined : accountBlockFromJSON(j)
}

export async function frontierMomentum(net: TestDevnet): Promise<Momentum> {
  return momentumFromJSON(await net.call('ledger.getFrontierMomentum'))
}

export async function balance(net: TestDevnet, address: Address, zts: TokenStandard): Promise<bigint> {
  const info = (await net.call('ledger.getAccountInfoByAddress', [formatAddress(address)])) as { balanceInfoMap: Record<string, { balance: string }> }
  const { formatTokenStandard } = await import('../../../nom/tokenStandard.ts')
  return BigInt(info.balanceInfoMap[formatTokenStandard(zts)]?.balance ?? '0')
}

/** An unsigned block template on top of the account's frontier, acknowledging the frontier momentum. */
export async function template(net: TestDevnet, key: KeyPair, fields: Partial<AccountBlock>): Promise<AccountBlock> {
  const prev = await frontierBlock(net, key.address)
  const m = await frontierMomentum(net)
  return emptyAccountBlock({
    chainIdentifier: 100n,
    previousHash: prev?.hash ?? ZERO_HASH,
    height: (prev?.height ?? 0n) + 1n,
    momentumAcknowledged: { hash: m.hash, height: m.height },
    address: key.address,
    publicKey: key.publicKey,
    ...fields,
  })
}

export async function send(net: TestDevnet, key: KeyPair, to: Address, amount: bigint, zts: TokenStandard, fields: Partial<AccountBlock> = {}): Promise<AccountBlock> {
  const t = await template(net, key, { blockType: BlockType.UserSend, toAddress: to, amount, tokenStandard: zts, fusedPlasma: 21_000n, ...fields })
  return signAccountBlock(t, key)
}

export async function receive(net: TestDevnet, key: KeyPair, fromHash: Uint8Array, fields: Partial<AccountBlock> = {}): Promise<AccountBlock> {
  const t = await template(net, key, { blockType: BlockType.UserReceive, fromBlockHash: fromHash, fusedPlasma: 21_000n, tokenStandard: ZERO_ZTS, ...fields })
  return signAccountBlock(t, key)
}

export async function publish(net: TestDevnet, block: AccountBlock): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  return net.raw('ledger.publishRawTransaction', [accountBlockToJSON(block)])
}

export const hex = (s: string): Uint8Array => fromHex(s)
