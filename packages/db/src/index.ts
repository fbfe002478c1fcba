export * from './client.ts';
export { arrayLiteral } from './array-literal.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export * from './reference/regions.ts';
export { loadRegions } from './reference/load-regions.ts';
export { nameInitials } from './pinyin.ts';
export { orgPathColumns, registeredPathColumns, rewriteSubtreePaths, type OrgPathColumn } from './path-registry.ts';
