// Input: ["hex", ...]. Output: ["0x<keccak256>", ...].
import { keccak256 } from 'ethers';

const input = JSON.parse(await new Response(process.stdin).text());
process.stdout.write(JSON.stringify(input.map((hex) => keccak256('0x' + hex))));
