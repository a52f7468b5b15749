// Input: {"valuesFile": "/path/values.json"} where the file holds [["0x<bytes32>", "<uint256>"], ...].
// Output: {"root", "count", "milliseconds", "cpuMilliseconds" (StandardMerkleTree.of only), "maxRssKb"}.
import { readFileSync } from 'fs';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

const input = JSON.parse(await new Response(process.stdin).text());
const values = JSON.parse(readFileSync(input.valuesFile, 'utf8'));
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const tree = StandardMerkleTree.of(values, ['bytes32', 'uint256']);
const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMilliseconds = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ root: tree.root, count: values.length, milliseconds, cpuMilliseconds, maxRssKb: process.resourceUsage().maxRSS }));
