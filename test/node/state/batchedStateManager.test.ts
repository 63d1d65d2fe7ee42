import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { Caches, MerkleStateManager } from '@ethereumjs/statemanager'
import { Account, Address, bytesToHex, setLengthLeft } from '@ethereumjs/util'
import { BatchedMerkleStateManager } from '../../../node/state/batchedStateManager.ts'
import { mulberry32 } from '../../helpers/random.ts'

const caches = () => new Caches({ account: { size: 10_000 }, storage: { size: 10_000 }, code: { size: 100 } })

/**
 * Blocks of random account, storage and code changes (balances, nonces, new accounts, slot writes
 * and clears, account deletion, a contract deployed), each in one checkpoint as the sequencer runs
 * them: the batched manager's state root after every block is the library manager's.
 */
test('same state roots as MerkleStateManager over blocks of random account, storage and code changes', async () => {
  const rand = mulberry32(42)
  const library = new MerkleStateManager({ trie: new MerklePatriciaTrie({ useKeyHashing: true }), caches: caches() })
  const batched = new BatchedMerkleStateManager({ trie: new MerklePatriciaTrie({ useKeyHashing: true }), caches: caches() })
  // The batched path is the one taken: the account trie sees no per-account put (only code, rare).
  const trie = batched['_trie']
  const put = trie.put.bind(trie)
  let puts = 0
  trie.put = (key, value, skip) => {
    puts++
    return put(key, value, skip)
  }
  const addresses = Array.from({ length: 60 }, (_, i) => new Address(setLengthLeft(Uint8Array.of(i + 1), 20)))
  const pick = () => addresses[Math.floor(rand() * 50)] as Address
  for (let block = 0; block < 8; block++) {
    const ops: ((sm: MerkleStateManager) => Promise<void>)[] = []
    for (let i = 0; i < 80; i++) {
      const address = pick()
      const r = rand()
      const amount = BigInt(Math.floor(rand() * 1e9))
      const slot = setLengthLeft(Uint8Array.of(Math.floor(rand() * 12)), 32)
      const word = Uint8Array.of(Math.floor(rand() * 256), 1)
      if (r < 0.4) {
        const target = rand() < 0.8 ? address : (addresses[50 + Math.floor(rand() * 10)] as Address)
        ops.push(async (sm) => {
          const account = (await sm.getAccount(target)) ?? new Account()
          account.balance += amount
          account.nonce += 1n
          await sm.putAccount(target, account)
        })
      } else if (r < 0.75) {
        ops.push(async (sm) => {
          if ((await sm.getAccount(address)) === undefined) await sm.putAccount(address, new Account(0n, 1n))
          await sm.putStorage(address, slot, word)
        })
      } else if (r < 0.88) {
        ops.push(async (sm) => {
          if ((await sm.getAccount(address)) !== undefined) await sm.putStorage(address, slot, new Uint8Array(0))
        })
      } else if (r < 0.95) {
        // Deleted accounts never held storage here (EIP-161 cleanup of touched empty accounts):
        // for one that did, the library resurrects its storage on re-creation (test below).
        const plain = addresses[50 + Math.floor(rand() * 10)] as Address
        ops.push((sm) => sm.deleteAccount(plain))
      } else {
        ops.push(async (sm) => {
          if ((await sm.getAccount(address)) === undefined) await sm.putAccount(address, new Account())
          await sm.putCode(address, Uint8Array.of(0x60, block, 0x60, 0x00, 0x55))
        })
      }
    }
    const roots: string[] = []
    for (const sm of [library, batched]) {
      await sm.checkpoint()
      for (const op of ops) await op(sm)
      await sm.commit()
      roots.push(bytesToHex(await sm.getStateRoot()))
    }
    assert.equal(roots[1], roots[0], `state root after block ${block}`)
  }
  assert.ok(puts < 40, `account trie puts: ${puts}`)
  // The tries the batched manager wrote answer reads from a fresh manager at its root.
  const reader = new MerkleStateManager({ trie: batched['_trie'].shallowCopy(false) })
  await reader.setStateRoot(await batched.getStateRoot())
  for (const address of addresses) {
    const expected = await library.getAccount(address)
    const got = await reader.getAccount(address)
    assert.equal(got === undefined ? 'none' : bytesToHex(got.serialize()), expected === undefined ? 'none' : bytesToHex(expected.serialize()))
  }
})

test('a reverted block leaves the batched manager at the root it had', async () => {
  const sm = new BatchedMerkleStateManager({ trie: new MerklePatriciaTrie({ useKeyHashing: true }), caches: caches() })
  const address = new Address(setLengthLeft(Uint8Array.of(7), 20))
  await sm.checkpoint()
  await sm.putAccount(address, new Account(1n, 100n))
  await sm.commit()
  const root = bytesToHex(await sm.getStateRoot())
  await sm.checkpoint()
  await sm.putAccount(address, new Account(2n, 5n))
  await sm.putStorage(address, new Uint8Array(32), Uint8Array.of(9))
  await sm.revert()
  assert.equal(bytesToHex(await sm.getStateRoot()), root)
  assert.equal((await sm.getAccount(address))?.balance, 100n)
})

test('an account deleted and created again starts with empty storage (the library would bring the old slots back)', async () => {
  const sm = new BatchedMerkleStateManager({ trie: new MerklePatriciaTrie({ useKeyHashing: true }), caches: caches() })
  const address = new Address(setLengthLeft(Uint8Array.of(9), 20))
  const slot = (n: number) => setLengthLeft(Uint8Array.of(n), 32)
  const block = async (run: () => Promise<void>) => {
    await sm.checkpoint()
    await run()
    await sm.commit()
    return sm.getStateRoot()
  }
  await block(async () => {
    await sm.putAccount(address, new Account(1n, 0n))
    await sm.putStorage(address, slot(1), Uint8Array.of(5))
  })
  await block(async () => {
    await sm.putStorage(address, slot(2), Uint8Array.of(6))
    await sm.deleteAccount(address)
  })
  const root = await block(async () => {
    await sm.putAccount(address, new Account(1n, 0n))
    await sm.putStorage(address, slot(3), Uint8Array.of(7))
  })
  // The same state built fresh: one account holding slot 3 only.
  const fresh = new MerkleStateManager({ trie: new MerklePatriciaTrie({ useKeyHashing: true }) })
  await fresh.putAccount(address, new Account(1n, 0n))
  await fresh.putStorage(address, slot(3), Uint8Array.of(7))
  assert.equal(bytesToHex(root), bytesToHex(await fresh.getStateRoot()))
  assert.deepEqual(await sm.getStorage(address, slot(1)), new Uint8Array(0))
})
