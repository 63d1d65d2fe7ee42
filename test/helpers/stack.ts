/**
 * startTestStack: the whole dev stack (bridge/stack.ts) in-process on random ports in a tmp dir,
 * with fast momentums, short L2 blocks and short windows, plus the steps e2e tests repeat:
 * deposit on NoM, wait for it on L2, withdraw on L2, wait for a commitment, read NoM balances.
 * `stop()` removes the data dir unless `keepData`; `restart()` stops and starts on the same dir.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, createWalletClient, http, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createConfig } from '../../node/config.ts'
import { silentLogger, type NodeLogger } from '../../node/log.ts'
import { bytesToHex } from '@ethereumjs/util'
import { depositTxHash } from '../../node/deposits/depositTx.ts'
import { createBridgeConfig, type BridgeConfig } from '../../bridge/config.ts'
import { startDevStack, type DevStack } from '../../bridge/stack.ts'
import { callAnchor } from '../../contracts/anchor/rpc/anchorCall.ts'
import { depositTransaction, type AnchorDeposit, type TokenMetadata } from '../../bridge/deposits/depositTransaction.ts'
import { DepositABI } from '../../contracts/anchor/abi.ts'
import { L2ToNoMMessagePasser, L2TokenBridge } from '../../contracts/l2/artifacts.ts'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS, L2_TOKEN_BRIDGE_ADDRESS } from '../../contracts/l2/addresses.ts'
import { formatAddress, parseAddress } from '../../nom/address.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import { keyPairFromMnemonic, type KeyPair } from '../../nom/keys.ts'
import { receiveAll } from '../../nom/send.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatTokenStandard, parseTokenStandard } from '../../nom/tokenStandard.ts'
import type { Address, TokenStandard } from '../../nom/types.ts'
import { DEV_MNEMONIC } from './node.ts'

export interface StartTestStackOptions {
  dataDir?: string
  /** Default 100. */
  momentumIntervalMs?: number
  /** Default 200 (0 = automine). */
  blockTimeMs?: number
  /** Raw bridge config fields over the test defaults. */
  bridge?: Record<string, unknown>
  log?: NodeLogger
}

export interface NoMRoles {
  admin: KeyPair
  proposer: KeyPair
  user: KeyPair
  flagger: KeyPair
  guardians: KeyPair[]
  batcher: KeyPair
}

export interface DepositOnNoM {
  /** The anchor's record (getDeposit), raw values. */
  record: AnchorDeposit & { sendHash: Uint8Array }
  /** Hash of the L2 deposit transaction this deposit becomes. */
  l2TxHash: Hex
}

export interface TestStack {
  stack: DevStack
  dataDir: string
  bridge: BridgeConfig
  l2: PublicClient
  roles: NoMRoles
  /** L2 dev accounts (genesis/dev.json). */
  l2Keys: Hex[]
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>
  depositOnNoM(user: KeyPair, token: TokenStandard, amount: bigint, to: Hex): Promise<DepositOnNoM>
  /** Resolves with the L2 receipt of `hash` once it is in a block. */
  waitForL2Receipt(hash: Hex, timeoutMs?: number): Promise<Record<string, any>>
  /** The L2 receipt of a deposit made with depositOnNoM, once the sequencer included it. */
  waitForL2Deposit(deposit: DepositOnNoM, timeoutMs?: number): Promise<Record<string, any>>
  /** ZNN (token undefined) or a ZTS through the token bridge; `amount` in NoM base units. Returns the L2 tx hash. */
  withdrawOnL2(key: Hex, target: Address, amount: bigint, token?: TokenStandard): Promise<Hex>
  /** Waits until the anchor holds a commitment with l2BlockNumber ≥ `l2Block`; returns the oldest such (getCommitment JSON). */
  waitForCommitment(l2Block: bigint, timeoutMs?: number): Promise<Record<string, any>>
  waitForMomentum(height: bigint, timeoutMs?: number): Promise<void>
  /** Spendable NoM balance (receives what was sent to the key first). */
  nomBalance(who: KeyPair, token: TokenStandard): Promise<bigint>
  anchor<T = any>(method: string, params: unknown[]): Promise<T>
  restart(): Promise<void>
  stop(options?: { keepData?: boolean }): Promise<void>
}

