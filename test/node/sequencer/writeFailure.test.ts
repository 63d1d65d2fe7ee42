/** A block whose batch cannot be written is not sealed: head and sequencer state stay at the parent. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { openDatabase, type Database } from '../../../node/db/database.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { silentLogger } from '../../../node/log.ts'
import { createSequencer } from '../../../node/sequencer/createSequencer.ts'
import { openSequencerParts } from './sequencerParts.ts'

test('a failed block write halts the sequencer without moving head or state', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-seq-'))
  const real = await openDatabase(dir)
  let failWrites = false
  const db: Database = { ...real, write: (ops) => (failWrites ? Promise.reject(new Error('disk full')) : real.write(ops)) }
  try {
    const { genesis, common, chain, store, state, genesisBlock, vm, pool } = await openSequencerParts(db)
    const sealedEvents: bigint[] = []
    const halts: string[] = []
    const sequencer = createSequencer({
      common, vm, db, trieStore: store, chain, pool, blockTimeMs: 60_000, gasLimit: genesis.gasLimit,
      baseFeeFloor: genesis.baseFeeFloor, coinbase: genesis.feeVault, feeVault: genesis.feeVault,
      onSealed: (block) => sealedEvents.push(block.block.header.number), log: silentLogger,
      onHalted: (error) => halts.push(error.message),
    })
    const [sender] = deriveDevAccounts(genesis.devMnemonic ?? '', 1)
    const tx = createTx({ type: 2, nonce: 0n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to: hexToBytes('0x000000000000000000000000000000000000dead'), value: 1n }, { common }).sign(sender!.privateKey)
    await pool.add(tx.serialize())

    failWrites = true
    await assert.rejects(sequencer.sealBlock(), { message: 'disk full' })
    assert.equal(chain.head().block.header.number, 0n)
    assert.deepEqual(sealedEvents, [])
    assert.deepEqual(halts, ['disk full'], 'onHalted heard of the halt once')
    assert.equal(bytesToHex(await state.getStateRoot()), bytesToHex(genesisBlock.block.header.stateRoot), 'state is back at the parent')
    assert.ok(pool.get(tx.hash()), 'the tx stays in the pool')
    failWrites = false
    await assert.rejects(sequencer.sealBlock(), { message: 'disk full' }, 'the sequencer stays halted')
    await sequencer.stop()
  } finally {
    await real.close()
    await rm(dir, { recursive: true, force: true })
  }
})
