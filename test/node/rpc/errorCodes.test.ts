import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ConfigError,
  ExecutionError,
  ExecutionRevertedError,
  InvalidInputError,
  InvalidParamsError,
  LimitExceededError,
  MethodNotSupportedError,
  ResourceNotFoundError,
  TransactionRejectedError,
} from '../../../node/errors.ts'
import { toRPCError } from '../../../node/rpc/errorCodes.ts'

const errorStringData =
  '0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000a75736572206572726f72'

describe('toRPCError', () => {
  it('maps each node error class to its EIP-1474 code with its own message', () => {
    const cases: [Error, number][] = [
      [new InvalidParamsError('bad'), -32602],
      [new InvalidInputError('bad'), -32000],
      [new ResourceNotFoundError('bad'), -32001],
      [new TransactionRejectedError('nonce too low'), -32003],
      [new MethodNotSupportedError('bad'), -32004],
      [new LimitExceededError('bad'), -32005],
      [new ExecutionError('out of gas'), -32000],
    ]
    for (const [error, code] of cases) {
      assert.deepEqual(toRPCError(error), { error: { code, message: error.message }, internal: false })
    }
  })

  it('gives reverts code 3, the decoded Error(string) reason and the revert data', () => {
    const mapped = toRPCError(new ExecutionRevertedError('execution reverted', { data: errorStringData }))
    assert.deepEqual(mapped, { error: { code: 3, message: 'execution reverted: user error', data: errorStringData }, internal: false })
  })

  it('names Panic(uint256) codes as geth does', () => {
    const data = '0x4e487b710000000000000000000000000000000000000000000000000000000000000001'
    assert.equal(toRPCError(new ExecutionRevertedError('x', { data })).error.message, 'execution reverted: assert(false)')
    const overflow = '0x4e487b710000000000000000000000000000000000000000000000000000000000000011'
    assert.equal(toRPCError(new ExecutionRevertedError('x', { data: overflow })).error.message, 'execution reverted: arithmetic underflow or overflow')
    const unknown = '0x4e487b7100000000000000000000000000000000000000000000000000000000000000ff'
    assert.equal(toRPCError(new ExecutionRevertedError('x', { data: unknown })).error.message, 'execution reverted: unknown panic code: 0xff')
  })

  it('keeps custom-error and empty revert data with the plain message', () => {
    const custom = '0xdb42144d00000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000002'
    assert.deepEqual(toRPCError(new ExecutionRevertedError('x', { data: custom })).error, { code: 3, message: 'execution reverted', data: custom })
    assert.deepEqual(toRPCError(new ExecutionRevertedError('x', { data: '0x' })).error, { code: 3, message: 'execution reverted', data: '0x' })
    assert.deepEqual(toRPCError(new ExecutionRevertedError('x', { data: Uint8Array.of(0xab) })).error, { code: 3, message: 'execution reverted', data: '0xab' })
  })

  it('does not decode a malformed Error(string)', () => {
    const truncated = '0x08c379a00000000000000000000000000000000000000000000000000000000000000020'
    assert.equal(toRPCError(new ExecutionRevertedError('x', { data: truncated })).error.message, 'execution reverted')
  })

  it('hides anything else as internal error -32603', () => {
    assert.deepEqual(toRPCError(new TypeError('x is undefined')), { error: { code: -32603, message: 'internal error' }, internal: true })
    assert.deepEqual(toRPCError(new ConfigError('bad genesis')), { error: { code: -32603, message: 'internal error' }, internal: true })
    assert.deepEqual(toRPCError('a string'), { error: { code: -32603, message: 'internal error' }, internal: true })
  })

  it('passes a node error data field through', () => {
    assert.deepEqual(toRPCError(new LimitExceededError('too many', { data: { limit: 5 } })).error, { code: -32005, message: 'too many', data: { limit: 5 } })
  })
})