export const ZNN_UNIT = 100_000_000n

export function nomRoles(mnemonic = DEV_MNEMONIC): NoMRoles {
  const k = (i: number) => keyPairFromMnemonic(mnemonic, i)
  return { admin: k(0), proposer: k(1), user: k(2), flagger: k(3), guardians: [4, 5, 6, 7, 8].map(k), batcher: k(9) }
}

/** The 20 raw bytes of a NoM address as an L2 (EVM) address: how a withdrawal names its NoM target. */
export function nomTargetOnL2(address: Address): Hex {
  return `0x${toHex(address)}`
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, pollMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(pollMs)
  }
}

/** getDeposit JSON → raw record. */
export function depositRecordOf(json: Record<string, any>): AnchorDeposit & { sendHash: Uint8Array } {
  return {
    index: BigInt(json.index),
    sender: parseAddress(json.sender),
    l2Recipient: fromHex(String(json.l2Recipient).replace(/^0x/, '')),
    tokenStandard: parseTokenStandard(json.tokenStandard),
    amount: BigInt(json.amount),
    momentumHeight: BigInt(json.momentumHeight),
    momentumHash: fromHex(json.momentumHash),
    sendHash: fromHex(json.sendHash),
  }
}

/** Publishes Deposit(chainId, to) with `amount` of `token` from `user`; returns the record and the L2 deposit tx hash. */
export async function depositOnAnchor(client: NoMClient, chainId: bigint, user: KeyPair, token: TokenStandard, amount: bigint, to: Hex): Promise<DepositOnNoM> {
  const anchor = <T>(method: string, params: unknown[]) => client.call(`embedded.anchor.${method}`, params) as Promise<T>
  const outcome = await callAnchor(client, user, DepositABI.encode({ chainId, l2Recipient: fromHex(to.slice(2)) }), { amount, token, pollMs: 30 })
  if (!outcome.ok) throw new Error(`Deposit failed on the anchor: ${outcome.error}`)
  const count = BigInt((await anchor<{ depositCount: number }>('getChain', [chainId.toString()])).depositCount)
  let json: Record<string, any> | undefined
  for (let i = count; i >= 1n && json === undefined; i--) {
    const d = await anchor<Record<string, any>>('getDeposit', [chainId.toString(), i.toString()])
    if (d.sendHash === toHex(outcome.sendHash)) json = d
  }
  if (json === undefined) throw new Error(`no anchor deposit record for send ${toHex(outcome.sendHash)}`)
  const record = depositRecordOf(json)
  let meta: TokenMetadata | undefined
  if (formatTokenStandard(token) !== formatTokenStandard(ZNN_ZTS)) {
    const info = (await client.call('embedded.token.getByZts', [formatTokenStandard(token)])) as { name: string; symbol: string; decimals: number }
    meta = { name: info.name, symbol: info.symbol, decimals: info.decimals }
  }
  return { record, l2TxHash: bytesToHex(depositTxHash(depositTransaction(record, meta))) as Hex }
}

