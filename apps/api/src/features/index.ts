/**
 * The feature registry: every feature module of the API, in registration order. app.ts registers their
 * routes, server.ts runs their jobs and writes their demo data in this order. A new feature is one folder and
 * one line here (see docs/ARCHITECTURE.md, "Adding a feature").
 */
import { applicationsFeature } from './applications/applications.feature.ts';
import { auditFeature } from './audit/audit.feature.ts';
import { authFeature } from './auth/auth.feature.ts';
import { campaignFeature } from './campaign/campaign.feature.ts';
import { cardsFeature } from './cards/cards.feature.ts';
import { coverageFeature } from './coverage/coverage.feature.ts';
import { congressFeature } from './congress/congress.feature.ts';
import { enterprisesFeature } from './enterprises/enterprises.feature.ts';
import { fundsFeature } from './funds/funds.feature.ts';
import type { FeatureModule } from './feature.ts';
import { healthFeature } from './health/health.feature.ts';
import { memberAuthFeature } from './member-auth/member-auth.feature.ts';
import { membersFeature } from './members/members.feature.ts';
import { notificationsFeature } from './notifications/notifications.feature.ts';
import { orgsFeature } from './orgs/orgs.feature.ts';
import { regionsFeature } from './regions/regions.feature.ts';
import { evaluationFeature } from './evaluation/evaluation.feature.ts';
import { votesFeature } from './votes/votes.feature.ts';
import { servicesFeature } from './services/services.feature.ts';
import { rightsFeature } from './rights/rights.feature.ts';
import { workbenchFeature } from './workbench/workbench.feature.ts';

export const features: readonly FeatureModule[] = [
  healthFeature,
  authFeature,
  regionsFeature,
  orgsFeature,
  enterprisesFeature,
  auditFeature,
  membersFeature,
  applicationsFeature,
  memberAuthFeature,
  cardsFeature,
  notificationsFeature,
  coverageFeature,
  campaignFeature,
  congressFeature,
  votesFeature,
  evaluationFeature,
  fundsFeature,
  servicesFeature,
  rightsFeature,
  workbenchFeature,
];
