/**
 * Shared pieces of the replay tests: momentums carrying deposits, a DepositSource over them for a
 * sequencer node, the dev accounts as signers, and the ReplayBlockInputs a verifier would derive
 * from a sequencer's blocks (number, timestamp, origin, candidate deposits, non-deposit txs).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTx, type TypedTxData } from '@ethereumjs/tx'
import { bigIntToUnpaddedBytes, bytesToHex, hexToBytes } from '@ethereumjs/util'
import type { ChainReader } from '../../../node/backend.ts'
import { createConfig, DEV_GENESIS_PATH, type NodeConfig } from '../../../node/config.ts'
import type { DepositBatch, DepositSource, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import { userDepositSourceHash, type DepositTx } from '../../../node/deposits/depositTx.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import type { ReplayBlockInput } from '../../../node/replay/createReplica.ts'

export const CHAIN_ID = 73404n
export const GWEI = 10n ** 9n
export const common = createChainCommon({ chainId: CHAIN_ID })
export const accounts = deriveDevAccounts('test test test test test test test test test test test junk', 10)
const NOM_SENDER = hexToBytes('0x0022aa000000000000000000000000000000000a')

export interface Momentum extends OriginMomentum {
  deposits: DepositTx[]
}

export function momentumAt(height: bigint): Momentum {
  return { height, hash: keccak256(bigIntToUnpaddedBytes(height + 7n)), timestamp: 1_762_000_000n + height * 10n, deposits: [] }
}

/** A ZNN-style deposit: mints `mint` wei to `to` (index → sourceHash in momentum `m`). */
export function mintDeposit(m: Momentum, index: bigint, to: Uint8Array, mint: bigint, gas = 21_000n): DepositTx {
  return { sourceHash: userDepositSourceHash(m.hash, index), from: NOM_SENDER, to, mint, value: mint, gas, isSystemTx: false, data: new Uint8Array() }
}

/** Offers the newest confirmed momentum as origin and every deposit after the chain's cursor. */
export function momentumSource(momentums: Momentum[]): DepositSource & { confirmed: bigint } {
  const source = {
    confirmed: momentums[0]!.height,
    async next(request: { lastDepositSourceHash: Uint8Array | undefined }): Promise<DepositBatch | undefined> {
      const visible = momentums.filter((m) => m.height <= source.confirmed)
      const origin = visible.at(-1)
      if (origin === undefined) return undefined
      const all = visible.flatMap((m) => m.deposits)
      const last = request.lastDepositSourceHash
      const from = last === undefined ? 0 : all.findIndex((d) => bytesToHex(d.sourceHash) === bytesToHex(last)) + 1
      return { origin: { height: origin.height, hash: origin.hash, timestamp: origin.timestamp }, deposits: all.slice(from) }
    },
  }
  return source
}

export interface TxFields {
  nonce: bigint
  to?: Uint8Array
  value?: bigint
  data?: Uint8Array
  gasLimit?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  chainId?: bigint
}

/** An EIP-1559 tx signed by dev account `from`, as EIP-2718 bytes. */
export function signTx(from: number, fields: TxFields): Uint8Array {
  return signTxWithKey(accounts[from]!.privateKey, fields)
}

/** An EIP-1559 tx signed with `privateKey`, as EIP-2718 bytes. */
export function signTxWithKey(privateKey: Uint8Array, fields: TxFields): Uint8Array {
  const data: TypedTxData = {
    type: 2,
    chainId: fields.chainId ?? CHAIN_ID,
    nonce: fields.nonce,
    ...(fields.to === undefined ? {} : { to: fields.to }),
    value: fields.value ?? 0n,
    data: fields.data ?? new Uint8Array(),
    gasLimit: fields.gasLimit ?? 21_000n,
    maxFeePerGas: fields.maxFeePerGas ?? 10n * GWEI,
    maxPriorityFeePerGas: fields.maxPriorityFeePerGas ?? 1_000_000n,
  }
  const txCommon = fields.chainId === undefined || fields.chainId === CHAIN_ID ? common : createChainCommon({ chainId: fields.chainId })
  return createTx(data, { common: txCommon }).sign(privateKey).serialize()
}

export async function testConfig(dataDir?: string): Promise<NodeConfig> {
  return createConfig({
    dataDir: dataDir ?? (await mkdtemp(join(tmpdir(), 'nomx-replay-'))),
    genesis: DEV_GENESIS_PATH,
    blockTimeMs: 3_600_000,
    rpc: { host: '127.0.0.1', port: 0 },
  })
}

/**
 * What a verifier derives for blocks 1..head of a sequencer's chain: each block's number,
 * timestamp, origin and non-deposit txs, and as deposits every deposit of a momentum at or below the
 * origin that no earlier block included (more than fits: the replica must take the same prefix).
 */
export async function inputsFromChain(chain: ChainReader, momentums: Momentum[]): Promise<ReplayBlockInput[]> {
  const included = new Set<string>()
  const inputs: ReplayBlockInput[] = []
  const head = chain.head().block.header.number
  for (let n = 1n; n <= head; n++) {
    const sealed = await chain.getBlockByNumber(n)
    if (sealed?.origin === undefined) throw new Error(`block ${n} has no origin`)
    const origin = sealed.origin
    const deposits = momentums
      .filter((m) => m.height <= origin.height)
      .flatMap((m) => m.deposits)
      .filter((d) => !included.has(bytesToHex(d.sourceHash)))
    for (const d of sealed.deposits ?? []) included.add(bytesToHex(d.tx.sourceHash))
    inputs.push({
      number: n,
      timestamp: sealed.block.header.timestamp,
      origin: { height: origin.height, hash: origin.hash, timestamp: origin.timestamp },
      deposits,
      txs: sealed.block.transactions.map((tx) => tx.serialize()),
    })
  }
  return inputs
}

/**
 * A chain of `blocks` blocks made up for replay alone (no sequencer): block n has origin momentum n
 * (each carrying one deposit to RECEIVER) and `txsPerBlock` transfers from the 10 dev accounts in turn.
 */
export function transferChain(blocks: number, txsPerBlock: number): ReplayBlockInput[] {
  const receiver = hexToBytes('0x00000000000000000000000000000000000000e5')
  const nonces = accounts.map(() => 0n)
  const inputs: ReplayBlockInput[] = []
  for (let n = 1; n <= blocks; n++) {
    const m = momentumAt(BigInt(n))
    m.deposits.push(mintDeposit(m, BigInt(n), receiver, 10n ** 10n))
    const txs: Uint8Array[] = []
    for (let i = 0; i < txsPerBlock; i++) {
      const from = (n * txsPerBlock + i) % accounts.length
      txs.push(signTx(from, { nonce: nonces[from]!++, to: receiver, value: BigInt(n) }))
    }
    inputs.push({ number: BigInt(n), timestamp: m.timestamp, origin: { height: m.height, hash: m.hash, timestamp: m.timestamp }, deposits: m.deposits, txs })
  }
  return inputs
}

/** Inputs as JSON (hex bytes, decimal quantities), for a child process. */
export function inputsToJSON(inputs: ReplayBlockInput[]): string {
  return JSON.stringify(inputs, (_key, value: unknown) => (value instanceof Uint8Array ? bytesToHex(value) : typeof value === 'bigint' ? `n${value}` : value))
}

export function inputsFromJSON(text: string): ReplayBlockInput[] {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('0x') ? hexToBytes(value as `0x${string}`) : typeof value === 'string' && value.startsWith('n') ? BigInt(value.slice(1)) : value,
  ) as ReplayBlockInput[]
}
