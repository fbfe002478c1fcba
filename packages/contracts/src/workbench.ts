import { z } from 'zod';

/**
 * The workbench (工作台): the actor's work for today across modules. Each feature contributes its items
 * (features' `workbench` hook in the API); `kind` names the item (`<feature>.<what>`), `link` is the console
 * path of the filtered list that shows it.
 */
export const workbenchItemSchema = z.object({
  kind: z.string(),
  /** how many are waiting in all */
  count: z.number().int(),
  /** of them, due today (Asia/Shanghai) */
  dueToday: z.number().int(),
  /** of them, past their due date */
  overdue: z.number().int(),
  link: z.string(),
});
export type WorkbenchItem = z.infer<typeof workbenchItemSchema>;

export const workbenchResponseSchema = z.object({ today: z.string(), items: z.array(workbenchItemSchema) });
export type WorkbenchResponse = z.infer<typeof workbenchResponseSchema>;
