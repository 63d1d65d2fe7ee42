import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { encodeErrorResult, encodeFunctionData, decodeFunctionResult, pad, toHex } from 'viem'
import { loadToken } from '../../../fixtures/contracts/compile.ts'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_call', () => {
  let chain: PopulatedNode
  const abi = loadToken().abi
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  const balanceCall = (holder: string) => ({ to: chain.token.address, input: encodeFunctionData({ abi, functionName: 'balanceOf', args: [holder] }) })

  it('returns the call\'s return data at latest (default), older blocks and by hash', async () => {
    const url = chain.node.rpcUrl
    const recipient = chain.node.accounts[1]!.address
    assert.equal(await call(url, 'eth_call', [balanceCall(recipient)]), pad(toHex(25n)))
    assert.equal(await call(url, 'eth_call', [balanceCall(recipient), 'latest']), pad(toHex(25n)))
    assert.equal(await call(url, 'eth_call', [balanceCall(recipient), '0x1']), pad(toHex(0n)))
    assert.equal(await call(url, 'eth_call', [balanceCall(recipient), { blockHash: chain.transferReceipt.blockHash }]), pad(toHex(25n)))
    // Before the deployment there is no code: the call returns nothing.
    assert.equal(await call(url, 'eth_call', [balanceCall(recipient), '0x0']), '0x')
  })

  it('applies state overrides (storage diff and balance)', async () => {
    const url = chain.node.rpcUrl
    const holder = '0x00000000000000000000000000000000000000aa'
    const data = await call<`0x${string}`>(url, 'eth_call', [
      { to: chain.token.address, input: encodeFunctionData({ abi, functionName: 'totalSupply' }) },
      'latest',
      { [chain.token.address]: { stateDiff: { [pad('0x2')]: pad(toHex(77n)) } } },
    ])
    assert.equal(decodeFunctionResult({ abi, functionName: 'totalSupply', data }), 77n)
    // A balance override is seen by the EVM: BALANCE(holder) via a code override on the holder itself.
    // Code: SELFBALANCE PUSH0 MSTORE PUSH1 0x20 PUSH0 RETURN
    const balance = await call(url, 'eth_call', [{ to: holder }, 'latest', { [holder]: { balance: '0x1234', code: '0x475f5260205ff3' } }])
    assert.equal(balance, pad('0x1234'))
  })

  it('returns code 3 with the custom error data of a reverting call', async () => {
    const error = await callError(chain.node.rpcUrl, 'eth_call', [
      { from: chain.node.accounts[1]!.address, to: chain.token.address, input: encodeFunctionData({ abi, functionName: 'transfer', args: [chain.node.accounts[2]!.address, 100n] }) },
      'latest',
    ])
    assert.deepEqual(error, {
      code: 3,
      message: 'execution reverted',
      data: encodeErrorResult({ abi, errorName: 'InsufficientBalance', args: [25n, 100n] }),
    })
  })

  it('returns code 3 with the decoded reason of an Error(string) revert', async () => {
    const error = await callError(chain.node.rpcUrl, 'eth_call', [
      { from: chain.node.accounts[0]!.address, to: chain.token.address, input: encodeFunctionData({ abi, functionName: 'transfer', args: ['0x0000000000000000000000000000000000000000', 1n] }) },
      'latest',
    ])
    assert.deepEqual(error, {
      code: 3,
      message: 'execution reverted: transfer to the zero address',
      data: encodeErrorResult({ abi: [{ type: 'error', name: 'Error', inputs: [{ type: 'string' }] }], errorName: 'Error', args: ['transfer to the zero address'] }),
    })
  })

  it('surfaces reverts to viem as a decoded contract error', async () => {
    await assert.rejects(
      chain.clients.publicClient.simulateContract({ address: chain.token.address, abi, functionName: 'transfer', args: [chain.node.accounts[2]!.address, 100n], account: chain.node.accounts[1]!.address }),
      (error: Error & { cause?: { data?: { errorName?: string; args?: unknown[] } } }) => {
        assert.equal(error.cause?.data?.errorName, 'InsufficientBalance')
        assert.deepEqual(error.cause?.data?.args, [25n, 100n])
        return true
      },
    )
  })

  it('fails for an unknown block and bad call objects', async () => {
    const url = chain.node.rpcUrl
    assert.deepEqual(await callError(url, 'eth_call', [balanceCall(chain.node.accounts[1]!.address), '0x99']), { code: -32000, message: 'header not found' })
    assert.deepEqual(await callError(url, 'eth_call', [{ to: chain.token.address, input: '0x01', data: '0x02' }, 'latest']), {
      code: -32602,
      message: 'invalid argument 0: both "data" and "input" are set and not equal. Please use "input" to pass transaction call data',
    })
  })
})
