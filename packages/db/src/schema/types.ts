import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL ltree: a dot-separated materialised path of organisation ids, e.g. "1.3.17". */
export const ltree = customType<{ data: string }>({
  dataType() {
    return 'ltree';
  },
});

/** PostgreSQL bytea: file contents kept in the database (evidence files). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType() {
    return 'bytea';
  },
});
