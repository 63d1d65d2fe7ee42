/**
 * A replica replaying a chain from a JSON file, for kill -9 tests. Args: dataDir inputsFile.
 * Prints `head <n>` once opened, `applied <n>` after each stored block, `done <hash>` at the end.
 */
import { readFile } from 'node:fs/promises'
import { bytesToHex } from '@ethereumjs/util'
import { silentLogger } from '../../../node/log.ts'
import { createReplica } from '../../../node/replay/createReplica.ts'
import { inputsFromJSON, testConfig } from './replayFixture.ts'

const [dataDir, inputsFile] = process.argv.slice(2)
if (dataDir === undefined || inputsFile === undefined) throw new Error('usage: replayProcess.ts <dataDir> <inputsFile>')
const inputs = inputsFromJSON(await readFile(inputsFile, 'utf8'))
const replica = await createReplica(await testConfig(dataDir), { log: silentLogger })
const head = replica.head().block.header.number
process.stdout.write(`head ${head}\n`)
for (const input of inputs.slice(Number(head))) {
  const result = await replica.applyBlock(input)
  if (!result.valid) throw new Error(`block ${input.number} refused: ${result.reason}`)
  process.stdout.write(`applied ${input.number}\n`)
}
process.stdout.write(`done ${bytesToHex(replica.head().hash)}\n`)
await replica.stop()
