import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RLP } from '@ethereumjs/rlp'
import { hexToBytes } from '@ethereumjs/util'
import type { SealedBlock } from '../../../node/backend.ts'
import { decodeSealedBlock, encodeBody } from '../../../node/chain/blockCodec.ts'
import { decodeReceipts } from '../../../node/chain/receiptCodec.ts'
import { depositTxHash, encodeDepositTx, userDepositSourceHash, type DepositTx } from '../../../node/deposits/depositTx.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { createGenesisBlock } from '../../../node/execution/createGenesisBlock.ts'
import { parseGenesis } from '../../../node/genesis/loadGenesis.ts'

const common = createChainCommon({ chainId: 73404n })
const genesis = parseGenesis({
  config: { chainId: 73404, hardfork: 'prague', blockTimeMs: 1000, baseFeeFloor: '0x0', feeVault: '0x4200000000000000000000000000000000000011' },
  timestamp: '0x69000000',
  gasLimit: '0x1c9c380',
  baseFeePerGas: '0x3b9aca00',
  alloc: {},
})
const base = createGenesisBlock(common, genesis, new Uint8Array(32))
const headerBytes = base.block.header.serialize()
const HASH = hexToBytes(`0x${'77'.repeat(32)}`)
const deposit: DepositTx = { sourceHash: userDepositSourceHash(HASH, 0n), from: new Uint8Array(20).fill(1), to: null, mint: 3n, value: 0n, gas: 50_000n, isSystemTx: false, data: Uint8Array.of(0) }

test('a body without deposit data keeps the two-element form; with it, deposits, origin and cursor round-trip', () => {
  assert.equal((RLP.decode(encodeBody(base)) as unknown[]).length, 2)
  assert.deepEqual(decodeSealedBlock(common, headerBytes, encodeBody(base)), base)
  const sealed: SealedBlock = {
    ...base,
    deposits: [{ tx: deposit, hash: depositTxHash(deposit), nonce: 4n }],
    origin: { height: 9n, hash: HASH, timestamp: 90n, sequenceNumber: 2n },
    lastDepositSourceHash: deposit.sourceHash,
  }
  const decoded = decodeSealedBlock(common, headerBytes, encodeBody(sealed))
  assert.deepEqual(decoded.deposits, sealed.deposits)
  assert.deepEqual(decoded.origin, sealed.origin)
  assert.deepEqual(decoded.lastDepositSourceHash, sealed.lastDepositSourceHash)
  assert.equal(decoded.size, RLP.encode([base.block.header.raw(), [encodeDepositTx(deposit)], [], []]).length)
  const bare = decodeSealedBlock(common, headerBytes, encodeBody({ ...base, deposits: [] }))
  assert.deepEqual([bare.deposits, bare.origin, bare.lastDepositSourceHash], [[], undefined, undefined])
})

test('corrupt bodies and receipts fail with StorageError', () => {
  const cases: [Uint8Array, string][] = [
    [RLP.encode([[], [], []]), 'corrupt block body for block 0'],
    [RLP.encode([[], [], [], [Uint8Array.of(1)], new Uint8Array()]), 'corrupt origin in block body 0'],
  ]
  for (const [body, message] of cases) {
    assert.throws(() => decodeSealedBlock(common, headerBytes, body), { name: 'StorageError', message })
  }
  assert.throws(() => decodeReceipts(RLP.encode([[new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array(), [], new Uint8Array()]])), {
    name: 'StorageError',
    message: 'corrupt receipts entry',
  })
})
