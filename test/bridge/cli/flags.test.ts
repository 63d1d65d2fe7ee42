import { test } from 'node:test'
import assert from 'node:assert/strict'
import { integerFlag, parseFlags, requireFlag } from '../../../bridge/cli/flags.ts'
import { BridgeUserError } from '../../../bridge/cli/errors.ts'

const spec = { values: ['amount', 'to'], booleans: ['no-wait'] }
const refuses = (args: string[], message: string) =>
  assert.throws(() => parseFlags('deposit', args, spec), (e: unknown) => e instanceof BridgeUserError && e.message === message)

test('values as --name v and --name=v, booleans without one', () => {
  const f = parseFlags('deposit', ['--amount', '10', '--to=0xab', '--no-wait'], spec)
  assert.equal(f.get('amount'), '10')
  assert.equal(f.get('to'), '0xab')
  assert.equal(f.has('no-wait'), true)
  assert.equal(f.has('amount'), true)
  assert.equal(parseFlags('deposit', [], spec).has('no-wait'), false)
})

test('typos, missing values, repeats and stray words are refused', () => {
  refuses(['--amout', '1'], 'unknown option --amout: see nomx bridge deposit --help')
  refuses(['--amount'], '--amount needs a value: see nomx bridge deposit --help')
  refuses(['--amount='], '--amount needs a value: see nomx bridge deposit --help')
  refuses(['--amount', '1', '--amount', '2'], '--amount given twice')
  refuses(['--no-wait=yes'], '--no-wait takes no value: see nomx bridge deposit --help')
  refuses(['10'], 'unexpected argument "10": see nomx bridge deposit --help')
})

test('required and integer flags', () => {
  const f = parseFlags('prove', ['--index', '2'], { values: ['index', 'tx'] })
  assert.equal(integerFlag(f, 'index'), 2n)
  assert.equal(integerFlag(f, 'tx'), undefined)
  assert.throws(
    () => requireFlag('prove', f, 'tx', 'the L2 withdrawal transaction 0x…'),
    (e: unknown) => e instanceof BridgeUserError && e.message === '--tx is required (the L2 withdrawal transaction 0x…): see nomx bridge prove --help',
  )
  const bad = parseFlags('prove', ['--index', '-1'], { values: ['index'] })
  assert.throws(() => integerFlag(bad, 'index'), (e: unknown) => e instanceof BridgeUserError && e.message === '--index must be a non-negative integer, got "-1"')
})
