/**
 * A NoM devnet with the anchor for the deposit watcher's tests. Momentums are produced on demand
 * (`tick`) unless `momentumIntervalMs` is given, so a test decides exactly which momentum confirms a
 * send and which its anchor receive. The watcher's client goes through a switchable transport: the
 * test can point it at a restarted (or a different) devnet, and rewrite answers (`intercept`).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDevnet, type Devnet } from '../../../nom/devnet/devnet.ts'
import { NoMClient, createNoMClient } from '../../../nom/rpc/client.ts'
import { createHTTPTransport } from '../../../nom/rpc/httpTransport.ts'
import type { Transport } from '../../../nom/rpc/transport.ts'
import { keyPairFromMnemonic, type KeyPair } from '../../../nom/keys.ts'
import { publishSend } from '../../../nom/send.ts'
import { COIN, ZNN_ZTS } from '../../../nom/constants.ts'
import { bytesEqual, toHex, u64be } from '../../../nom/hash.ts'
import type { Hash, TokenStandard } from '../../../nom/types.ts'
import { createAnchorContract } from '../../../contracts/anchor/contract.ts'
import { ANCHOR_ADDRESS } from '../../../contracts/anchor/address.ts'
import { CreateChainABI, DepositABI } from '../../../contracts/anchor/abi.ts'

const DEV_MNEMONIC = 'test test test test test test test test test test test junk'
/** "Never" for the devnet's own momentum timer: tests tick by hand. */
const MANUAL = 3_600_000

export interface SwitchableTransport extends Transport {
  /** Points every later request at `url`. */
  switchTo(url: string): Promise<void>
  /** Rewrites a result before the client decodes it (undefined: unchanged). */
  intercept: ((method: string, params: unknown[], result: unknown) => unknown) | undefined
}

export function createSwitchableTransport(url: string): SwitchableTransport {
  const open = (u: string) => createHTTPTransport({ url: u, timeoutMs: 2_000, retry: { retries: 1, backoffMs: 20, maxBackoffMs: 40 } })
  let current = open(url)
  const transport: SwitchableTransport = {
    intercept: undefined,
    async request(method, params, options) {
      const result = await current.request(method, params, options)
      const rewritten = transport.intercept?.(method, params, result)
      return rewritten === undefined ? result : rewritten
    },
    async switchTo(u) {
      const old = current
      current = open(u)
      await old.close()
    },
    close: () => current.close(),
  }
  return transport
}

export interface DepositDevnet {
  devnet: Devnet
  /** The test's own client (publishing, checks). */
  client: NoMClient
  /** A client for the watcher, over `transport`. */
  watcherClient: NoMClient
  transport: SwitchableTransport
  admin: KeyPair
  user: KeyPair
  dataDir: string
  /** Produces `n` momentums now; returns the last one's height. */
  tick(n?: number): Promise<bigint>
  /** CreateChain by the administrator (proposer 1, guardians 4–8), confirmed and received. */
  createChain(chainId: bigint, depositConfirmations: bigint): Promise<void>
  /** Publishes a Deposit send from the dev user (not yet confirmed: tick to confirm it). */
  deposit(chainId: bigint, l2Recipient: Uint8Array, amount: bigint, token?: TokenStandard): Promise<Hash>
  /** The anchor receive's data of a send, once confirmed. */
  receiveData(sendHash: Hash): Promise<Uint8Array | undefined>
  /** Stops the devnet and starts it again on the same data (new ports); the watcher's transport follows. */
  restart(): Promise<void>
  /** Stops the devnet (the watcher's transport then fails to connect). */
  stopDevnet(): Promise<void>
  stop(): Promise<void>
}

export async function startDepositDevnet(options: { momentumIntervalMs?: number; dataDir?: string } = {}): Promise<DepositDevnet> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'nomx-deposit-watcher-nom-')))
  const key = (i: number) => keyPairFromMnemonic(DEV_MNEMONIC, i)
  const admin = key(0)
  const user = key(2)
  const launch = () =>
    createDevnet({
      dataDir,
      momentumIntervalMs: options.momentumIntervalMs ?? MANUAL,
      http: { port: 0 },
      ws: { port: 0 },
      contracts: [createAnchorContract({ administrator: admin.address, administratorDelay: 10n })],
    })
  let devnet = await launch()
  let client = createNoMClient({ url: devnet.httpUrl })
  const transport = createSwitchableTransport(devnet.httpUrl)
  const watcherClient = new NoMClient(transport)
  let devnetRunning = true
  const manual = options.momentumIntervalMs === undefined

  const tick = async (n = 1) => {
    let height = 0n
    for (let i = 0; i < n; i++) height = (await devnet.produceMomentumNow()).height
    return height
  }
  const receiveData = async (sendHash: Hash) => {
    const receive = (await client.getAccountBlockByHash(sendHash))?.pairedAccountBlock
    return receive === null || receive === undefined || receive.confirmationDetail === null ? undefined : receive.data
  }
  /** Until the send's receive is confirmed (ticking when momentums are manual). */
  const settle = async (sendHash: Hash) => {
    for (let i = 0; i < 200; i++) {
      const data = await receiveData(sendHash)
      if (data !== undefined) return data
      if (manual) await tick()
      else await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error(`no anchor receive for ${toHex(sendHash)}`)
  }

  const dd: DepositDevnet = {
    get devnet() {
      return devnet
    },
    get client() {
      return client
    },
    watcherClient,
    transport,
    admin,
    user,
    dataDir,
    tick,
    async createChain(chainId, depositConfirmations) {
      const send = await publishSend(client, admin, {
        toAddress: ANCHOR_ADDRESS,
        tokenStandard: ZNN_ZTS,
        amount: 0n,
        data: CreateChainABI.encode({
          chainId,
          proposer: key(1).address,
          challengeWindow: 20n,
          sequencingWindow: depositConfirmations + 50n,
          depositConfirmations,
          guardians: [4, 5, 6, 7, 8].map((i) => key(i).address),
          quorum: 3n,
          proposerBond: 100n * COIN,
          flagBond: 10n * COIN,
          unhaltCooldown: 10n,
        }),
      })
      const data = await settle(send.hash)
      if (!bytesEqual(data, u64be(1n))) throw new Error(`CreateChain ${chainId} failed`)
    },
    async deposit(chainId, l2Recipient, amount, token = ZNN_ZTS) {
      const send = await publishSend(client, user, { toAddress: ANCHOR_ADDRESS, tokenStandard: token, amount, data: DepositABI.encode({ chainId, l2Recipient }) })
      return send.hash
    },
    receiveData,
    async restart() {
      if (devnetRunning) await dd.stopDevnet()
      devnet = await launch()
      devnetRunning = true
      client = createNoMClient({ url: devnet.httpUrl })
      await transport.switchTo(devnet.httpUrl)
    },
    async stopDevnet() {
      devnetRunning = false
      await client.close()
      await devnet.stop()
    },
    async stop() {
      await transport.close()
      if (devnetRunning) await dd.stopDevnet()
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true })
    },
  }
  return dd
}
