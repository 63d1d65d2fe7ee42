import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ANCHOR_ADDRESS, ANCHOR_ADDRESS_TEXT } from '../../../contracts/anchor/address.ts'
import { formatAddress, isEmbeddedAddress, parseAddress } from '../../../nom/address.ts'
import { toHex } from '../../../nom/hash.ts'

test('the anchor address is an embedded 0x01 address with a valid vanity bech32 name', () => {
  assert.equal(ANCHOR_ADDRESS_TEXT, 'z1qxemdeddedxanch0rxxxxxxxxxxxxxxxn0lw8t')
  assert.equal(toHex(ANCHOR_ADDRESS), '01b3b6e5adcb4dd9e2ef198c6318c6318c6318c6')
  assert.equal(isEmbeddedAddress(ANCHOR_ADDRESS), true)
  assert.equal(formatAddress(ANCHOR_ADDRESS), ANCHOR_ADDRESS_TEXT)
  assert.throws(() => parseAddress('z1qxemdeddedxanch0rxxxxxxxxxxxxxxxn0lw8a'), /checksum/)
})
