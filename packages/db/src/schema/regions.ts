import { pgTable, text, index } from 'drizzle-orm/pg-core';

/** GB/T 2260 administrative divisions of Shanghai: city, districts, streets/towns (reference data). */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['city', 'district', 'street'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
