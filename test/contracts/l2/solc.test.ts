import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import * as committed from '../../../contracts/l2/artifacts.ts'
import { compileL2Contracts, renderArtifactFiles } from '../../../contracts/l2/solc.ts'
import { DEV_PREDEPLOY_PARAMS, predeployAlloc, PredeployParamsError } from '../../../contracts/l2/predeployAlloc.ts'

const compiled = compileL2Contracts()

describe('contracts/l2 artifacts', () => {
  it('the committed artifact files are byte for byte what solc-js compiles from src/ (else run contracts/l2/compile.ts)', () => {
    const files = renderArtifactFiles(compiled)
    assert.equal(files.size, 6)
    for (const [url, content] of files) assert.equal(readFileSync(new URL(url), 'utf8'), content, url)
  })

  it('artifacts.ts exports the compiled runtime code of every contract', () => {
    for (const [name, artifact] of compiled) {
      assert.equal(committed[name].deployedBytecode, artifact.deployedBytecode, name)
      assert.equal(committed[name].bytecode, artifact.bytecode, name)
    }
  })

  it('genesis/dev.json carries the four predeploys with the compiled code and the fee vault storage', () => {
    const genesis = JSON.parse(readFileSync(new URL('../../../genesis/dev.json', import.meta.url), 'utf8')) as { alloc: Record<string, unknown> }
    const code = (name: 'NoMInfo' | 'L2ToNoMMessagePasser' | 'L2TokenBridge' | 'FeeVault') => compiled.get(name)!.deployedBytecode
    const expected = predeployAlloc(DEV_PREDEPLOY_PARAMS, {
      NoMInfo: code('NoMInfo'),
      L2ToNoMMessagePasser: code('L2ToNoMMessagePasser'),
      L2TokenBridge: code('L2TokenBridge'),
      FeeVault: code('FeeVault'),
    })
    assert.deepEqual(Object.keys(expected).sort(), [
      '0x4200000000000000000000000000000000000010',
      '0x4200000000000000000000000000000000000011',
      '0x4200000000000000000000000000000000000015',
      '0x4200000000000000000000000000000000000016',
    ])
    for (const [address, entry] of Object.entries(expected)) assert.deepEqual(genesis.alloc[address], entry, address)
    assert.deepEqual(expected['0x4200000000000000000000000000000000000011']!.storage, {
      '0x0000000000000000000000000000000000000000000000000000000000000000': '0x00000000000000000000000000b33fb11bfa6bd03b66bd0499b509cc01dc437a',
      '0x0000000000000000000000000000000000000000000000000000000000000001': '0x0000000000000000000000000000000000000000000000000de0b6b3a7640000',
    })
  })

  it('the storage layouts the anchor and genesis rely on: sentMessages at slot 0, fee vault recipient/minimum at 0/1', () => {
    const slots = (name: 'L2ToNoMMessagePasser' | 'FeeVault' | 'NoMInfo') =>
      compiled.get(name)!.storageLayout.storage.map((s) => `${s.label}@${s.slot}:${s.offset}`)
    assert.deepEqual(slots('L2ToNoMMessagePasser'), ['sentMessages@0:0', 'msgNonce@1:0'])
    assert.deepEqual(slots('FeeVault'), ['recipient@0:0', 'minWithdrawalAmount@1:0', 'totalProcessed@2:0'])
    assert.deepEqual(slots('NoMInfo'), ['height@0:0', 'timestamp@0:8', 'sequenceNumber@0:16', 'hash@1:0'])
  })

  it('predeployAlloc refuses a fee vault recipient that is not a NoM address and a minimum outside uint256', () => {
    const code = { NoMInfo: '0x00', L2ToNoMMessagePasser: '0x00', L2TokenBridge: '0x00', FeeVault: '0x00' } as const
    const notNoM = new Uint8Array(20).fill(0x42)
    assert.throws(() => predeployAlloc({ feeVaultRecipient: notNoM, feeVaultMinimum: 0n }, code), (e: unknown) => {
      assert.ok(e instanceof PredeployParamsError)
      assert.equal(e.message, 'feeVaultRecipient: expected the 20 raw bytes of a NoM address (type byte 0x00 or 0x01)')
      return true
    })
    assert.throws(() => predeployAlloc({ feeVaultRecipient: new Uint8Array(19), feeVaultMinimum: 0n }, code), PredeployParamsError)
    assert.throws(() => predeployAlloc({ feeVaultRecipient: new Uint8Array(20), feeVaultMinimum: 2n ** 256n }, code), (e: unknown) => {
      assert.ok(e instanceof PredeployParamsError)
      assert.equal(e.message, 'feeVaultMinimum: expected a uint256')
      return true
    })
  })
})
