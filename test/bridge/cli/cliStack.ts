/**
 * For the `nomx bridge` tests: a dev stack (NoM devnet with the anchor and the chain created, L2
 * node) on random ports in a tmp dir, and key files for the dev user on both sides. runCli.ts spawns the CLI.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBridgeConfig } from '../../../bridge/config.ts'
import { startDevStack, type DevStack } from '../../../bridge/stack.ts'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { silentLogger } from '../../../node/log.ts'
import { keyPairFromMnemonic, type KeyPair } from '../../../nom/keys.ts'

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'
/** The NoM dev user (bridge/README.md §5). */
export const NOM_USER_INDEX = 2

export interface CliStack {
  stack: DevStack
  dir: string
  nomUrl: string
  l2Url: string
  nomUser: KeyPair
  /** File with the dev mnemonic (both sides derive from it). */
  mnemonicFile: string
  /** File with the NoM dev user's ed25519 seed. */
  nomKeyFile: string
  /** File with L2 dev account 0's private key. */
  l2KeyFile: string
  l2Account: { address: string; privateKey: string }
  /** Flags naming both endpoints. */
  endpoints: string[]
  stop(): Promise<void>
}

export interface CliStackOptions {
  challengeWindow?: bigint
  commitIntervalBlocks?: bigint
  /** L2 block time; default 0 (automine). The proposer needs blocks to keep coming: give it one for withdrawal flows. */
  blockTimeMs?: number
}

export async function startCliStack(options: CliStackOptions = {}): Promise<CliStack> {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-cli-'))
  const config = createConfig({ dataDir: join(dir, 'stack'), genesis: DEV_GENESIS_PATH, blockTimeMs: options.blockTimeMs ?? 0, rpc: { host: '127.0.0.1', port: 0 } })
  const bridge = createBridgeConfig({
    devnet: { host: '127.0.0.1', httpPort: 0, wsPort: 0, momentumIntervalMs: 100, administratorDelay: 10 },
    commitIntervalBlocks: Number(options.commitIntervalBlocks ?? 2n),
    chain: { challengeWindow: Number(options.challengeWindow ?? 20n), sequencingWindow: 60, depositConfirmations: 1, proposerBond: '10000000000', flagBond: '1000000000', unhaltCooldown: 20 },
    pollMs: 50,
  })
  const stack = await startDevStack({ config, bridge, log: silentLogger })
  const nomUser = keyPairFromMnemonic(DEV_MNEMONIC, NOM_USER_INDEX)
  const mnemonicFile = join(dir, 'mnemonic.txt')
  const nomKeyFile = join(dir, 'nom.key')
  const l2KeyFile = join(dir, 'l2.key')
  const l2Account = stack.accounts.l2[0]!
  await writeFile(mnemonicFile, `${DEV_MNEMONIC}\n`)
  await writeFile(nomKeyFile, Buffer.from(nomUser.privateKey).toString('hex'))
  await writeFile(l2KeyFile, l2Account.privateKey)
  return {
    stack,
    dir,
    nomUrl: stack.urls.nomHttp,
    l2Url: stack.urls.l2Http,
    nomUser,
    mnemonicFile,
    nomKeyFile,
    l2KeyFile,
    l2Account,
    endpoints: ['--nom-rpc', stack.urls.nomHttp, '--l2-rpc', stack.urls.l2Http],
    async stop() {
      await stack.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export { runCli, type CliResult } from './runCli.ts'
