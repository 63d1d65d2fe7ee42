import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAmount, parseAmount } from '../../../bridge/cli/amount.ts'
import { BridgeUserError } from '../../../bridge/cli/errors.ts'

test('decimal amounts parse exactly into base units', () => {
  assert.equal(parseAmount('10', 8, 'ZNN'), 1_000_000_000n)
  assert.equal(parseAmount('0.5', 8, 'ZNN'), 50_000_000n)
  assert.equal(parseAmount('1.12345678', 8, 'ZNN'), 112_345_678n)
  assert.equal(parseAmount('1.10000000000', 8, 'ZNN'), 110_000_000n, 'trailing zeros beyond the decimals are not precision')
  assert.equal(parseAmount('123456789012345678901234567890', 18, 'T'), 123456789012345678901234567890n * 10n ** 18n)
  assert.equal(parseAmount('7', 0, 'T'), 7n)
})

test('refused amounts, with their exact texts', () => {
  const refuse = (text: string, decimals: number, message: string) =>
    assert.throws(() => parseAmount(text, decimals, 'ZNN'), (e: unknown) => e instanceof BridgeUserError && e.message === message)
  refuse('1.123456789', 8, 'amount 1.123456789 has too many decimals: ZNN has 8 (smallest amount 0.00000001)')
  refuse('0.5', 0, 'amount 0.5 has too many decimals: ZNN has 0 (smallest amount 1)')
  refuse('1e3', 8, 'amount "1e3" is not a decimal number (e.g. 10 or 0.5)')
  refuse('-1', 8, 'amount "-1" is not a decimal number (e.g. 10 or 0.5)')
  refuse('.5', 8, 'amount ".5" is not a decimal number (e.g. 10 or 0.5)')
  refuse('1.', 8, 'amount "1." is not a decimal number (e.g. 10 or 0.5)')
  refuse('0', 8, 'amount must be more than 0')
  refuse('0.000', 8, 'amount must be more than 0')
})

test('formatAmount is the inverse', () => {
  assert.equal(formatAmount(1n, 8), '0.00000001')
  assert.equal(formatAmount(250_000_000n, 8), '2.5')
  assert.equal(formatAmount(0n, 8), '0')
  assert.equal(formatAmount(5n, 0), '5')
  for (const text of ['1', '0.1', '123.45678901']) assert.equal(formatAmount(parseAmount(text, 8, 'X'), 8), text)
})