export async function startTestStack(options: StartTestStackOptions = {}): Promise<TestStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'nomx-stack-')))
  const config = createConfig({ dataDir, blockTimeMs: options.blockTimeMs ?? 200, rpc: { host: '127.0.0.1', port: 0 } })
  const bridge = createBridgeConfig({
    devnet: { httpPort: 0, wsPort: 0, momentumIntervalMs: options.momentumIntervalMs ?? 100, administratorDelay: 10 },
    commitIntervalBlocks: 4,
    finalityDepth: 2,
    pollMs: 50,
    chain: { challengeWindow: 10, sequencingWindow: 40, depositConfirmations: 1 },
    ...options.bridge,
  })
  const log = options.log ?? silentLogger
  let stack = await startDevStack({ config, bridge, log })
  const roles = nomRoles()
  const clientFor = (s: DevStack) => createPublicClient({ transport: http(s.urls.l2Http) }) as PublicClient
  let l2 = clientFor(stack)
  const l2Keys = stack.accounts.l2.map((a) => a.privateKey as Hex)
  let rpcId = 0

  const rpc = async <T>(method: string, params: unknown[] = []): Promise<T> => {
    const res = await fetch(stack.urls.l2Http, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }),
    })
    const body = (await res.json()) as { result?: T; error?: { code: number; message: string } }
    if (body.error !== undefined) throw Object.assign(new Error(body.error.message), { code: body.error.code })
    return body.result as T
  }
  const anchor = <T>(method: string, params: unknown[]) => stack.nomClient.call(`embedded.anchor.${method}`, params) as Promise<T>
  const chainIdText = () => stack.chainId.toString()

  const t: TestStack = {
    get stack() {
      return stack
    },
    dataDir,
    bridge,
    get l2() {
      return l2
    },
    roles,
    l2Keys,
    rpc,
    anchor,
    depositOnNoM(user, token, amount, to) {
      return depositOnAnchor(stack.nomClient, stack.chainId, user, token, amount, to)
    },
    waitForL2Receipt(hash, timeoutMs = 20_000) {
      return until(`L2 receipt ${hash}`, timeoutMs, async () => (await rpc<Record<string, any> | null>('eth_getTransactionReceipt', [hash])) ?? undefined)
    },
    waitForL2Deposit(deposit, timeoutMs) {
      return t.waitForL2Receipt(deposit.l2TxHash, timeoutMs)
    },
    async withdrawOnL2(key, target, amount, token) {
      const account = privateKeyToAccount(key)
      const chain = { id: Number(stack.chainId), name: 'nomx', nativeCurrency: { name: 'ZNN', symbol: 'ZNN', decimals: 18 }, rpcUrls: { default: { http: [stack.urls.l2Http] } } }
      const wallet = createWalletClient({ account, chain, transport: http(stack.urls.l2Http) })
      if (token === undefined) {
        return wallet.writeContract({
          address: L2_TO_NOM_MESSAGE_PASSER_ADDRESS,
          abi: L2ToNoMMessagePasser.abi,
          functionName: 'initiateWithdrawal',
          args: [nomTargetOnL2(target), 0n, '0x'],
          value: amount * 10n ** 10n,
        })
      }
      return wallet.writeContract({
        address: L2_TOKEN_BRIDGE_ADDRESS,
        abi: L2TokenBridge.abi,
        functionName: 'withdraw',
        args: [`0x${toHex(token)}`, amount, nomTargetOnL2(target)],
      })
    },
    waitForCommitment(l2Block, timeoutMs = 30_000) {
      return until(`a commitment covering L2 block ${l2Block}`, timeoutMs, async () => {
        const page = await anchor<{ list: Record<string, any>[] }>('getCommitments', [chainIdText(), 0, 1024])
        return page.list.find((c) => BigInt(c.l2BlockNumber) >= l2Block)
      }, 100)
    },
    async waitForMomentum(height, timeoutMs = 30_000) {
      await until(`momentum ${height}`, timeoutMs, async () => ((await stack.nomClient.getFrontierMomentum()).height >= height ? true : undefined))
    },
    async nomBalance(who, token) {
      await receiveAll(stack.nomClient, who)
      const info = await stack.nomClient.getAccountInfoByAddress(who.address)
      return info.balances.find((b) => formatTokenStandard(b.tokenStandard) === formatTokenStandard(token))?.balance ?? 0n
    },
    async restart() {
      await stack.stop()
      stack = await startDevStack({ config, bridge, log })
      l2 = clientFor(stack)
    },
    async stop(stopOptions = {}) {
      await stack.stop()
      if (stopOptions.keepData !== true) await rm(dataDir, { recursive: true, force: true })
    },
  }
  return t
}

export { formatAddress }

