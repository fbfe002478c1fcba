import { z } from 'zod';
import { recordIdQuery, recordIdSchema, calendarDateSchema } from './input.ts';
import { creditCodeSchema } from './enterprises.ts';
import { birthDateOf, idNumberProblem } from './id-number.ts';
import { shanghaiDate } from './dates.ts';
import { birthdayAt, MIN_MEMBER_AGE, normalizeIdNumber, normalizePersonName, personNameProblem } from './people.ts';
import { orgRefSchema } from './orgs.ts';
import { pagedResponse, pageQuery, sortQuery } from './paging.ts';
import { chinaMobileSchema } from './phone.ts';
import { regionCodeSchema } from './regions.ts';

/** Occupations an applicant picks; gig and care work map to the trades of industry federations. */
export const occupations = ['rider', 'courier', 'domestic', 'carer', 'trucker', 'property', 'catering', 'factory', 'office', 'other'] as const;
export type Occupation = (typeof occupations)[number];

/** The `sector` an industry federation for this occupation carries (orgs.sector), if any. */
export const occupationSectors: Record<Occupation, string | null> = {
  rider: '网约送餐员',
  courier: '快递物流',
  domestic: '家政',
  carer: '医养照护',
  trucker: '物流货运',
  property: '物业',
  catering: '餐饮',
  factory: null,
  office: null,
  other: null,
};

/** Non-standard work: platform and household work without a classic employment contract. */
export function isGigOccupation(occupation: Occupation): boolean {
  switch (occupation) {
    case 'rider':
    case 'courier':
    case 'domestic':
    case 'carer':
    case 'trucker':
      return true;
    case 'property':
    case 'catering':
    case 'factory':
    case 'office':
    case 'other':
      return false;
  }
}

/** standard employment, and the three "两非一无" kinds. */
export const memberCategories = ['standard', 'informal', 'non_standard', 'no_union'] as const;
export type MemberCategory = (typeof memberCategories)[number];
export const isLiangFeiYiWu = (category: MemberCategory) => category !== 'standard';

export const joinChannels = ['enterprise_union', 'online', 'out_of_enterprise', 'on_site', 'import'] as const;
export type JoinChannel = (typeof joinChannels)[number];

export const memberStatuses = ['active', 'left'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const routingReasons = ['own_union', 'covering_union', 'industry_federation', 'territorial_union'] as const;
export type RoutingReason = (typeof routingReasons)[number];

export const applicationStatuses = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** An ID number (or 港澳台居民居住证 number) as people write it — spaces, full-width digits, a small x — normalised, then checked. */
export const idNumberSchema = z
  .string()
  .max(60, { message: 'idNumber.format' })
  .overwrite(normalizeIdNumber)
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `idNumber.${problem}` });
  });

/** A one-time code as typed: six digits. */
export const otpCodeSchema = z.string().trim().regex(/^\d{6}$/, { message: 'otp.format' });

/** An ID number of someone who may join today: at least 16 (see `MIN_MEMBER_AGE`). */
export const joiningIdNumberSchema = idNumberSchema.superRefine((value, ctx) => {
  const birth = birthDateOf(value);
  if (idNumberProblem(value) === null && birth !== null && birthdayAt(birth, MIN_MEMBER_AGE) > shanghaiDate()) {
    ctx.addIssue({ code: 'custom', message: 'person.tooYoung' });
  }
});

const PERSON_NAME_KEYS = { control: 'person.nameControl', length: 'person.nameInvalid', characters: 'person.nameCharacters' } as const;
/** A person's name, normalised (`normalizePersonName`: one middle dot, no invisible characters), then checked. */
export const personNameSchema = z
  .string()
  .max(200, { message: 'person.nameInvalid' })
  .overwrite(normalizePersonName)
  .superRefine((value, ctx) => {
    const problem = personNameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: PERSON_NAME_KEYS[problem] });
  });
const personName = personNameSchema;

// ---- online application (no login) -------------------------------------------------------------------------

