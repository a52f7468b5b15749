// Times @iden3/js-crypto's poseidon.hashBytes over many messages, for ops/bench poseidon.
// Input: {"input": "file of hex messages, one per line", "output": "file to write"}.
// Writes one 64-digit hex hash per line to "output"; stdout: {"count": N, "elapsedMs": T} (hashing only).
import { readFileSync, writeFileSync } from 'node:fs';
import { poseidon } from '@iden3/js-crypto';

const request = JSON.parse(await new Response(process.stdin).text());
const messages = readFileSync(request.input, 'utf8').split('\n').filter((line) => line.length > 0)
  .map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
const hashes = new Array(messages.length);
const start = performance.now();
for (let i = 0; i < messages.length; i++) hashes[i] = poseidon.hashBytes(messages[i]);
const elapsedMs = performance.now() - start;
writeFileSync(request.output, hashes.map((h) => h.toString(16).padStart(64, '0')).join('\n') + '\n');
process.stdout.write(JSON.stringify({ count: messages.length, elapsedMs }));
