/**
 * startDevStack: the whole dev stack in one process (what `nomx dev` runs). In start order:
 * 1. the NoM devnet with the anchor (data in <dataDir>/nom), or an external NoM node;
 * 2. the chain on the anchor, the proposer's bond, the batcher's plasma (stack/setupDevChain.ts);
 * 3. the deposit watcher (<dataDir>/bridge/deposits);
 * 4. the L2 sequencer (<dataDir>/l2) taking deposits from the watcher and serving nomx_*; it
 *    seals its first block once the watcher knows an origin momentum (node/sequencer: a block
 *    without one could not be batched), the RPC answers from the start;
 * 5. the batcher + proposer (frames and commitments on the anchor);
 * 6. the head tracker (safe/finalized from the anchor's commitments).
 * A restart on the same dataDir continues both chains; stop() shuts down in reverse order.
 */
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import type { NodeConfig } from '../node/config.ts'
import { ConfigError } from '../node/errors.ts'
import { deriveDevAccounts } from '../node/genesis/deriveDevAccounts.ts'
import { loadGenesis } from '../node/genesis/loadGenesis.ts'
import { stderrLogger, type NodeLogger } from '../node/log.ts'
import { createNode, type Node } from '../node/node.ts'
import { createDevnet, type Devnet } from '../nom/devnet/devnet.ts'
import { createNoMClient, type NoMClient } from '../nom/rpc/client.ts'
import { formatAddress, parseAddress } from '../nom/address.ts'
import { keyPairFromMnemonic } from '../nom/keys.ts'
import { createAnchorContract } from '../contracts/anchor/contract.ts'
import type { BridgeConfig, BridgeKeys } from './config.ts'
import { resolveBridgeKeys } from './config.ts'
import { setupDevChain, type AnchorChainInfo } from './stack/setupDevChain.ts'
import { createDepositWatcher, type DepositWatcher } from './deposits/createDepositWatcher.ts'
import { createBridgeRPCMethods } from './rpc/createBridgeRPCMethods.ts'
import { createHeadTracker, type HeadTracker } from './heads/createHeadTracker.ts'
import { createBatcher, type Batcher } from './batcher/createBatcher.ts'

export interface DevStackOptions {
  /** Node config; its dataDir is the stack's folder (L2 data in <dataDir>/l2, NoM in <dataDir>/nom). */
  config: NodeConfig
  bridge: BridgeConfig
  log?: NodeLogger
}

export interface L2DevAccount {
  address: string
  privateKey: string
}

export interface NoMDevAccount {
  /** Index in the dev mnemonic (m/44'/73404'/i'). */
  index: number
  role: string
  address: string
}

export interface DevStack {
  node: Node
  watcher: DepositWatcher
  heads: HeadTracker
  batcher: Batcher
  /** undefined when the stack runs against an external NoM node. */
  devnet: Devnet | undefined
  nomClient: NoMClient
  chainId: bigint
  /** The anchor's record of the chain (windows as the anchor holds them). */
  anchorChain: AnchorChainInfo
  keys: BridgeKeys
  urls: { l2Http: string; l2Ws: string; nomHttp: string; nomWs: string | undefined }
  accounts: { l2: L2DevAccount[]; nom: NoMDevAccount[] }
  /** The stack's folder (L2 in l2/, NoM in nom/). */
  dataDir: string
  /** The embedded devnet's momentum interval; undefined with an external NoM node. */
  momentumIntervalMs: number | undefined
  commitIntervalBlocks: bigint
  /** True when this start created the chain on the anchor (a fresh stack). */
  created: boolean
  /** Stops everything in reverse start order. Idempotent. */
  stop(): Promise<void>
}

/** Roles of the NoM dev mnemonic's accounts (bridge/README.md §5). */
export const NOM_DEV_ROLES: readonly string[] = [
  'anchor administrator',
  'proposer (bonded)',
  'dev user (deposits, withdrawals)',
  'flagger',
  'guardian',
  'guardian',
  'guardian',
  'guardian',
  'guardian',
  'batcher',
]

const L2_DEV_ACCOUNT_COUNT = 10

