-- Extensions both PostgreSQL 15 and PGlite provide: ltree for organisation paths, pg_trgm for name search.
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
