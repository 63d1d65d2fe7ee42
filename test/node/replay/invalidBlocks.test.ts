/**
 * Blocks a replica must refuse: a tx that cannot be included (each kind, with its exact reason) or a
 * bad number, timestamp or origin. A refused block stores nothing: the head stays, its txs are
 * unknown, and a replica that never saw the refused blocks builds the same next blocks (so the state
 * went back to the head too). The deposit-only block that replaces a refused batch block applies.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { RLP } from '@ethereumjs/rlp'
import { SECP256K1_ORDER, bigIntToUnpaddedBytes, bytesToBigInt, bytesToHex, concatBytes, hexToBytes, privateToAddress } from '@ethereumjs/util'
import { nextBaseFee } from '../../../node/execution/nextBaseFee.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { silentLogger } from '../../../node/log.ts'
import { createReplica, type Replica, type ReplayBlockInput } from '../../../node/replay/createReplica.ts'
import { mintDeposit, momentumAt, signTx, signTxWithKey, testConfig } from './replayFixture.ts'

const RECIPIENT = hexToBytes('0x00000000000000000000000000000000000000b1')
const UNFUNDED_KEY = keccak256(new TextEncoder().encode('replay test: an account without funds'))
const m100 = momentumAt(100n)
const m101 = momentumAt(101n)

/** The same signed tx with s replaced by n − s (the high-s twin of a valid signature). */
function withHighS(raw: Uint8Array): Uint8Array {
  const fields = RLP.decode(raw.subarray(1)) as Uint8Array[]
  const s = bytesToBigInt(fields[11]!)
  fields[11] = bigIntToUnpaddedBytes(SECP256K1_ORDER - s)
  return concatBytes(Uint8Array.of(2), RLP.encode(fields))
}

const hashOf = (raw: Uint8Array) => bytesToHex(keccak256(raw))