export const applicationCreateSchema = z
  .object({
    name: personName,
    idNumber: joiningIdNumberSchema,
    phone: chinaMobileSchema,
    occupation: z.enum(occupations),
    employerCreditCode: creditCodeSchema.nullish(),
    /** where the applicant works or lives when there is no employer: a street (9 digits) or a district */
    regionCode: regionCodeSchema.nullish(),
    /** the one-time code sent to `phone` by POST /api/applications/code */
    phoneCode: otpCodeSchema,
  })
  .refine((a) => a.employerCreditCode || a.regionCode, { message: 'application.regionRequired', path: ['regionCode'] });
export type ApplicationCreate = z.input<typeof applicationCreateSchema>;

export const applicationCreatedSchema = z.object({
  reference: z.string(),
  routedTo: orgRefSchema,
  reason: z.string(),
  reasonCode: z.enum(routingReasons),
});
export type ApplicationCreated = z.infer<typeof applicationCreatedSchema>;

/** Asks for a code that proves the applicant holds `phone` (limits as for sign-in codes). */
export const applicationCodeRequestSchema = z.object({ phone: chinaMobileSchema });
/** A status check: the reference and the phone it was submitted with (in the body, never in a URL). */
export const applicationStatusRequestSchema = z.object({
  reference: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{10}$/, { message: 'application.referenceFormat' }),
  phone: chinaMobileSchema,
});
export const applicationStatusSchema = z.object({
  reference: z.string(),
  status: z.enum(applicationStatuses),
  routedTo: orgRefSchema,
  reason: z.string(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  cardNumber: z.string().nullable(),
});
export type ApplicationStatusView = z.infer<typeof applicationStatusSchema>;

/** An application in a staff queue: personal data masked. */
export const applicationItemSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  occupation: z.enum(occupations),
  employer: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  regionCode: z.string().nullable(),
  routedTo: orgRefSchema,
  reasonCode: z.enum(routingReasons),
  reason: z.string(),
  status: z.enum(applicationStatuses),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  memberId: z.number().int().nullable(),
});
export type ApplicationItem = z.infer<typeof applicationItemSchema>;

/** What the application list sorts by (default: newest first). */
export const applicationSortKeys = ['submittedAt'] as const;
export const applicationListQuerySchema = z.object({
  status: z.enum(applicationStatuses).optional(),
  /** part of the applicant's name, or the start of the reference */
  q: z.string().trim().max(30).optional(),
  ...pageQuery(),
  ...sortQuery(applicationSortKeys),
});
export const applicationListResponseSchema = pagedResponse(applicationItemSchema);
export const applicationRejectSchema = z.object({ reason: z.string().trim().min(2, { message: 'application.reasonRequired' }).max(200) });

// ---- members -------------------------------------------------------------------------------------------------

export const memberListItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** masked unless revealed */
  idNumber: z.string(),
  phone: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  occupation: z.enum(occupations),
  category: z.enum(memberCategories),
  joinChannel: z.enum(joinChannels),
  status: z.enum(memberStatuses),
  union: orgRefSchema,
  enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  cardNumber: z.string(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
});
export type MemberListItem = z.infer<typeof memberListItemSchema>;
export type Gender = MemberListItem['gender'];

