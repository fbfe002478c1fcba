/**
 * The API server of bench/office-load.bench.ts, in its own process: a copy of the demo image (as a fresh `npm start`
 * has it) on the engine LIANXIN_PGLITE_ENGINE names, plus `/bench/bare` (a constant answer: the baseline).
 * Prints `listening <port>` when ready.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@lianxin/db';
import { buildApp } from '../../apps/api/src/app.ts';
import { access } from '../../apps/api/src/access/route-access.ts';
import { loadConfig } from '../../apps/api/src/config.ts';
import { MemorySmsTransport } from '../../apps/api/src/features/notifications/outbox.ts';
import { loadPiiKey } from '../../apps/api/src/security/pii-cipher.ts';
import { adoptImageKey, copyImageData, ensureDemoImage } from '../../apps/api/src/startup/demo-image.ts';

process.env.DEMO_PASSWORD = 'bench-demo-password';
const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-office-'));
const config = { ...loadConfig({}), dataDir, webDist: null, logLevel: 'silent' };
const image = await ensureDemoImage(config, (line) => console.log(line));
const keyFile = join(dataDir, 'pii.key');
adoptImageKey(image, keyFile);
copyImageData(image, join(dataDir, 'pglite'));
const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
const app = await buildApp({ handle, config, piiKey: loadPiiKey(config, keyFile), logger: false, smsTransport: new MemorySmsTransport() });
app.get('/bench/bare', { config: { access: access.public } }, async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
process.once('SIGTERM', () => {
  void app.close().then(() => handle.close()).finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
