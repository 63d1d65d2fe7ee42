/** createBatcher refuses options it cannot run with before touching NoM or the node. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createBatcher, type BatcherOptions } from '../../../bridge/batcher/createBatcher.ts'
import { BatcherConfigError } from '../../../bridge/batcher/errors.ts'
import { keyPairFromMnemonic } from '../../../nom/keys.ts'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { DEV_MNEMONIC } from '../../helpers/node.ts'

const unused = new Proxy({}, { get: () => assert.fail('the batcher used the client or node while validating') })
const options = (over: Partial<BatcherOptions>): BatcherOptions => ({
  client: unused as NoMClient,
  chainId: 1n,
  batcherKeys: [keyPairFromMnemonic(DEV_MNEMONIC, 9)],
  proposerKey: keyPairFromMnemonic(DEV_MNEMONIC, 1),
  node: unused as BatcherOptions['node'],
  depositIndexOf: async () => undefined,
  commitIntervalBlocks: 10n,
  log: () => {},
  ...over,
})

test('createBatcher: channel limits and the age limit are checked up front', () => {
  assert.throws(() => createBatcher(options({ maxChannelAgeMs: -1 })), new BatcherConfigError('maxChannelAgeMs must be a non-negative integer, got -1'))
  assert.throws(() => createBatcher(options({ maxChannelAgeMs: 0.5 })), new BatcherConfigError('maxChannelAgeMs must be a non-negative integer, got 0.5'))
  assert.throws(() => createBatcher(options({ maxChannelBytes: 0 })), new BatcherConfigError('maxChannelBytes must be a positive integer, got 0'))
  assert.throws(() => createBatcher(options({ maxChannelBlocks: 0 })), new BatcherConfigError('maxChannelBlocks must be a positive integer, got 0'))
  const batcher = createBatcher(options({ maxChannelAgeMs: 0 }))
  assert.equal(batcher.status().running, false)
})
