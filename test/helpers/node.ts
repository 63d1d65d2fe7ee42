/**
 * startTestNode: a real node (level on disk, JSON-RPC on 127.0.0.1 with a random port) in a tmp
 * data dir, with the 10 dev accounts of genesis/dev.json. `stop()` shuts it down and removes the
 * data dir unless `keepData` is set (restart tests pass the same `dataDir` again).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createConfig, DEV_GENESIS_PATH } from '../../node/config.ts'
import { deriveDevAccounts } from '../../node/genesis/deriveDevAccounts.ts'
import { silentLogger } from '../../node/log.ts'
import { createNode, type Node } from '../../node/node.ts'

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

export interface TestAccount {
  /** 0x lower-case address. */
  address: `0x${string}`
  /** 0x private key. */
  privateKey: `0x${string}`
}

export interface StartTestNodeOptions {
  /** Default 0 (automine). */
  blockTimeMs?: number
  /** Reuse a data dir (e.g. after `stop({ keepData: true })`). */
  dataDir?: string
  /** A genesis file path, or a genesis JSON object written to the data dir's sibling file. */
  genesis?: string | Record<string, unknown>
  /** Extra raw config (rpc limits, txpool limits). */
  config?: Record<string, unknown>
}

export interface TestNode {
  node: Node
  rpcUrl: string
  wsUrl: string
  dataDir: string
  accounts: TestAccount[]
  stop(options?: { keepData?: boolean }): Promise<void>
}

const toHex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}` as `0x${string}`

export async function startTestNode(options: StartTestNodeOptions = {}): Promise<TestNode> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'nomx-test-')))
  let genesisPath = DEV_GENESIS_PATH
  if (typeof options.genesis === 'string') genesisPath = options.genesis
  else if (options.genesis !== undefined) {
    genesisPath = `${dataDir}.genesis.json`
    await writeFile(genesisPath, JSON.stringify(options.genesis))
  }
  const config = createConfig({
    ...options.config,
    dataDir,
    genesis: genesisPath,
    blockTimeMs: options.blockTimeMs ?? 0,
    rpc: { host: '127.0.0.1', port: 0, ...((options.config?.rpc as object | undefined) ?? {}) },
  })
  const accounts = deriveDevAccounts(DEV_MNEMONIC, 10).map((a) => ({ address: toHex(a.address), privateKey: toHex(a.privateKey) }))
  const node = await createNode(config, { accounts: accounts.map((a) => Uint8Array.from(Buffer.from(a.address.slice(2), 'hex'))), log: silentLogger })
  try {
    await node.start()
  } catch (error) {
    await node.stop()
    throw error
  }
  return {
    node,
    rpcUrl: node.rpcUrl,
    wsUrl: node.wsUrl,
    dataDir,
    accounts,
    async stop(stopOptions = {}) {
      await node.stop()
      if (stopOptions.keepData !== true) {
        await rm(dataDir, { recursive: true, force: true })
        if (genesisPath === `${dataDir}.genesis.json`) await rm(genesisPath, { force: true })
      }
    },
  }
}
