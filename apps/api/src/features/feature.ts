import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WorkbenchItem } from '@lianxin/contracts';
import type { ServiceContext } from '../context.ts';

/**
 * A feature module: everything the app and the server need to know of one feature folder. `features/index.ts`
 * lists them; app.ts registers each one's routes and server.ts runs its jobs and writes its demo data, so
 * adding a feature edits neither.
 */
export interface FeatureModule {
  /** the folder name, for logs */
  name: string;
  /** the feature's route plugins; every /api route declares `config.access` (access/route-access.ts) */
  routes?: readonly FastifyPluginAsyncZod[];
  /** work the server repeats on a timer (folding figures, delivering the outbox, day-boundary jobs) */
  jobs?: readonly Job[];
  /**
   * Demo data `npm start` writes into an empty embedded database after the base seed, in the registry's order
   * (a later feature may build on an earlier one's demo rows). Runs through the app's keys and writers.
   */
  demo?: (app: FastifyInstance) => Promise<void>;
  /**
   * The feature's items on the workbench (工作台, `GET /api/workbench`): what the actor has to do, counted inside
   * their scope; `today` is the Asia/Shanghai date. Items with nothing waiting may be left out.
   */
  workbench?: (ctx: ServiceContext, today: string) => Promise<WorkbenchItem[]>;
}

export interface Job {
  name: string;
  /** how often it runs; it also runs once at start */
  everyMs: number;
  /** returns something worth logging, or nothing */
  run(app: FastifyInstance, now: Date): Promise<unknown>;
}

export const defineFeature = (feature: FeatureModule): FeatureModule => feature;
