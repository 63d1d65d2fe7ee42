import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { encodeErrorResult, encodeFunctionData } from 'viem'
import { loadToken } from '../../../fixtures/contracts/compile.ts'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_estimateGas', () => {
  let chain: PopulatedNode
  const abi = loadToken().abi
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('estimates a plain transfer at exactly 21000', async () => {
    assert.equal(await call(chain.node.rpcUrl, 'eth_estimateGas', [{ from: chain.node.accounts[0]!.address, to: chain.node.accounts[3]!.address, value: '0x1' }]), '0x5208')
  })

  it('estimates a token transfer that then succeeds with that much gas', async () => {
    const input = encodeFunctionData({ abi, functionName: 'transfer', args: [chain.node.accounts[3]!.address, 5n] })
    const estimate = BigInt(await call<string>(chain.node.rpcUrl, 'eth_estimateGas', [{ from: chain.node.accounts[0]!.address, to: chain.token.address, input }, 'latest']))
    assert.ok(estimate > 21_000n)
    const hash = await chain.clients.wallet.sendTransaction({ to: chain.token.address, data: input, gas: estimate })
    const receipt = await chain.clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    assert.equal(receipt.status, 'success')
  })

  it('returns code 3 with the revert data when the call reverts at any gas', async () => {
    const input = encodeFunctionData({ abi, functionName: 'transfer', args: [chain.node.accounts[3]!.address, 10n ** 6n] })
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_estimateGas', [{ from: chain.node.accounts[2]!.address, to: chain.token.address, input }]), {
      code: 3,
      message: 'execution reverted',
      data: encodeErrorResult({ abi, errorName: 'InsufficientBalance', args: [0n, 10n ** 6n] }),
    })
  })

  it('fails for an unknown block', async () => {
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_estimateGas', [{ to: chain.token.address }, '0x77']), { code: -32000, message: 'header not found' })
  })
})
