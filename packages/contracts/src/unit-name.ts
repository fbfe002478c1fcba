import { z } from 'zod';
import { hasControlCharacter, normalizeUnitName } from './people.ts';

/**
 * The name of a union or an enterprise: invisible characters (zero-width, direction overrides) removed and white
 * space folded ({@link normalizeUnitName}), control characters refused, 2–100 characters.
 */
export const unitNameSchema = z
  .string()
  .overwrite(normalizeUnitName)
  .refine((name) => !hasControlCharacter(name), { message: 'text.nul' })
  .pipe(z.string().min(2, { message: 'name.tooShort' }).max(100, { message: 'name.tooLong' }));
