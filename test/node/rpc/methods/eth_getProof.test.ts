import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { verifyMerkleProof } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { encodeAbiParameters, hexToBytes, keccak256, pad, toHex, type Hex } from 'viem'
import { loadToken } from '../../../fixtures/contracts/compile.ts'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

interface ProofJSON {
  address: Hex
  accountProof: Hex[]
  balance: Hex
  codeHash: Hex
  nonce: Hex
  storageHash: Hex
  storageProof: { key: Hex; value: Hex; proof: Hex[] }[]
}

const emptyCodeHash = keccak256('0x')
const emptyTrieRoot = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'

/** Checks an account proof against a state root with ethereumjs' MPT verifier; returns the RLP fields. */
async function verifyAccount(proof: ProofJSON, stateRoot: Hex): Promise<Uint8Array[] | null> {
  const value = await verifyMerkleProof(hexToBytes(proof.address), proof.accountProof.map((n) => hexToBytes(n)), { root: hexToBytes(stateRoot), useKeyHashing: true })
  return value === null ? null : (RLP.decode(value) as Uint8Array[])
}

const bigintOf = (bytes: Uint8Array) => (bytes.length === 0 ? 0n : BigInt(toHex(bytes)))

describe('eth_getProof', () => {
  let chain: PopulatedNode
  let stateRoot: Hex
  before(async () => {
    chain = await startPopulatedNode()
    stateRoot = (await call<{ stateRoot: Hex }>(chain.node.rpcUrl, 'eth_getBlockByNumber', ['latest', false])).stateRoot
  })
  after(async () => chain?.node.stop())

  it('proves an EOA against the block\'s state root', async () => {
    const eoa = chain.node.accounts[0]!.address
    const proof = await call<ProofJSON>(chain.node.rpcUrl, 'eth_getProof', [eoa, [], 'latest'])
    const fields = await verifyAccount(proof, stateRoot)
    assert.ok(fields !== null)
    const [nonce, balance, storageRoot, codeHash] = fields
    assert.equal(bigintOf(nonce!), 2n)
    assert.equal(bigintOf(balance!), BigInt(proof.balance))
    assert.equal(BigInt(proof.balance), await chain.clients.publicClient.getBalance({ address: eoa }))
    assert.equal(toHex(storageRoot!), emptyTrieRoot)
    assert.equal(toHex(codeHash!), emptyCodeHash)
    assert.equal(proof.nonce, '0x2')
    assert.equal(proof.codeHash, emptyCodeHash)
    assert.equal(proof.storageHash, emptyTrieRoot)
  })

  it('proves a contract and its storage slots against the state root and storage root', async () => {
    const holder = chain.node.accounts[1]!.address
    const balanceSlot = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [holder, 0n]))
    const unsetSlot = pad('0x99')
    const proof = await call<ProofJSON>(chain.node.rpcUrl, 'eth_getProof', [chain.token.address, [pad('0x2'), balanceSlot, unsetSlot], 'latest'])
    const fields = await verifyAccount(proof, stateRoot)
    assert.ok(fields !== null)
    assert.equal(toHex(fields[2]!), proof.storageHash)
    assert.equal(toHex(fields[3]!), keccak256(loadToken().deployedBytecode))
    assert.equal(proof.codeHash, keccak256(loadToken().deployedBytecode))
    const expected = [1000n, 25n, 0n]
    for (const [i, entry] of proof.storageProof.entries()) {
      const value = await verifyMerkleProof(hexToBytes(entry.key), entry.proof.map((n) => hexToBytes(n)), { root: hexToBytes(proof.storageHash), useKeyHashing: true })
      const proven = value === null ? 0n : bigintOf(RLP.decode(value) as Uint8Array)
      assert.equal(proven, expected[i])
      assert.equal(BigInt(entry.value), expected[i])
    }
  })

  it('echoes storage keys as geth does: 32-byte keys as given, shorter ones as quantities', async () => {
    const proof = await call<ProofJSON>(chain.node.rpcUrl, 'eth_getProof', [chain.token.address, ['0x02', '0x0', pad('0x2')], 'latest'])
    assert.deepEqual(proof.storageProof.map((entry) => [entry.key, entry.value]), [['0x2', '0x3e8'], ['0x0', '0x0'], [pad('0x2'), '0x3e8']])
  })

  it('proves absence of an unknown account', async () => {
    const proof = await call<ProofJSON>(chain.node.rpcUrl, 'eth_getProof', ['0xc1cadaffffffffffffffffffffffffffffffffff', [], 'latest'])
    assert.equal(await verifyAccount(proof, stateRoot), null)
    assert.equal(proof.balance, '0x0')
  })

  it('proves older state against that block\'s root', async () => {
    const genesis = await call<{ stateRoot: Hex; hash: Hex }>(chain.node.rpcUrl, 'eth_getBlockByNumber', ['0x0', false])
    const proof = await call<ProofJSON>(chain.node.rpcUrl, 'eth_getProof', [chain.node.accounts[0]!.address, [], genesis.hash])
    const fields = await verifyAccount(proof, genesis.stateRoot)
    assert.equal(bigintOf(fields![0]!), 0n)
  })

  it('fails for bad keys and unknown blocks', async () => {
    const url = chain.node.rpcUrl
    assert.deepEqual(await callError(url, 'eth_getProof', [chain.token.address, ['0xzz'], 'latest']), { code: -32602, message: 'invalid hex in storage key: "0xzz"' })
    assert.deepEqual(await callError(url, 'eth_getProof', [chain.token.address, '0x1', 'latest']), { code: -32602, message: 'invalid argument 1: array of storage keys expected' })
    assert.deepEqual(await callError(url, 'eth_getProof', [chain.token.address, [], '0x42']), { code: -32000, message: 'header not found' })
  })
})
