import { test } from 'node:test'
import assert from 'node:assert/strict'
import { accountBlockPreimage, descendantBlocksHash, emptyAccountBlock, hashAccountBlock, signAccountBlock } from '../../nom/accountBlock.ts'
import { accountBlockFromJSON } from '../../nom/json.ts'
import { keyPairFromSeed, verify } from '../../nom/keys.ts'
import { formatAddress, parseAddress, addressFromPublicKey } from '../../nom/address.ts'
import { PLASMA_ADDRESS, QSR_ZTS } from '../../nom/constants.ts'
import { encodeCall } from '../../nom/abi.ts'
import { EMPTY_HASH, fromHex, sha3, toHex } from '../../nom/hash.ts'
import { BlockType } from '../../nom/types.ts'
import { DART_JSON, RECEIVE_JSON, SEND_JSON } from './vectors.ts'

for (const [name, json] of [['send', SEND_JSON], ['receive', RECEIVE_JSON], ['Dart SDK', DART_JSON]] as const) {
  test(`go-zenon ${name} block: hash, signature and address from public key`, () => {
    const b = accountBlockFromJSON(json)
    assert.equal(accountBlockPreimage(b).length, 306)
    assert.equal(toHex(hashAccountBlock(b)), json.hash)
    assert.equal(verify(b.publicKey, b.hash, b.signature), true)
    assert.equal(formatAddress(addressFromPublicKey(b.publicKey)), json.address)
    const changed = { ...b, amount: b.amount + 1n }
    assert.notEqual(toHex(hashAccountBlock(changed)), json.hash)
  })
}

test('synthetic Fuse block: preimage, hash and signature byte for byte', () => {
  const kp = keyPairFromSeed(new Uint8Array(32).fill(1))
  const data = encodeCall('Fuse(address)', [parseAddress('z1qz2lmuhzrnmhy426jmafkrlmp5z7mnry83d6fs')])
  assert.equal(toHex(data), '5ac942e80000000000000000000000000095fdf2e21cf772555a96fa9b0ffb0d05edcc64')
  const block = emptyAccountBlock({
    chainIdentifier: 1n,
    blockType: BlockType.UserSend,
    height: 1n,
    momentumAcknowledged: { hash: new Uint8Array(32).fill(0x11), height: 100n },
    address: kp.address,
    toAddress: PLASMA_ADDRESS,
    amount: 1_000_000_000n,
    tokenStandard: QSR_ZTS,
    data,
    fusedPlasma: 0n,
    difficulty: 31500n,
    nonce: fromHex('4901000000000000'),
  })
  const expectedPreimage =
    '0000000000000001' + '0000000000000001' + '0000000000000002' + '00'.repeat(32) + '0000000000000001' +
    '11'.repeat(32) + '0000000000000064' + '0095fdf2e21cf772555a96fa9b0ffb0d05edcc64' + '01b3b6e5adcb4c1ff61be98c6318c6318c6318c6' +
    '00'.repeat(28) + '3b9aca00' + '04066318c6318c6318c6' + '00'.repeat(32) + toHex(EMPTY_HASH) +
    '67f9c4b60c8c416730b59fad400063b412bdbc304c42a7575cf668a351065b59' + '0000000000000000' + '0000000000007b0c' + '4901000000000000'
  assert.equal(toHex(accountBlockPreimage(block)), expectedPreimage)
  const signed = signAccountBlock(block, kp)
  assert.equal(toHex(signed.hash), 'b6eef2766032b35c23b0de10d990681b66d74d5e03463957d175f70c3112c73b')
  assert.equal(Buffer.from(signed.signature).toString('base64'), 'dBZ8Zh7ELsQw442jCyv0Er2iZ9aSHwuQYHHS5/n4xLbu8kTXMIsBS2EqXargOTbBKNMZ470QMzmqwk9R0a6yAA==')
  assert.deepEqual(signed.publicKey, kp.publicKey)
})

test('descendant blocks enter the hash as H(concat of their hashes)', () => {
  const d1 = emptyAccountBlock({ hash: new Uint8Array(32).fill(1) })
  const d2 = emptyAccountBlock({ hash: new Uint8Array(32).fill(2) })
  assert.deepEqual(descendantBlocksHash([]), EMPTY_HASH)
  assert.deepEqual(descendantBlocksHash([d1, d2]), sha3(d1.hash, d2.hash))
  const receive = emptyAccountBlock({ blockType: BlockType.ContractReceive, descendantBlocks: [d1, d2] })
  const pre = accountBlockPreimage(receive)
  assert.equal(toHex(pre.subarray(218, 250)), toHex(sha3(d1.hash, d2.hash)))
  assert.notEqual(toHex(hashAccountBlock(receive)), toHex(hashAccountBlock({ ...receive, descendantBlocks: [d2, d1] })))
})

test('fields of the wrong width are refused before hashing', () => {
  assert.throws(() => hashAccountBlock(emptyAccountBlock({ nonce: new Uint8Array(7) })), new RangeError('account block nonce must be 8 bytes, got 7'))
  assert.throws(() => hashAccountBlock(emptyAccountBlock({ amount: 1n << 256n })), new RangeError(`value does not fit in 32 bytes: ${1n << 256n}`))
})
