/**
 * startAnchorChain: a real NoM devnet (random ports, tmp data dir, fast momentums) with the anchor
 * contract, and one L2 chain created on it the way the dev stack does (bridge/stack/setupDevChain.ts):
 * administrator = dev account 0, proposer 1 (bonded), guardians 4–8, batchers with fused plasma
 * (default account 9; pass more mnemonic indices for several batchers). For bridge tests that need
 * the anchor but not the whole stack. `stop()` removes the data dir unless `keepData`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDevnet, type Devnet } from '../../nom/devnet/devnet.ts'
import { createNoMClient, type NoMClient } from '../../nom/rpc/client.ts'
import { keyPairFromMnemonic, type KeyPair } from '../../nom/keys.ts'
import { COIN } from '../../nom/constants.ts'
import { createAnchorContract } from '../../contracts/anchor/contract.ts'
import { DEFAULT_BRIDGE_CONFIG, type BridgeChainParams } from '../../bridge/config.ts'
import { setupDevChain, type AnchorChainInfo } from '../../bridge/stack/setupDevChain.ts'
import { DEV_MNEMONIC } from './node.ts'

export interface StartAnchorChainOptions {
  /** Reuse a data dir (after `stop({ keepData: true })`). */
  dataDir?: string
  /** Default 73404 (genesis/dev.json). */
  chainId?: bigint
  /** Default 100 (the devnet's minimum). */
  momentumIntervalMs?: number
  /** Chain parameters over the dev defaults (bridge/config.ts). */
  params?: Partial<BridgeChainParams>
  /** Mnemonic indices of the batcher accounts; default [9]. */
  batcherIndices?: number[]
  /** QSR (base units) fused for each batcher; default 5,000 QSR (the per-account maximum). */
  batcherFuse?: bigint
}

export interface AnchorRoles {
  admin: KeyPair
  proposer: KeyPair
  user: KeyPair
  flagger: KeyPair
  guardians: KeyPair[]
  batchers: KeyPair[]
}

export interface AnchorChain {
  devnet: Devnet
  client: NoMClient
  chainId: bigint
  /** The anchor's chain record as created. */
  chain: AnchorChainInfo
  roles: AnchorRoles
  dataDir: string
  /** `embedded.anchor.<method>` on the devnet. */
  anchor<T = any>(method: string, params: unknown[]): Promise<T>
  stop(options?: { keepData?: boolean }): Promise<void>
}

export async function startAnchorChain(options: StartAnchorChainOptions = {}): Promise<AnchorChain> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'nomx-anchor-')))
  const chainId = options.chainId ?? 73_404n
  const key = (i: number) => keyPairFromMnemonic(DEV_MNEMONIC, i)
  const roles: AnchorRoles = {
    admin: key(0),
    proposer: key(1),
    user: key(2),
    flagger: key(3),
    guardians: [4, 5, 6, 7, 8].map(key),
    batchers: (options.batcherIndices ?? [9]).map(key),
  }
  const devnet = await createDevnet({
    dataDir,
    momentumIntervalMs: options.momentumIntervalMs ?? 100,
    http: { port: 0 },
    ws: { port: 0 },
    contracts: [createAnchorContract({ administrator: roles.admin.address, administratorDelay: 10n })],
  })
  const client = createNoMClient({ url: devnet.httpUrl })
  const stopAll = async (keepData: boolean) => {
    await client.close()
    await devnet.stop()
    if (!keepData) await rm(dataDir, { recursive: true, force: true })
  }
  try {
    const { chain } = await setupDevChain({
      client,
      chainId,
      administrator: roles.admin,
      proposer: roles.proposer,
      guardians: roles.guardians,
      batchers: roles.batchers,
      params: { ...DEFAULT_BRIDGE_CONFIG.chain, ...options.params },
      batcherFuse: options.batcherFuse ?? 5_000n * COIN,
      pollMs: 30,
      log: () => {},
    })
    let stopped: Promise<void> | undefined
    return {
      devnet,
      client,
      chainId,
      chain,
      roles,
      dataDir,
      anchor: (method, params) => client.call(`embedded.anchor.${method}`, params) as Promise<any>,
      stop(stopOptions = {}) {
        stopped ??= stopAll(stopOptions.keepData === true)
        return stopped
      },
    }
  } catch (error) {
    await stopAll(options.dataDir !== undefined)
    throw error
  }
}
