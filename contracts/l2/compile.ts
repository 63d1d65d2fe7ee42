// Rewrites the committed predeploy artifacts (artifacts/*.json, artifacts.ts) from src/*.sol, and the
// predeploy entries of genesis/dev.json's alloc (the rest of that file is left as it is).
// Run: node --import tsx contracts/l2/compile.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { DEV_PREDEPLOY_PARAMS, predeployAlloc } from './predeployAlloc.ts'
import { ARTIFACT_DIR, compileL2Contracts, renderArtifactFiles, type ArtifactContract } from './solc.ts'

const artifacts = compileL2Contracts()
mkdirSync(ARTIFACT_DIR, { recursive: true })
for (const [url, content] of renderArtifactFiles(artifacts)) writeFileSync(new URL(url), content)

const code = (name: ArtifactContract) => artifacts.get(name)!.deployedBytecode
const genesisUrl = new URL('../../genesis/dev.json', import.meta.url)
const genesis = JSON.parse(readFileSync(genesisUrl, 'utf8')) as { alloc: Record<string, unknown> }
Object.assign(
  genesis.alloc,
  predeployAlloc(DEV_PREDEPLOY_PARAMS, {
    NoMInfo: code('NoMInfo'),
    L2ToNoMMessagePasser: code('L2ToNoMMessagePasser'),
    L2TokenBridge: code('L2TokenBridge'),
    FeeVault: code('FeeVault'),
  }),
)
writeFileSync(genesisUrl, `${JSON.stringify(genesis, null, 2)}\n`)
