/** The one function that turns an anchor deposit record into the L2 deposit transaction (sequencer and verifier alike). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hexToBytes } from '@ethereumjs/util'
import { decodeFunctionData, parseAbi } from 'viem'
import { QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { userDepositSourceHash } from '../../../node/deposits/depositTx.ts'
import { depositTransaction, DepositTransactionError, type AnchorDeposit } from '../../../bridge/deposits/depositTransaction.ts'

const SENDER = new Uint8Array(20).fill(0x11)
const RECIPIENT = new Uint8Array(20).fill(0x22)
const record = (over: Partial<AnchorDeposit> = {}): AnchorDeposit => ({
  index: 4n,
  sender: SENDER,
  l2Recipient: RECIPIENT,
  tokenStandard: ZNN_ZTS,
  amount: 3n,
  momentumHeight: 9n,
  momentumHash: new Uint8Array(32).fill(0x33),
  ...over,
})
const rejects = (d: AnchorDeposit, message: string) =>
  assert.throws(() => depositTransaction(d), (e: unknown) => e instanceof DepositTransactionError && e.message === message)

test('ZNN deposit: mint = value = amount × 10^10 to the recipient, from the NoM sender, 100,000 gas, no data', () => {
  const tx = depositTransaction(record())
  assert.deepEqual(tx, {
    sourceHash: userDepositSourceHash(new Uint8Array(32).fill(0x33), 4n),
    from: SENDER,
    to: RECIPIENT,
    mint: 3n * 10n ** 10n,
    value: 3n * 10n ** 10n,
    gas: 100_000n,
    isSystemTx: false,
    data: new Uint8Array(),
  })
})

test('ZTS deposit: the depositor calls the token bridge finalizeDeposit with the token metadata', () => {
  const tx = depositTransaction(record({ tokenStandard: QSR_ZTS, amount: 5n }), { name: 'QuasarCoin', symbol: 'QSR', decimals: 8 })
  assert.deepEqual([tx.from, tx.to, tx.mint, tx.value, tx.gas], [hexToBytes('0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001'), hexToBytes('0x4200000000000000000000000000000000000010'), 0n, 0n, 1_000_000n])
  const abi = parseAbi(['function finalizeDeposit(bytes10 zts, bytes20 nomSender, address to, uint256 amount, string name, string symbol, uint8 decimals)'])
  const { args } = decodeFunctionData({ abi, data: `0x${Buffer.from(tx.data).toString('hex')}` })
  assert.deepEqual(args, [`0x${Buffer.from(QSR_ZTS).toString('hex')}`, `0x${'11'.repeat(20)}`, `0x${'22'.repeat(20)}`, 5n, 'QuasarCoin', 'QSR', 8])
  rejects(record({ tokenStandard: QSR_ZTS }), 'deposit 4: a ZTS deposit needs the token\'s metadata')
})

test('DepositCall: the named call from the NoM sender, minting the ZNN sent (or nothing)', () => {
  const call = { value: 7n * 10n ** 18n, gasLimit: 80_000n, data: Uint8Array.of(0xde, 0xad) }
  const tx = depositTransaction(record({ amount: 2n, call }))
  assert.deepEqual([tx.from, tx.to, tx.mint, tx.value, tx.gas, tx.data], [SENDER, RECIPIENT, 2n * 10n ** 10n, 7n * 10n ** 18n, 80_000n, call.data])
  const free = depositTransaction(record({ amount: 0n, tokenStandard: QSR_ZTS, call }))
  assert.deepEqual([free.mint, free.value], [0n, 7n * 10n ** 18n])
  rejects(record({ amount: 1n, tokenStandard: QSR_ZTS, call }), 'deposit 4: a DepositCall carries ZNN or nothing')
  rejects(record({ call: { ...call, gasLimit: 0n } }), 'deposit 4: a DepositCall needs a gas limit')
})

test('malformed records are refused with the field named', () => {
  rejects(record({ amount: 0n }), 'deposit 4: amount must be positive')
  rejects(record({ sender: new Uint8Array(19) }), 'deposit 4: sender must be 20 bytes')
  rejects(record({ l2Recipient: new Uint8Array(21) }), 'deposit 4: l2Recipient must be 20 bytes')
  rejects(record({ tokenStandard: new Uint8Array(9) }), 'deposit 4: tokenStandard must be 10 bytes')
})
