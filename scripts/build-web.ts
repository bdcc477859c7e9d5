/**
 * `npm run build:web`: builds the browser client into web/dist/<source hash>/ ahead of time (for an
 * image whose file system is read-only at run time); `waypoint start` otherwise builds it when missing.
 */
import { ensureClientBuild } from '../src/web/client-build.ts';

const started = performance.now();
const build = await ensureClientBuild();
process.stdout.write(`${build.built ? 'built' : 'up to date'}: ${build.dir} (${Math.round(performance.now() - started)} ms)\n`);