// ---- the dev stack as a child process (kill -9 tests) ---------------------------------------

export interface SpawnedStack {
  child: import('node:child_process').ChildProcess
  urls: { l2Http: string; l2Ws: string; nomHttp: string; nomWs: string }
  /** stdout so far (the banner). */
  stdout(): string
  /** stderr so far (JSON log lines). */
  stderr(): string
  /** SIGKILL, resolves when the process is gone. */
  kill9(): Promise<void>
  /** SIGINT (Ctrl-C) or the given signal, resolves with the exit code. */
  interrupt(signal?: NodeJS.Signals): Promise<number | null>
}

const REPO_ROOT = new URL('../../', import.meta.url).pathname

/**
 * `node bin/nomx.js dev --data-dir D --port 0 --nom-http-port 0 --nom-ws-port 0 …`, resolved once
 * the banner is printed (the URLs are read from it). Test defaults: 100 ms momentums, 200 ms blocks.
 */
export async function spawnDevStack(options: { dataDir: string; reset?: boolean; args?: string[]; timeoutMs?: number }): Promise<SpawnedStack> {
  const { spawn } = await import('node:child_process')
  const args = [
    'bin/nomx.js',
    'dev',
    ...(options.reset === true ? ['--reset'] : []),
    '--data-dir',
    options.dataDir,
    '--port',
    '0',
    '--nom-http-port',
    '0',
    '--nom-ws-port',
    '0',
    '--momentum-ms',
    '100',
    '--block-time',
    '200',
    '--bridge-poll-ms',
    '50',
    ...(options.args ?? []),
  ]
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const line = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(out)?.[1]
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  while (!out.includes('Ctrl-C to stop.')) {
    if (child.exitCode !== null) throw new Error(`nomx dev exited with ${child.exitCode} before it was ready:\n${out}\n${err}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`nomx dev was not ready in time:\n${out}\n${err}`)
    }
    await sleep(50)
  }
  return {
    child,
    urls: { l2Http: line('L2 JSON-RPC') as string, l2Ws: line('L2 WebSocket') as string, nomHttp: line('NoM JSON-RPC') as string, nomWs: line('NoM WebSocket') as string },
    stdout: () => out,
    stderr: () => err,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
    async interrupt(signal: NodeJS.Signals = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** A JSON-RPC call to `url` (L2) that throws the error message on an error answer. */
export async function jsonRpc<T = any>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await res.json()) as { result?: T; error?: { message: string } }
  if (body.error !== undefined) throw new Error(body.error.message)
  return body.result as T
}

// ---- withdrawals --------------------------------------------------------------------------

/** A MessagePassed event's fields (the OP WithdrawalTransaction + its hash). */
export interface PassedMessage {
  nonce: bigint
  sender: Hex
  target: Hex
  value: bigint
  gasLimit: bigint
  data: Hex
  withdrawalHash: Hex
}

/** The MessagePassed events of an L2 receipt, decoded with the message passer artifact's ABI. */
export async function messagesPassed(receipt: { logs: { address: string; topics: string[]; data: string }[] }): Promise<PassedMessage[]> {
  const { decodeEventLog } = await import('viem')
  const out: PassedMessage[] = []
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== L2_TO_NOM_MESSAGE_PASSER_ADDRESS) continue
    const event = decodeEventLog({ abi: L2ToNoMMessagePasser.abi, topics: log.topics as [Hex, ...Hex[]], data: log.data as Hex, strict: false })
    if (event.eventName !== 'MessagePassed') continue
    const a = event.args as unknown as PassedMessage
    out.push({ ...a, sender: a.sender.toLowerCase() as Hex, target: a.target.toLowerCase() as Hex })
  }
  return out
}

const hexBytes = (h: string) => fromHex(h.replace(/^0x/, ''))

/**
 * ProveWithdrawal arguments built from the L2's own JSON-RPC only: eth_getBlockByNumber (state root,
 * hash) and eth_getProof on the message passer at the commitment's block, slot keccak(hash ‖ 0).
 */
export async function proveArgsFromEthGetProof(l2Url: string, chainId: bigint, commitment: { index: number | string; l2BlockNumber: number | string }, m: PassedMessage) {
  const { keccak256, encodeAbiParameters } = await import('viem')
  const block = `0x${BigInt(commitment.l2BlockNumber).toString(16)}`
  const slot = keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [m.withdrawalHash, 0n]))
  const [header, proof] = await Promise.all([
    jsonRpc<{ stateRoot: string; hash: string }>(l2Url, 'eth_getBlockByNumber', [block, false]),
    jsonRpc<{ storageHash: string; storageProof: { key: string; value: string; proof: string[] }[] }>(l2Url, 'eth_getProof', [L2_TO_NOM_MESSAGE_PASSER_ADDRESS, [slot], block]),
  ])
  return {
    chainId,
    commitmentIndex: BigInt(commitment.index),
    nonce: m.nonce,
    sender: hexBytes(m.sender),
    target: hexBytes(m.target),
    value: m.value,
    gasLimit: m.gasLimit,
    data: hexBytes(m.data),
    version: new Uint8Array(32),
    stateRoot: hexBytes(header.stateRoot),
    messagePasserStorageRoot: hexBytes(proof.storageHash),
    latestBlockhash: hexBytes(header.hash),
    storageProof: proof.storageProof[0]!.proof.map(hexBytes),
  }
}

// ---- batches on NoM -------------------------------------------------------------------------

export interface PostedFrame {
  /** Anchor frame index. */
  index: bigint
  submitter: string
  momentumHeight: bigint
  frame: import('../../node/batch/frame.ts').Frame
}

export interface PostedBatches {
  /** Every frame on the anchor for the chain, in index order (undecodable ones left out). */
  frames: PostedFrame[]
  /** Decoded batch blocks of the ready channels, in ready order. */
  blocks: import('../../node/batch/batchBlock.ts').BatchBlock[]
  /** Channels completed (ready), in ready order. */
  channels: { channelId: string; readyAt: bigint; blocks: [bigint, bigint] }[]
}

/**
 * Reads the chain's frames the way a verifier does, independently of the batcher: anchor frame
 * records (getFrames), each frame's bytes from its SubmitFrame send block, only frames by
 * `batchers`, the shared ChannelAssembler, decodeChannel.
 */
export async function readPostedBatches(client: NoMClient, chainId: bigint, batchers: readonly string[]): Promise<PostedBatches> {
  const { SubmitFrameABI } = await import('../../contracts/anchor/abi.ts')
  const { ChannelAssembler, decodeChannel, decodeFrame } = await import('../../node/batch/index.ts')
  const frames: PostedFrame[] = []
  for (let page = 0; ; page++) {
    const list = (await client.call('embedded.anchor.getFrames', [chainId.toString(), page, 1024])) as { list: Record<string, any>[]; more: boolean }
    for (const r of list.list) {
      const send = await client.getAccountBlockByHash(fromHex(r.sendHash))
      if (send === null) throw new Error(`frame ${r.index}: send block ${r.sendHash} not found`)
      const { data } = SubmitFrameABI.decode(send.data)
      let frame
      try {
        frame = decodeFrame(data)
      } catch {
        continue
      }
      frames.push({ index: BigInt(r.index), submitter: r.submitter, momentumHeight: BigInt(r.momentumHeight), frame })
    }
    if (!list.more) break
  }
  const assembler = new ChannelAssembler()
  const blocks: PostedBatches['blocks'] = []
  const channels: PostedBatches['channels'] = []
  for (const f of frames) {
    if (!batchers.includes(f.submitter)) continue
    const ready = assembler.add(f.frame, f.index)
    if (ready === undefined) continue
    const decoded = decodeChannel(ready.bytes)
    blocks.push(...decoded)
    channels.push({ channelId: toHex(ready.channelId), readyAt: ready.readyAt, blocks: [decoded[0]!.number, decoded[decoded.length - 1]!.number] })
  }
  return { frames, blocks, channels }
}