export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const log = options.log ?? stderrLogger
  const { bridge } = options
  const root = options.config.dataDir
  const l2Config: NodeConfig = Object.freeze({ ...options.config, dataDir: join(root, 'l2') })
  const genesis = await loadGenesis(l2Config.genesis)
  const chainId = bridge.chainId ?? genesis.chainId
  const keys = resolveBridgeKeys(bridge, genesis.devMnemonic)
  const batcherAddresses = keys.batchers.map((k) => formatAddress(k.address))
  if (genesis.nom !== undefined) {
    for (const address of batcherAddresses) {
      if (!genesis.nom.batchers.includes(address)) {
        throw new ConfigError(`config: bridge.batcherKeyFile: batcher ${address} is not in the L2 genesis nom.batchers (${genesis.nom.batchers.join(', ')}): verifiers would ignore its frames`)
      }
    }
  }
  const mnemonic = bridge.mnemonic ?? genesis.devMnemonic

  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop()
      } catch (error) {
        log({ level: 'error', module: 'stack', msg: 'stop failed', error: (error as Error).message })
      }
    }
  }
  try {
    let devnet: Devnet | undefined
    let nomHttp: string
    let nomWs: string | undefined
    if (bridge.nomRpcUrl === undefined) {
      if (keys.administrator === undefined) throw new ConfigError('config: bridge.mnemonic: the embedded devnet needs a mnemonic for the anchor administrator')
      devnet = await createDevnet({
        dataDir: join(root, 'nom'),
        momentumIntervalMs: bridge.devnet.momentumIntervalMs,
        http: { host: bridge.devnet.host, port: bridge.devnet.httpPort },
        ws: { host: bridge.devnet.host, port: bridge.devnet.wsPort },
        contracts: [createAnchorContract({ administrator: keys.administrator.address, administratorDelay: bridge.devnet.administratorDelay })],
      })
      const started = devnet
      stops.push(() => started.stop())
      nomHttp = devnet.httpUrl
      nomWs = devnet.wsUrl
    } else {
      nomHttp = bridge.nomRpcUrl
      nomWs = /^wss?:/.test(bridge.nomRpcUrl) ? bridge.nomRpcUrl : undefined
    }
    const nomClient = createNoMClient({ url: nomHttp })
    stops.push(() => nomClient.close())

    const setup = await setupDevChain({
      client: nomClient,
      chainId,
      administrator: keys.administrator,
      proposer: keys.proposer,
      guardians: keys.guardians,
      batchers: keys.batchers,
      params: bridge.chain,
      pollMs: Math.min(bridge.pollMs, 100),
      log: (event) => log({ level: 'info', module: 'stack', ...event }),
    })

    const watcher = createDepositWatcher({ client: nomClient, chainId, dataDir: join(root, 'bridge', 'deposits'), pollMs: bridge.pollMs, log })
    await watcher.start()
    stops.push(() => watcher.stop())

    const l2Accounts = genesis.devMnemonic === undefined ? [] : deriveDevAccounts(genesis.devMnemonic, L2_DEV_ACCOUNT_COUNT)
    const rpcMethods = createBridgeRPCMethods({
      client: nomClient,
      chainId,
      commitIntervalBlocks: bridge.commitIntervalBlocks,
      blockTimeMs: l2Config.blockTimeMs ?? genesis.blockTimeMs,
      ...(devnet === undefined ? {} : { momentumIntervalMs: bridge.devnet.momentumIntervalMs }),
    })
    const node = await createNode(l2Config, { accounts: l2Accounts.map((a) => a.address), log, deposits: { source: watcher }, rpcMethods })
    stops.push(() => node.stop())
    await node.start()

    const batcher = createBatcher({
      client: nomClient,
      chainId,
      batcherKeys: keys.batchers,
      proposerKey: keys.proposer,
      node: { chain: node.chain, stateAt: node.backend.stateAt, events: node.backend.events },
      depositIndexOf: (sourceHash) => watcher.depositIndexOf(sourceHash),
      commitIntervalBlocks: bridge.commitIntervalBlocks,
      ...(genesis.nom === undefined ? {} : { batchers: genesis.nom.batchers.map(parseAddress) }),
      pollMs: bridge.pollMs,
      maxChannelAgeMs: bridge.maxChannelAgeMs,
      maxChannelBytes: bridge.maxChannelBytes,
      log,
    })
    await batcher.start()
    stops.push(() => batcher.stop())

    const heads = createHeadTracker({ client: nomClient, chainId, chain: node.chain, finalityDepth: bridge.finalityDepth, pollMs: bridge.pollMs, log })
    await heads.start()
    stops.push(() => heads.stop())

    const nomAccounts: NoMDevAccount[] =
      mnemonic === undefined ? [] : NOM_DEV_ROLES.map((role, index) => ({ index, role, address: formatAddress(keyPairFromMnemonic(mnemonic, index).address) }))
    let stopping: Promise<void> | undefined
    return {
      node,
      watcher,
      heads,
      batcher,
      devnet,
      nomClient,
      chainId,
      anchorChain: setup.chain,
      keys,
      created: setup.created,
      dataDir: root,
      momentumIntervalMs: devnet === undefined ? undefined : bridge.devnet.momentumIntervalMs,
      commitIntervalBlocks: bridge.commitIntervalBlocks,
      urls: { l2Http: node.rpcUrl, l2Ws: node.wsUrl, nomHttp, nomWs },
      accounts: {
        l2: l2Accounts.map((a) => ({ address: bytesToHex(a.address), privateKey: bytesToHex(a.privateKey) })),
        nom: nomAccounts,
      },
      stop() {
        stopping ??= stopAll()
        return stopping
      },
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}
