import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import type { SealedBlock, TxLocation } from '../../../node/backend.ts'
import type { DepositBatch, DepositRequest, SequencerDeposits } from '../../../node/deposits/depositSource.ts'
import { depositTxHash, originInfoSourceHash, userDepositSourceHash, type DepositTx } from '../../../node/deposits/depositTx.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { createGenesisBlock } from '../../../node/execution/createGenesisBlock.ts'
import { parseGenesis } from '../../../node/genesis/loadGenesis.ts'
import { planDeposits } from '../../../node/sequencer/planDeposits.ts'

const common = createChainCommon({ chainId: 73404n })
const genesis = parseGenesis({
  config: { chainId: 73404, hardfork: 'prague', blockTimeMs: 1000, baseFeeFloor: '0x0', feeVault: '0x4200000000000000000000000000000000000011' },
  timestamp: '0x69000000',
  gasLimit: '0x1c9c380',
  baseFeePerGas: '0x3b9aca00',
  alloc: {},
})
const M5 = { height: 5n, hash: hexToBytes(`0x${'05'.repeat(32)}`), timestamp: 50n }
const M6 = { height: 6n, hash: hexToBytes(`0x${'06'.repeat(32)}`), timestamp: 60n }

function parentWith(fields: Partial<SealedBlock>): SealedBlock {
  return { ...createGenesisBlock(common, genesis, new Uint8Array(32)), ...fields }
}

function deposit(index: bigint, gas: bigint): DepositTx {
  return { sourceHash: userDepositSourceHash(M5.hash, index), from: new Uint8Array(20).fill(1), to: new Uint8Array(20).fill(2), mint: 1n, value: 0n, gas, isSystemTx: false, data: new Uint8Array() }
}

function config(answer: DepositBatch | undefined, requests: DepositRequest[] = []): SequencerDeposits {
  return { source: { next: async (r) => (requests.push(r), answer) }, originCalldata: () => Uint8Array.of(0xaa) }
}

const noChain = { getTransactionLocation: async (): Promise<TxLocation | undefined> => undefined }

test('takes the deposits that fit after the 1,000,000-gas system deposit; the rest wait for the next block', async () => {
  const deposits = [deposit(0n, 500_000n), deposit(1n, 400_000n), deposit(2n, 200_000n), deposit(3n, 10n)]
  const requests: DepositRequest[] = []
  const plan = await planDeposits(config({ origin: M5, deposits }, requests), noChain, parentWith({}), 99n, 2_000_000n)
  assert.deepEqual(plan.deposits?.map((d) => bytesToHex(d.sourceHash)), [originInfoSourceHash(M5.hash, 0n), deposits[0]!.sourceHash, deposits[1]!.sourceHash].map(bytesToHex))
  assert.deepEqual(plan.deposits?.[0]?.data, Uint8Array.of(0xaa))
  assert.deepEqual(plan.origin, { ...M5, sequenceNumber: 0n })
  assert.equal(bytesToHex(plan.lastDepositSourceHash!), bytesToHex(deposits[1]!.sourceHash))
  assert.deepEqual(requests.map((r) => [r.timestamp, r.parentOrigin, r.lastDepositSourceHash]), [[99n, undefined, undefined]])
})

test('no answer: the parent origin continues with the next sequence number; before any origin there is no plan', async () => {
  const last = userDepositSourceHash(M5.hash, 9n)
  const parent = parentWith({ origin: { ...M5, sequenceNumber: 3n }, lastDepositSourceHash: last })
  const requests: DepositRequest[] = []
  const plan = await planDeposits(config(undefined, requests), noChain, parent, 1n, 30_000_000n)
  assert.deepEqual(plan.origin, { ...M5, sequenceNumber: 4n })
  assert.equal(plan.deposits?.length, 1)
  assert.equal(bytesToHex(plan.deposits![0]!.sourceHash), bytesToHex(originInfoSourceHash(M5.hash, 4n)))
  assert.equal(plan.lastDepositSourceHash, last)
  assert.deepEqual(requests[0]?.parentOrigin, M5)
  assert.equal(requests[0]?.lastDepositSourceHash, last)
  await assert.rejects(planDeposits(config(undefined), noChain, parentWith({}), 1n, 30_000_000n), {
    name: 'OriginUnavailableError',
    message: 'no origin momentum for block 1: the deposit source knows none yet',
  })
})

test('a new origin restarts the sequence number; deposits the chain holds are skipped, not re-minted', async () => {
  const held = deposit(0n, 50_000n)
  const fresh = deposit(1n, 50_000n)
  const chain = {
    getTransactionLocation: async (hash: Uint8Array) =>
      bytesToHex(hash) === bytesToHex(depositTxHash(held)) ? { blockHash: new Uint8Array(32), blockNumber: 1n, index: 1 } : undefined,
  }
  const plan = await planDeposits(config({ origin: M6, deposits: [held, fresh] }), chain, parentWith({ origin: { ...M5, sequenceNumber: 2n } }), 1n, 30_000_000n)
  assert.deepEqual(plan.origin, { ...M6, sequenceNumber: 0n })
  assert.deepEqual(plan.deposits?.slice(1), [fresh])
  assert.deepEqual(plan.alreadyIncluded, [held.sourceHash])
  assert.equal(bytesToHex(plan.lastDepositSourceHash!), bytesToHex(fresh.sourceHash))
})

test('refuses answers it cannot use, with exact errors', async () => {
  const parent = parentWith({ origin: { ...M6, sequenceNumber: 0n } })
  const cases: [DepositBatch, SealedBlock, string][] = [
    [{ origin: M5, deposits: [] }, parent, "origin momentum 5 is behind the parent's origin 6"],
    [{ origin: { ...M6, hash: M5.hash }, deposits: [] }, parent, `origin momentum 6 has hash ${bytesToHex(M5.hash)}, the parent's origin has ${bytesToHex(M6.hash)}`],
    [{ origin: { ...M6, hash: new Uint8Array(31) }, deposits: [] }, parentWith({}), 'origin momentum hash must be 32 bytes'],
    [{ origin: M6, deposits: [deposit(0n, 1n), deposit(0n, 1n)] }, parent, `deposit ${bytesToHex(deposit(0n, 1n).sourceHash)} is offered twice in one batch`],
    [{ origin: M6, deposits: [{ ...deposit(2n, 1n), isSystemTx: true }] }, parent, `deposit ${bytesToHex(deposit(2n, 1n).sourceHash)} has isSystemTx set (not allowed since OP Regolith)`],
    [{ origin: M6, deposits: [deposit(1n, 29_000_001n)] }, parent, `deposit ${bytesToHex(deposit(1n, 1n).sourceHash)} needs 29000001 gas, more than a block can give it`],
  ]
  for (const [batch, p, message] of cases) {
    await assert.rejects(planDeposits(config(batch), noChain, p, 1n, 30_000_000n), { name: 'DepositSourceError', message })
  }
})
