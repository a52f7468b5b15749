// Drives WrappedQuil and a 2-of-3 Safe on a running devchain with ethers, using the embedded artifacts
// (src/Bridge/Contracts/Artifacts), and prints one JSON document of what it observed. It asserts
// nothing itself: tests/Rollout.IntegrationTests/Devchain/WrappedQuilScenarioTests.cs does.
//
// usage: node ops/devchain/scenarios/wrapped-quil.mjs --rpc URL [--artifacts DIR]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Contract, ContractFactory, HDNodeWallet, Interface, JsonRpcProvider, Network, TypedDataEncoder, ZeroAddress, concat, id } from 'ethers';

const require = createRequire(import.meta.url);
const accounts = require('../accounts.cjs');
const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { artifacts: path.resolve(here, '..', '..', '..', 'src', 'Bridge', 'Contracts', 'Artifacts') };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--rpc' && argv[i + 1]) args.rpc = argv[i + 1];
    else if (argv[i] === '--artifacts' && argv[i + 1]) args.artifacts = path.resolve(argv[i + 1]);
    else {
      process.stderr.write('usage: wrapped-quil.mjs --rpc URL [--artifacts DIR]\n');
      process.exit(2);
    }
  }
  if (!args.rpc) {
    process.stderr.write('usage: wrapped-quil.mjs --rpc URL [--artifacts DIR]\n');
    process.exit(2);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const artifact = (name) => JSON.parse(fs.readFileSync(path.join(args.artifacts, `${name}.json`), 'utf8'));
const provider = new JsonRpcProvider(args.rpc, Network.from(accounts.chainId), { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
const wallet = (i) => HDNodeWallet.fromPhrase(accounts.mnemonic, undefined, `${accounts.path}/${i}`).connect(provider);

const deployer = wallet(0);
const owners = [wallet(1), wallet(2), wallet(3)];
const pauser = wallet(4);
const minter = wallet(5);
const holder = wallet(6);
const outsider = wallet(7);
const secondPauser = wallet(8);

async function deploy(name, ...ctorArgs) {
  const a = artifact(name);
  const contract = await new ContractFactory(a.abi, a.bytecode, deployer).deploy(...ctorArgs);
  await contract.waitForDeployment();
  return contract;
}

// Sends a transaction and reports how it went: either the receipt's status and decoded events, or the
// decoded revert (custom error name and arguments, or the require string for Error(string)).
async function attempt(send, iface) {
  try {
    const tx = await send();
    const receipt = await tx.wait();
    const events = receipt.logs.map((log) => {
      const parsed = iface?.parseLog(log);
      return parsed ? { name: parsed.name, args: parsed.args.map(String) } : { topic0: log.topics[0], address: log.address };
    });
    return { reverted: false, status: receipt.status, events };
  } catch (e) {
    if (e.code !== 'CALL_EXCEPTION') throw e;
    // The node returns the raw revert data; decode it with the contract's ABI (custom errors) or
    // ethers' built-ins (Error(string) from the Safe's require messages).
    const revert = e.revert ?? (e.data && e.data !== '0x' ? (iface ?? new Interface([])).parseError(e.data) : null);
    return {
      reverted: true,
      error: revert ? (revert.name === 'Error' ? revert.args[0] : revert.name) : null,
      args: revert ? revert.args.map(String) : [],
      data: e.data ?? null,
    };
  }
}

const SAFE_TX_TYPES = {
  SafeTx: [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: 'baseGas', type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ],
};

// Each signer signs the EIP-712 SafeTx; execTransaction wants the signatures ordered by owner address.
async function execThroughSafe(safe, to, data, signers, iface) {
  const tx = {
    to, value: 0, data, operation: 0, safeTxGas: 0, baseGas: 0, gasPrice: 0,
    gasToken: ZeroAddress, refundReceiver: ZeroAddress, nonce: await safe.nonce(),
  };
  const domain = { chainId: accounts.chainId, verifyingContract: await safe.getAddress() };
  const ours = TypedDataEncoder.hash(domain, SAFE_TX_TYPES, tx);
  const theirs = await safe.getTransactionHash(tx.to, tx.value, tx.data, tx.operation, tx.safeTxGas, tx.baseGas,
    tx.gasPrice, tx.gasToken, tx.refundReceiver, tx.nonce);
  const sorted = [...signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const signatures = concat(await Promise.all(sorted.map((s) => s.signTypedData(domain, SAFE_TX_TYPES, tx))));
  const result = await attempt(() => safe.connect(deployer).execTransaction(tx.to, tx.value, tx.data, tx.operation,
    tx.safeTxGas, tx.baseGas, tx.gasPrice, tx.gasToken, tx.refundReceiver, signatures), iface);
  return { ...result, signers: signers.length, safeTxHash: ours, safeTxHashMatchesContract: ours === theirs };
}

const out = { chainId: Number((await provider.getNetwork()).chainId) };

// 1. The Safe: singleton, proxy factory, fallback handler; a proxy set up with 3 owners, threshold 2.
const singleton = await deploy('Safe');
const factory = await deploy('SafeProxyFactory');
const handler = await deploy('CompatibilityFallbackHandler');
const safeAbi = artifact('Safe').abi;
const initializer = new Interface(safeAbi).encodeFunctionData('setup', [
  owners.map((o) => o.address), 2, ZeroAddress, '0x', await handler.getAddress(), ZeroAddress, 0, ZeroAddress,
]);
const created = await (await factory.createProxyWithNonce(await singleton.getAddress(), initializer, 1)).wait();
const proxyEvent = created.logs.map((l) => factory.interface.parseLog(l)).find((e) => e?.name === 'ProxyCreation');
const safe = new Contract(proxyEvent.args.proxy, safeAbi, deployer);
out.safe = {
  address: await safe.getAddress(),
  version: await safe.VERSION(),
  owners: [...(await safe.getOwners())],
  expectedOwners: owners.map((o) => o.address),
  threshold: Number(await safe.getThreshold()),
  // The factory deploys SafeProxy's creation code; a client predicting CREATE2 addresses uses the artifact's.
  proxyCreationCodeMatchesArtifact: (await factory.proxyCreationCode()) === artifact('SafeProxy').bytecode,
};

// 2. WrappedQuil with the Safe as admin; it starts paused.
const token = await deploy('WrappedQuil', out.safe.address, pauser.address, minter.address);
// Decodes the token's events and errors and the Safe's events (ExecutionSuccess, ExecutionFailure).
const iface = new Interface([...artifact('WrappedQuil').abi, ...safeAbi.filter((f) => f.type === 'event')]);
const [adminRole, pauserRole, minterRole] = [await token.DEFAULT_ADMIN_ROLE(), await token.PAUSER_ROLE(), await token.MINTER_ROLE()];
out.token = {
  address: await token.getAddress(),
  name: await token.name(),
  symbol: await token.symbol(),
  decimals: Number(await token.decimals()),
  pausedAtDeploy: await token.paused(),
  pauserRole, minterRole,
  pauserRoleIsKeccak: pauserRole === id('PAUSER_ROLE'),
  minterRoleIsKeccak: minterRole === id('MINTER_ROLE'),
  safeIsAdmin: await token.hasRole(adminRole, out.safe.address),
  deployerIsAdmin: await token.hasRole(adminRole, deployer.address),
  pauserHasRole: await token.hasRole(pauserRole, pauser.address),
  minterHasRole: await token.hasRole(minterRole, minter.address),
};
const grantData = iface.encodeFunctionData('grantRole', [pauserRole, secondPauser.address]);
out.grantByOutsider = await attempt(() => token.connect(outsider).grantRole(pauserRole, secondPauser.address), iface);
out.grantThroughSafe = await execThroughSafe(safe, out.token.address, grantData, [owners[0], owners[2]], iface);
out.secondPauserHasRole = await token.hasRole(pauserRole, secondPauser.address);

// 3. Paused: nothing mints; the pauser cannot unpause; the Safe needs two signatures to.
const firstId = id('rollout/bridge/transfer/1');
const amount = 1000n * 10n ** 8n;
const unpauseData = iface.encodeFunctionData('unpause');
out.mintWhilePaused = await attempt(() => token.connect(minter).bridgeMint(holder.address, amount, firstId), iface);
out.unpauseByPauser = await attempt(() => token.connect(pauser).unpause(), iface);
out.unpauseThroughSafeOneSignature = await execThroughSafe(safe, out.token.address, unpauseData, [owners[1]], iface);
out.unpauseThroughSafe = await execThroughSafe(safe, out.token.address, unpauseData, [owners[2], owners[1]], iface);
out.pausedAfterSafeUnpause = await token.paused();

// 4. Live: the minter mints once per transfer id; holders transfer and bridge out.
out.mintByOutsider = await attempt(() => token.connect(outsider).bridgeMint(holder.address, amount, firstId), iface);
out.mint = await attempt(() => token.connect(minter).bridgeMint(holder.address, amount, firstId), iface);
out.isProcessedAfterMint = await token.isProcessed(firstId);
out.mintReplay = await attempt(() => token.connect(minter).bridgeMint(holder.address, amount, firstId), iface);
out.transfer = await attempt(() => token.connect(holder).transfer(outsider.address, 10n ** 8n), iface);
const quilAddress = '0x1ac3290d57e064bdb5a57e874b59290226a9f9730d69f1d963600883789d6ee2';
const outAmount = 250n * 10n ** 8n;
out.bridgeOut = await attempt(() => token.connect(holder).bridgeOut(quilAddress, outAmount), iface);
out.bridgeOutExpected = { from: holder.address, quilAddress, amount: outAmount.toString() };
out.holderBalance = (await token.balanceOf(holder.address)).toString();
out.totalSupply = (await token.totalSupply()).toString();
out.expectedHolderBalance = (amount - 10n ** 8n - outAmount).toString();
out.expectedTotalSupply = (amount - outAmount).toString();

// 5. Pause fast, unpause slow: anyone without a role is refused, the pauser pauses, and everything stops.
out.pauseByOutsider = await attempt(() => token.connect(outsider).pause(), iface);
out.pauseByPauser = await attempt(() => token.connect(pauser).pause(), iface);
out.pausedAfterPauserPause = await token.paused();
out.transferWhilePaused = await attempt(() => token.connect(holder).transfer(outsider.address, 1n), iface);
out.bridgeOutWhilePaused = await attempt(() => token.connect(holder).bridgeOut(quilAddress, 1n), iface);
out.mintWhilePausedAgain = await attempt(() => token.connect(minter).bridgeMint(holder.address, 1n, id('rollout/bridge/transfer/2')), iface);
out.unpauseByPauserAgain = await attempt(() => token.connect(pauser).unpause(), iface);
out.unpauseThroughSafeAgain = await execThroughSafe(safe, out.token.address, unpauseData, [owners[0], owners[1]], iface);
out.pausedAtEnd = await token.paused();
out.safeNonce = Number(await safe.nonce());

process.stdout.write(JSON.stringify(out, null, 2) + '\n');
provider.destroy();