for (const txCheckWorkers of [0, 2]) {
  test(`a block with a tx that cannot be included is refused with the reason and stores nothing; the deposit-only block applies (tx checks on ${txCheckWorkers} workers)`, async () => {
    const configA = await testConfig()
    const configB = await testConfig()
    let a: Replica | undefined
    let b: Replica | undefined
    try {
      a = await createReplica(configA, { log: silentLogger, txCheckWorkers })
      b = await createReplica(configB, { log: silentLogger, txCheckWorkers })
      const block1: ReplayBlockInput = { number: 1n, timestamp: m100.timestamp + 1n, origin: m100, deposits: [], txs: [signTx(1, { nonce: 0n, to: RECIPIENT, value: 1n })] }
      for (const r of [a, b]) assert.ok((await r.applyBlock(block1)).valid)
      const head1 = a.head()
      const baseFee = nextBaseFee(head1.block.header, 100_000_000n)
      const deposit = mintDeposit(m101, 1n, RECIPIENT, 10n ** 18n)
      const at2 = { number: 2n, timestamp: m101.timestamp, origin: m101, deposits: [deposit] }

      // B builds the deposit-only block 2 both replicas end with; its gas is what the deposits use.
      const b2 = await b.applyBlock({ ...at2, txs: [] })
      assert.ok(b2.valid)
      const depositsGas = b2.sealed.block.header.gasUsed
      const blockGas = b2.sealed.block.header.gasLimit

      const good = signTx(2, { nonce: 0n, to: RECIPIENT, value: 5n })
      const nonceGap = signTx(2, { nonce: 5n, to: RECIPIENT })
      const unfunded = signTxWithKey(UNFUNDED_KEY, { nonce: 0n, to: RECIPIENT, value: 1n })
      const cheap = signTx(3, { nonce: 0n, to: RECIPIENT, maxFeePerGas: 200_000_000n, maxPriorityFeePerGas: 0n })
      const wrongChain = signTx(3, { nonce: 0n, to: RECIPIENT, chainId: 1n })
      const highS = withHighS(signTx(3, { nonce: 0n, to: RECIPIENT }))
      const malformed = Uint8Array.of(0x02, 0xc0)
      const wholeBlock = signTx(3, { nonce: 0n, to: RECIPIENT, gasLimit: blockGas })
      // A create whose init code is INVALID burns all its gas: 20,000 gas stay, less than any tx needs.
      const burner = signTx(4, { nonce: 0n, data: Uint8Array.of(0xfe), gasLimit: blockGas - depositsGas - 20_000n })
      const upfront = 21_000n * (baseFee + 1_000_000n) + 1n
      const unfundedAddress = bytesToHex(privateToAddress(UNFUNDED_KEY))

      const cases: [Uint8Array[], string][] = [
        [[good, nonceGap], `tx 1 (${hashOf(nonceGap)}): the tx doesn't have the correct nonce. account has nonce of: 1 tx has nonce of: 5`],
        [[unfunded], `tx 0 (${hashOf(unfunded)}): sender doesn't have enough funds to send tx. The upfront cost is: ${upfront} and the sender's account (${unfundedAddress}) only has: 0`],
        [[good, cheap], `tx 1 (${hashOf(cheap)}): Transaction's maxFeePerGas (200000000) is less than the block's baseFeePerGas (${baseFee})`],
        [[good, wrongChain], `tx 1 (${hashOf(wrongChain)}): invalid sender: invalid chain id for signer: have 1 want 73404`],
        [[highS], `tx 0 (${hashOf(highS)}): invalid sender: invalid transaction v, r, s values`],
        [[good, malformed], `tx 1 (${hashOf(malformed)}): rlp: too few elements for types.DynamicFeeTx`],
        [[wholeBlock], `tx 0 (${hashOf(wholeBlock)}): gas limit reached: tx gas ${blockGas} exceeds the gas left in the block`],
        [[burner, good], `tx 1 (${hashOf(good)}): gas limit reached: tx gas 21000 exceeds the gas left in the block`],
        // the first failing tx is reported, even when a later one is malformed
        [[nonceGap, malformed], `tx 0 (${hashOf(nonceGap)}): the tx doesn't have the correct nonce. account has nonce of: 0 tx has nonce of: 5`],
      ]
      for (const [txs, reason] of cases) {
        assert.deepEqual(await a.applyBlock({ ...at2, txs }), { valid: false, reason })
        assert.equal(bytesToHex(a.head().hash), bytesToHex(head1.hash))
        assert.equal(await a.chain.getBlockByNumber(2n), undefined)
        assert.equal(await a.chain.getTransactionLocation(keccak256(good)), undefined)
      }

      const refusedBlocks: [Omit<ReplayBlockInput, 'txs'>, string][] = [
        [{ ...at2, number: 3n }, 'block number 3 does not follow the head 1'],
        [{ ...at2, number: 1n }, 'block number 1 does not follow the head 1'],
        [{ ...at2, timestamp: block1.timestamp }, `block timestamp ${block1.timestamp} is not after the parent's ${block1.timestamp}`],
        [{ ...at2, timestamp: m101.timestamp - 1n }, `block timestamp ${m101.timestamp - 1n} is before its origin's ${m101.timestamp}`],
        [{ ...at2, origin: momentumAt(99n), timestamp: m101.timestamp }, 'origin momentum 99 is behind the parent\'s origin 100'],
        [
          { ...at2, origin: { ...m100, hash: m101.hash } },
          `origin momentum 100 has hash ${bytesToHex(m101.hash)}, the parent's origin has ${bytesToHex(m100.hash)}`,
        ],
      ]
      for (const [input, reason] of refusedBlocks) {
        assert.deepEqual(await a.applyBlock({ ...input, txs: [good] }), { valid: false, reason })
        assert.equal(bytesToHex(a.head().hash), bytesToHex(head1.hash))
      }

      // The derivation's answer to a refused batch block: the same block without its txs.
      const a2 = await a.applyBlock({ ...at2, txs: [] })
      assert.ok(a2.valid)
      assert.equal(bytesToHex(a2.sealed.hash), bytesToHex(b2.sealed.hash))
      assert.equal(a2.sealed.deposits?.length, 2)
      assert.deepEqual(a2.outputRoot, b2.outputRoot)
      // Both go on identically: nothing of the refused blocks is left in A's state.
      const block3: ReplayBlockInput = { number: 3n, timestamp: at2.timestamp + 1n, origin: m101, deposits: [], txs: [good, signTx(3, { nonce: 0n, to: RECIPIENT, value: 2n })] }
      const [a3, b3] = [await a.applyBlock(block3), await b.applyBlock(block3)]
      assert.ok(a3.valid && b3.valid)
      assert.equal(bytesToHex(a3.sealed.hash), bytesToHex(b3.sealed.hash))
      assert.equal(a3.sealed.block.transactions.length, 2)
      const balance = (await (await a.backend.stateAt(a3.sealed.block.header)).getAccount(RECIPIENT))?.balance
      assert.equal(balance, 10n ** 18n + 1n + 5n + 2n)
    } finally {
      await a?.stop()
      await b?.stop()
      await rm(configA.dataDir, { recursive: true, force: true })
      await rm(configB.dataDir, { recursive: true, force: true })
    }
  })
}

test('applyBlock after stop is refused', async () => {
  const config = await testConfig()
  try {
    const replica = await createReplica(config, { log: silentLogger })
    await replica.stop()
    await assert.rejects(replica.applyBlock({ number: 1n, timestamp: m100.timestamp, origin: m100, deposits: [], txs: [] }), {
      name: 'StorageError',
      message: 'replica is stopped',
    })
  } finally {
    await rm(config.dataDir, { recursive: true, force: true })
  }
})
