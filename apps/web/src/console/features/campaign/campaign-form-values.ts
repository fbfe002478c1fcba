import type { CampaignStage, WorklistItem } from '@lianxin/contracts';

export type UnionMode = 'new' | 'existing';

/** What the drawer's form holds. The union fields matter only when the stage becomes 已建会. */
export interface CampaignFormValues {
  stage?: CampaignStage;
  /** undefined: nobody */
  assigneeId?: number;
  nextFollowUpOn?: string;
  notes?: string;
  unionMode?: UnionMode;
  /** a new enterprise union */
  unionName?: string;
  unionParentId?: number;
  chairName?: string;
  /** an existing federation or joint union taking the enterprise in */
  existingOrgId?: number;
}

/** The usual name of an enterprise's own union: "上海某某有限公司工会". */
export function defaultUnionName(enterpriseName: string): string {
  return `${enterpriseName}工会`;
}

export function initialCampaignValues(item: WorklistItem): CampaignFormValues {
  return {
    stage: item.stage,
    assigneeId: item.assignee?.id,
    nextFollowUpOn: item.nextFollowUpOn ?? '',
    notes: item.notes,
    unionMode: 'new',
    unionName: defaultUnionName(item.name),
    unionParentId: item.responsibleOrg.id,
    chairName: '',
  };
}

/**
 * The PATCH body: what changed, and for 已建会 the union (a new enterprise union under the chosen parent, or
 * an existing union). Field values that cannot be valid are passed on as they are, for the schema to report.
 */
export function campaignUpdateBody(item: WorklistItem, values: CampaignFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (values.stage !== undefined && values.stage !== item.stage) body.stage = values.stage;
  const assigneeId = values.assigneeId ?? null;
  if (assigneeId !== (item.assignee?.id ?? null)) body.assigneeId = assigneeId;
  const followUp = values.nextFollowUpOn?.trim() || null;
  if (followUp !== item.nextFollowUpOn) body.nextFollowUpOn = followUp;
  const notes = values.notes?.trim() ?? '';
  if (notes !== item.notes) body.notes = notes;
  if (body.stage === 'built') {
    if (values.unionMode === 'existing') {
      body.union = { mode: 'existing', orgId: values.existingOrgId };
    } else {
      const chairName = values.chairName?.trim();
      body.union = {
        mode: 'new',
        parentId: values.unionParentId,
        name: values.unionName?.trim() ?? '',
        ...(chairName ? { chairName } : {}),
      };
    }
  }
  return body;
}

/** The form field of an API field path ("union.name" → unionName); undefined for paths the form does not show. */
export function campaignFieldOf(path: string, mode: UnionMode | undefined): keyof CampaignFormValues | undefined {
  switch (path) {
    case 'stage':
    case 'assigneeId':
    case 'nextFollowUpOn':
    case 'notes':
      return path;
    case 'union':
      return 'unionMode';
    case 'union.name':
      return 'unionName';
    case 'union.parentId':
      return 'unionParentId';
    case 'union.chairName':
      return 'chairName';
    case 'union.orgId':
      return 'existingOrgId';
    case 'union.mode':
      return 'unionMode';
    default:
      return path.startsWith('union') ? (mode === 'existing' ? 'existingOrgId' : 'unionName') : undefined;
  }
}
