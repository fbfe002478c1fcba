import { z } from 'zod';
import { orgKinds } from './orgs.ts';
import { roles } from './roles.ts';
import { grantKinds } from './capabilities.ts';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(orgKinds), regionCode: z.string() }),
  /** duties granted at organisations (capabilities module); the web asks `can(user, …)` with them */
  grants: z.array(z.object({ kind: z.enum(grantKinds), orgId: z.number().int(), orgPath: z.string() })),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = loginResponseSchema;
export type MeResponse = LoginResponse;
