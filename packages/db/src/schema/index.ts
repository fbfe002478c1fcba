export * from './regions.ts';
export * from './orgs.ts';
export * from './enterprises.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './members.ts';
export * from './coverage.ts';
export * from './grants.ts';
