import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { decodeFunctionResult, encodeErrorResult, encodeFunctionData, type Hex } from 'viem'
import { DEPOSITOR_ADDRESS, NOM_INFO_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { NoMInfo } from '../../../contracts/l2/artifacts.ts'
import { encodeSetOrigin } from '../../../contracts/l2/systemCalldata.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { compileSystemCaller, l2Clients, reverted, rpc, systemCalls, type L2Clients } from './l2Test.ts'

const abi = NoMInfo.abi
const momentumHash = `0x${'ab'.repeat(32)}` as Hex
const setOrigin = `0x${Buffer.from(encodeSetOrigin({ height: 123_456n, hash: Buffer.from('ab'.repeat(32), 'hex'), timestamp: 1_735_689_610n, sequenceNumber: 3n })).toString('hex')}` as Hex
const read = (functionName: 'height' | 'hash' | 'timestamp' | 'sequenceNumber') => ({ target: NOM_INFO_ADDRESS as Hex, data: encodeFunctionData({ abi, functionName }) })

describe('NoMInfo (predeploy 0x4200…0015, real node)', () => {
  let node: TestNode
  let alice: L2Clients
  let systemCaller: Hex

  before(async () => {
    node = await startTestNode()
    alice = l2Clients(node)
    systemCaller = compileSystemCaller()
  })
  after(async () => {
    await node.stop()
  })

  it('the depositor system address writes height, hash, timestamp and sequence number; the getters read them back', async () => {
    const { results, error } = await systemCalls(node, systemCaller, [
      { target: NOM_INFO_ADDRESS, data: setOrigin },
      read('height'),
      read('hash'),
      read('timestamp'),
      read('sequenceNumber'),
    ])
    assert.equal(error, undefined)
    assert.ok(results)
    assert.equal(results[0], '0x')
    assert.equal(decodeFunctionResult({ abi, functionName: 'height', data: results[1]! }), 123_456n)
    assert.equal(decodeFunctionResult({ abi, functionName: 'hash', data: results[2]! }), momentumHash)
    assert.equal(decodeFunctionResult({ abi, functionName: 'timestamp', data: results[3]! }), 1_735_689_610n)
    assert.equal(decodeFunctionResult({ abi, functionName: 'sequenceNumber', data: results[4]! }), 3n)
  })

  it('a plain eth_call from the depositor address succeeds', async () => {
    const response = await rpc(node.rpcUrl, 'eth_call', [{ from: DEPOSITOR_ADDRESS, to: NOM_INFO_ADDRESS, data: setOrigin }, 'latest'])
    assert.deepEqual(response, { jsonrpc: '2.0', id: 1, result: '0x' })
  })

  it('refuses any other caller with CallerNotDepositor (eth_call and a mined transaction)', async () => {
    const expected = encodeErrorResult({ abi, errorName: 'CallerNotDepositor' })
    assert.equal(expected, '0x77ae8525') // CallerNotDepositor()
    const response = await rpc(node.rpcUrl, 'eth_call', [{ from: alice.address, to: NOM_INFO_ADDRESS, data: setOrigin }, 'latest'])
    assert.deepEqual(response.error, reverted(expected))

    const txHash = await alice.wallet.sendTransaction({ to: NOM_INFO_ADDRESS, data: setOrigin, gas: 100_000n })
    const receipt = await alice.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'reverted')
    assert.equal(await alice.publicClient.readContract({ address: NOM_INFO_ADDRESS, abi, functionName: 'height' }), 0n)
    assert.equal(await alice.publicClient.readContract({ address: NOM_INFO_ADDRESS, abi, functionName: 'hash' }), `0x${'0'.repeat(64)}`)
  })
})
