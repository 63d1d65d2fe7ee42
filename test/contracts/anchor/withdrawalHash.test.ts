import { test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeAbiParameters, keccak256, bytesToHex, concat } from 'viem'
import { getWithdrawalHashStorageSlot } from 'viem/op-stack'
import { hashWithdrawal, withdrawalStorageSlot } from '../../../contracts/anchor/withdrawalHash.ts'
import { hashOutputRootProof, OUTPUT_ROOT_VERSION_0 } from '../../../contracts/anchor/outputRoot.ts'
import { fromHex, toHex } from '../../../nom/hash.ts'

const samples = [
  { nonce: (1n << 240n) | 5n, sender: '4200000000000000000000000000000000000010', target: '00a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3', value: 0n, gasLimit: 0n, data: '' },
  { nonce: (1n << 240n), sender: 'f39fd6e51aad88f6f4ce6ab8827279cfffb92266', target: '01b3b6e5adcb4dd9e2ef198c6318c6318c6318c6', value: 123_450_000_000_000_000n, gasLimit: 100_000n, data: 'deadbeef' },
  { nonce: 7n, sender: '00000000000000000000000000000000000000ff', target: '0011223344556677889900112233445566778899', value: 1n, gasLimit: 21000n, data: '00'.repeat(33) + 'ff' },
]

test('withdrawal hash matches viem’s Ethereum ABI encoding + keccak (OP formula)', () => {
  for (const s of samples) {
    const mine = hashWithdrawal({ nonce: s.nonce, sender: fromHex(s.sender), target: fromHex(s.target), value: s.value, gasLimit: s.gasLimit, data: fromHex(s.data) })
    const theirs = keccak256(
      encodeAbiParameters(
        [{ type: 'uint256' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes' }],
        [s.nonce, `0x${s.sender}`, `0x${s.target}`, s.value, s.gasLimit, `0x${s.data}`],
      ),
    )
    assert.equal(`0x${toHex(mine)}`, theirs)
  }
})

test('storage slot matches viem op-stack getWithdrawalHashStorageSlot', () => {
  for (const s of samples) {
    const h = hashWithdrawal({ nonce: s.nonce, sender: fromHex(s.sender), target: fromHex(s.target), value: s.value, gasLimit: s.gasLimit, data: fromHex(s.data) })
    assert.equal(`0x${toHex(withdrawalStorageSlot(h))}`, getWithdrawalHashStorageSlot({ withdrawalHash: bytesToHex(h) }))
  }
})

test('output root v0 = keccak(version ‖ stateRoot ‖ messagePasserStorageRoot ‖ blockHash)', () => {
  const stateRoot = fromHex('11'.repeat(32))
  const mpsr = fromHex('22'.repeat(32))
  const blockHash = fromHex('33'.repeat(32))
  const mine = hashOutputRootProof({ version: OUTPUT_ROOT_VERSION_0, stateRoot, messagePasserStorageRoot: mpsr, latestBlockhash: blockHash })
  const theirs = keccak256(concat([`0x${'00'.repeat(32)}`, `0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`, `0x${'33'.repeat(32)}`]))
  assert.equal(`0x${toHex(mine)}`, theirs)
})