export const memberDetailSchema = memberListItemSchema.extend({
  transfers: z.array(
    z.object({
      id: z.number().int(),
      from: orgRefSchema,
      to: orgRefSchema,
      status: z.enum(['pending', 'approved', 'rejected']),
      requestedAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  subsidies: z.array(z.object({ level: z.enum(['district', 'street']), amountFen: z.number().int(), org: orgRefSchema, status: z.enum(['pending', 'paid']) })),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;

const isoDate = calendarDateSchema;

/** What the member list sorts by (default: newest first). */
export const memberSortKeys = ['name', 'joinedOn'] as const;

export const memberListQuerySchema = z.object({
  /** part of a name, normalised like names are stored (any middle dot finds ·) */
  q: z.string().max(30).overwrite(normalizePersonName).optional(),
  /** a whole mobile number: the member holding it (matched on its blind index, never decrypted) */
  phone: chinaMobileSchema.optional(),
  orgId: recordIdQuery.optional(),
  enterpriseId: recordIdQuery.optional(),
  category: z.enum(memberCategories).optional(),
  status: z.enum(memberStatuses).optional(),
  joinChannel: z.enum(joinChannels).optional(),
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
  ...pageQuery(),
  ...sortQuery(memberSortKeys),
});
export type MemberListQuery = z.input<typeof memberListQuerySchema>;
export const memberListResponseSchema = pagedResponse(memberListItemSchema);

export const memberUpdateSchema = z.object({
  name: personName.optional(),
  phone: chinaMobileSchema.optional(),
  occupation: z.enum(occupations).optional(),
  category: z.enum(memberCategories).optional(),
  enterpriseId: recordIdSchema.nullable().optional(),
});
export const memberLeaveSchema = z.object({ reason: z.string().trim().min(2, { message: 'application.reasonRequired' }).max(200) });
export const memberRevealSchema = z.object({ idNumber: z.string(), phone: z.string() });

export const transferCreateSchema = z.object({ toOrgId: recordIdSchema, reason: z.string().trim().max(200).optional() });
export const transferItemSchema = z.object({
  id: z.number().int(),
  member: z.object({ id: z.number().int(), name: z.string(), idNumber: z.string() }),
  from: orgRefSchema,
  to: orgRefSchema,
  reason: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TransferItem = z.infer<typeof transferItemSchema>;
export type TransferStatus = TransferItem['status'];
export const transferListQuerySchema = z.object({
  direction: z.enum(['incoming', 'outgoing']).default('incoming'),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});
export const transferListResponseSchema = z.object({ items: z.array(transferItemSchema) });
export const transferRejectSchema = applicationRejectSchema;

// ---- member sign-in and card ------------------------------------------------------------------------------------

export const otpRequestSchema = z.object({ phone: chinaMobileSchema });
export const otpLoginSchema = z.object({ phone: chinaMobileSchema, code: otpCodeSchema });

/** The e-card's QR code: a signed token that verifies for a short time only, and the same as an SVG. */
export const cardTokenSchema = z.object({
  token: z.string(),
  /** the token as a QR code, an SVG document */
  qrSvg: z.string(),
  /** seconds the token verifies from now; the H5 fetches a new one before they run out */
  expiresIn: z.number().int().positive(),
});
export type CardToken = z.infer<typeof cardTokenSchema>;

export const memberCardSchema = z.object({
  name: z.string(),
  idNumber: z.string(),
  union: orgRefSchema,
  cardNumber: z.string(),
  status: z.enum(memberStatuses),
  joinedOn: z.string(),
  ...cardTokenSchema.shape,
});
export type MemberCard = z.infer<typeof memberCardSchema>;

export const cardVerifyRequestSchema = z.object({ token: z.string().trim().min(10).max(1000) });
/** What a station learns from a scan: valid or not and, when valid, the masked name and the union — no more. */
export const cardVerifyResponseSchema = z.object({
  valid: z.boolean(),
  member: z.object({ maskedName: z.string(), union: z.string() }).optional(),
});
export type CardVerifyResponse = z.infer<typeof cardVerifyResponseSchema>;

/** A short directory of unions for choosing a transfer target anywhere in the city (names only). */
export const orgDirectoryQuerySchema = z.object({ q: z.string().trim().min(1).max(50) });

// ---- roster import -------------------------------------------------------------------------------------------

/** The columns of the roster template, in order; the import reports problems by these codes. */
export const rosterFields = ['name', 'idNumber', 'phone', 'occupation', 'category', 'creditCode', 'joinedOn'] as const;
export type RosterField = (typeof rosterFields)[number];

/** A checked roster row: importable, wrong, or someone already in the file or already a member. */
export const rosterRowStatuses = ['ok', 'error', 'duplicate'] as const;
export type RosterRowStatus = (typeof rosterRowStatuses)[number];
