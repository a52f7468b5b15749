// Compiles ops/contracts/*.sol with solc-js and copies the Safe contracts' published build, writing one
// deterministic artifact per contract: {contractName, sourceName, abi, bytecode, deployedBytecode,
// compiler: {version, settings}}. The same inputs give the same bytes on every machine, so a test can
// compare the committed artifacts (src/Bridge/Contracts/Artifacts) with a fresh compile.
//
// Usage: node ops/devchain/compile.mjs [--out DIR]   (default: src/Bridge/Contracts/Artifacts)
// Exit codes: 0 written; 1 the compiler reported an error or a warning; 2 bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const solc = require('solc');

const devchain = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(devchain, '..', '..');
const nodeModules = path.join(devchain, 'node_modules');
const contractsDir = path.join(root, 'ops', 'contracts');

// evmVersion must match the hardfork in hardhat.config.cjs; cancun is live on mainnet and on the devchain.
export const SETTINGS = Object.freeze({
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.bytecode.linkReferences'] } },
});

const SAFE_PACKAGE = '@safe-global/safe-smart-account';
const SAFE_VERSION = '1.5.0';
// The Safe contracts Rollout deploys on the devchain and in rehearsals: artifact name -> build path.
const SAFE_ARTIFACTS = [
  ['Safe', 'contracts/Safe.sol/Safe.json'],
  ['SafeL2', 'contracts/SafeL2.sol/SafeL2.json'],
  ['SafeProxy', 'contracts/proxies/SafeProxy.sol/SafeProxy.json'],
  ['SafeProxyFactory', 'contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json'],
  ['CompatibilityFallbackHandler', 'contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json'],
  ['MultiSend', 'contracts/libraries/MultiSend.sol/MultiSend.json'],
  ['MultiSendCallOnly', 'contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json'],
];

function parseArgs(argv) {
  let out = path.join(root, 'src', 'Bridge', 'Contracts', 'Artifacts');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && i + 1 < argv.length) out = path.resolve(argv[++i]);
    else {
      process.stderr.write(`compile.mjs: unknown argument '${argv[i]}'\nusage: node ops/devchain/compile.mjs [--out DIR]\n`);
      process.exit(2);
    }
  }
  return { out };
}

function hex(object) {
  return '0x' + object;
}

function compileOwnContracts() {
  const files = fs.readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort();
  const sources = {};
  for (const file of files) {
    // Source keys are repository-relative so the metadata hash does not depend on where the repo lives.
    sources[`ops/contracts/${file}`] = { content: fs.readFileSync(path.join(contractsDir, file), 'utf8') };
  }
  const input = { language: 'Solidity', sources, settings: SETTINGS };
  const findImports = (importPath) => {
    const resolved = path.join(nodeModules, importPath);
    if (!resolved.startsWith(nodeModules + path.sep) || !fs.existsSync(resolved)) return { error: `not found: ${importPath}` };
    return { contents: fs.readFileSync(resolved, 'utf8') };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const problems = output.errors ?? [];
  if (problems.length > 0) {
    // Warnings fail too: the build is strict everywhere, contracts included.
    for (const p of problems) process.stderr.write((p.formattedMessage ?? p.message) + '\n');
    process.exit(1);
  }
  const version = solc.version();
  const artifacts = [];
  for (const sourceName of Object.keys(sources)) {
    for (const [contractName, contract] of Object.entries(output.contracts[sourceName] ?? {})) {
      if (!contract.evm.bytecode.object) continue; // interfaces and abstract contracts
      if (Object.keys(contract.evm.bytecode.linkReferences ?? {}).length > 0) {
        process.stderr.write(`compile.mjs: ${contractName} needs linked libraries, which Rollout does not deploy\n`);
        process.exit(1);
      }
      artifacts.push({
        contractName,
        sourceName,
        abi: contract.abi,
        bytecode: hex(contract.evm.bytecode.object),
        deployedBytecode: hex(contract.evm.deployedBytecode.object),
        compiler: { version, settings: SETTINGS },
      });
    }
  }
  return artifacts;
}

function copySafeArtifacts() {
  const packageDir = path.join(nodeModules, ...SAFE_PACKAGE.split('/'));
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  if (pkg.version !== SAFE_VERSION) {
    process.stderr.write(`compile.mjs: expected ${SAFE_PACKAGE} ${SAFE_VERSION}, found ${pkg.version}\n`);
    process.exit(1);
  }
  // The package ships Hardhat's compile cache, which records the solc version and settings per source.
  const cache = JSON.parse(fs.readFileSync(path.join(packageDir, 'build', 'cache', 'solidity-files-cache.json'), 'utf8'));
  const artifacts = [];
  for (const [name, artifactPath] of SAFE_ARTIFACTS) {
    const built = JSON.parse(fs.readFileSync(path.join(packageDir, 'build', 'artifacts', artifactPath), 'utf8'));
    const sourceName = path.posix.dirname(artifactPath);
    const cached = Object.entries(cache.files).find(([file]) => file.endsWith('/' + sourceName));
    if (!cached || built.contractName !== name) {
      process.stderr.write(`compile.mjs: ${artifactPath} is not the expected ${name} build\n`);
      process.exit(1);
    }
    const { outputSelection: _ignored, ...settings } = cached[1].solcConfig.settings;
    artifacts.push({
      contractName: name,
      sourceName: `${SAFE_PACKAGE}@${SAFE_VERSION}/${sourceName}`,
      abi: built.abi,
      bytecode: built.bytecode,
      deployedBytecode: built.deployedBytecode,
      compiler: { version: cached[1].solcConfig.version, settings },
    });
  }
  return artifacts;
}

function writeAll(out, artifacts) {
  fs.mkdirSync(out, { recursive: true });
  const names = new Set();
  for (const artifact of artifacts) {
    const file = path.join(out, `${artifact.contractName}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(artifact, null, 2) + '\n');
    fs.renameSync(temp, file);
    names.add(path.basename(file));
  }
  // A contract removed from the sources must not linger as an embedded artifact.
  for (const file of fs.readdirSync(out)) {
    if (file.endsWith('.json') && !names.has(file)) fs.rmSync(path.join(out, file));
  }
  return [...names].sort();
}

const { out } = parseArgs(process.argv.slice(2));
const artifacts = [...compileOwnContracts(), ...copySafeArtifacts()];
const written = writeAll(out, artifacts);
process.stdout.write(JSON.stringify({ out, artifacts: written }) + '\n');
