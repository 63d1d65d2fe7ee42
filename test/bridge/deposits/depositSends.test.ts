import { test } from 'node:test'
import assert from 'node:assert/strict'
import { emptyAccountBlock } from '../../../nom/accountBlock.ts'
import type { AccountBlockWithExtras } from '../../../nom/json.ts'
import { BlockType } from '../../../nom/types.ts'
import { concatBytes } from '../../../nom/hash.ts'
import { PLASMA_ADDRESS, ZNN_ZTS } from '../../../nom/constants.ts'
import { ANCHOR_ADDRESS } from '../../../contracts/anchor/address.ts'
import { DepositABI, DepositCallABI, SubmitFrameABI } from '../../../contracts/anchor/abi.ts'
import { depositSendsOf } from '../../../bridge/deposits/depositSends.ts'

const TO = Uint8Array.from({ length: 20 }, (_, i) => i + 1)

function block(n: number, fields: Parameters<typeof emptyAccountBlock>[0]): AccountBlockWithExtras {
  return { ...emptyAccountBlock({ hash: new Uint8Array(32).fill(n), toAddress: ANCHOR_ADDRESS, tokenStandard: ZNN_ZTS, amount: 1n, ...fields }), token: null, confirmationDetail: null, pairedAccountBlock: null }
}

test('Deposit sends of one chain: user and contract sends to the anchor with canonical Deposit data; nothing else', () => {
  const data = DepositABI.encode({ chainId: 7n, l2Recipient: TO })
  const blocks = [
    block(1, { data }),
    block(2, { data: DepositABI.encode({ chainId: 8n, l2Recipient: TO }) }), // another chain
    block(3, { data, toAddress: PLASMA_ADDRESS }), // not to the anchor
    block(4, { data, blockType: BlockType.UserReceive }), // not a send
    block(5, { data, blockType: BlockType.ContractSend }),
    block(6, { data: SubmitFrameABI.encode({ chainId: 7n, data: Uint8Array.of(1) }) }), // another method
    block(7, { data: concatBytes(data, Uint8Array.of(0)) }), // not the canonical encoding: the anchor refuses it
    block(8, { data: data.subarray(0, 3) }), // shorter than a selector
  ]
  const sends = depositSendsOf(blocks, 7n)
  assert.deepEqual(sends.map((s) => s.block.hash[0]), [1, 5])
  assert.deepEqual(sends[0]!.l2Recipient, TO)
  assert.deepEqual(depositSendsOf(blocks, 8n).map((s) => s.block.hash[0]), [2])
  assert.deepEqual(depositSendsOf([], 7n), [])
})

test('DepositCall sends carry their call; a DepositCall for another chain or badly encoded is none', () => {
  const call = { value: 7n, gasLimit: 60_000n, data: Uint8Array.of(0xca, 0xfe) }
  const data = DepositCallABI.encode({ chainId: 7n, to: TO, ...call })
  const blocks = [
    block(1, { data }),
    block(2, { data: DepositCallABI.encode({ chainId: 8n, to: TO, ...call }) }),
    block(3, { data: concatBytes(data, Uint8Array.of(0)) }),
    block(4, { data: DepositABI.encode({ chainId: 7n, l2Recipient: TO }) }),
  ]
  const sends = depositSendsOf(blocks, 7n)
  assert.deepEqual(sends.map((s) => s.block.hash[0]), [1, 4])
  assert.deepEqual(sends[0]!.l2Recipient, TO)
  assert.deepEqual(sends[0]!.call, call)
  assert.equal(sends[1]!.call, undefined)
})
