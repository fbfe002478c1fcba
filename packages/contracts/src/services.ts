import { z } from 'zod';
import { calendarDateSchema, recordIdQuery, recordIdSchema } from './input.ts';
import { chinaMobileSchema } from './phone.ts';
import { otpCodeSchema } from './members.ts';
import { regionCodeSchema } from './regions.ts';

/**
 * 机制二 (DOMAIN.md §3): service positions (服务阵地) on one map, service categories with their 限时办结 limits in
 * working days, and service requests (诉求) owned by whoever first receives them (首问负责).
 */

/** Position levels, from the district centre down to the outdoor workers' relay station (DOMAIN.md §3). */
export const stationLevels = ['centre', 'sub_centre', 'station', 'point', 'relay', 'inn', 'mommy_room'] as const;
export type StationLevel = (typeof stationLevels)[number];

/** What a position offers (the 爱心接力站 standard: hot water, fridge, microwave; plus charging, toilet, seats). */
export const stationFacilities = ['hot_water', 'fridge', 'microwave', 'charging', 'toilet', 'seats'] as const;
export type StationFacility = (typeof stationFacilities)[number];

/** 验收: a position is checked once set up. */
export const acceptanceStates = ['pending', 'accepted', 'failed'] as const;
export type AcceptanceState = (typeof acceptanceStates)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'station.hours' });

/**
 * Opening hours, Asia/Shanghai: each entry opens on the listed ISO weekdays (1 = Monday … 7 = Sunday) from `open`
 * to `close` (close after open; 错时服务 is simply more entries, evenings and weekends).
 */
export const openingHoursSchema = z
  .array(z.object({ weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7), open: hhmm, close: hhmm })
    .refine((h) => h.close > h.open, { message: 'station.hours', path: ['close'] }))
  .max(14);
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/**
 * Degrees kept to 7 decimals (about 1 cm): finer is noise, and a subnormal such as 8e-323 would underflow the
 * database's trigonometry (a 500 found by the fuzzer).
 */
const degrees7 = (v: number) => Math.round(v * 1e7) / 1e7;
const latitude = z.number().min(-90, { message: 'station.lat' }).max(90, { message: 'station.lat' }).transform(degrees7);
const longitude = z.number().min(-180, { message: 'station.lng' }).max(180, { message: 'station.lng' }).transform(degrees7);
const text = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max);

/**
 * A position as staff register it. `lat`/`lng` are WGS-84 degrees (what a phone's GPS gives); enterprises say
 * `latitude`/`longitude` for the same datum — positions keep the shorter names of the issue's stable API.
 */
export const stationInputSchema = z.object({
  orgId: recordIdSchema,
  name: text(80),
  level: z.enum(stationLevels),
  address: text(200),
  lat: latitude,
  lng: longitude,
  hours: openingHoursSchema,
  facilities: z.array(z.enum(stationFacilities)).max(stationFacilities.length),
  contactPhone: z.string().trim().max(40).regex(/^[0-9+\- ]*$/, { message: 'phone.invalid' }).default(''),
  acceptance: z.enum(acceptanceStates).default('pending'),
  acceptedOn: calendarDateSchema.nullable().default(null),
  inspector: z.string().trim().max(40).default(''),
});
export type StationInput = z.input<typeof stationInputSchema>;
export const stationPatchSchema = stationInputSchema.partial();

export const stationSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  level: z.enum(stationLevels),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  hours: openingHoursSchema,
  facilities: z.array(z.enum(stationFacilities)),
  contactPhone: z.string(),
  acceptance: z.enum(acceptanceStates),
  acceptedOn: z.string().nullable(),
  inspector: z.string(),
});
export type Station = z.infer<typeof stationSchema>;

/** `bbox=minLng,minLat,maxLng,maxLat` in WGS-84 degrees. */
const bboxQuery = z
  .string()
  .regex(/^-?\d{1,3}(\.\d+)?(,-?\d{1,3}(\.\d+)?){3}$/, { message: 'station.bbox' })
  .transform((v) => v.split(',').map((n) => degrees7(Number(n))) as [number, number, number, number])
  .refine(([minLng, minLat, maxLng, maxLat]) => minLng <= maxLng && minLat <= maxLat && Math.abs(minLat) <= 90 && Math.abs(maxLat) <= 90
    && Math.abs(minLng) <= 180 && Math.abs(maxLng) <= 180, { message: 'station.bbox' });

export const stationListQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  level: z.enum(stationLevels).optional(),
  acceptance: z.enum(acceptanceStates).optional(),
  bbox: bboxQuery.optional(),
});
export const stationListResponseSchema = z.object({ items: z.array(stationSchema), total: z.number().int() });

// An empty `lat=` is a missing value, not 0 (z.coerce would read '' as 0: a point in the Gulf of Guinea).
const blankAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * Where to look from: the phone's WGS-84 point (`lat` and `lng`), or, for a rider without location, a street/town
 * (9 digits) or district (6 digits) picked from the city's divisions — the positions nearest the centre of its
 * registered enterprises. A point wins when both are given.
 */
export const nearestQuerySchema = z.object({
  lat: z.preprocess(blankAsMissing, z.coerce.number().min(-90, { message: 'station.lat' }).max(90, { message: 'station.lat' })).transform(degrees7).optional(),
  lng: z.preprocess(blankAsMissing, z.coerce.number().min(-180, { message: 'station.lng' }).max(180, { message: 'station.lng' })).transform(degrees7).optional(),
  regionCode: z.preprocess(blankAsMissing, regionCodeSchema).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
}).superRefine((q, ctx) => {
  if (q.regionCode !== undefined && q.lat === undefined && q.lng === undefined) return;
  if (q.lat === undefined) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'required' });
  if (q.lng === undefined) ctx.addIssue({ code: 'custom', path: ['lng'], message: 'required' });
});

export const nearestStationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(stationLevels),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** great-circle metres from the asked point */
  distanceM: z.number().int(),
  openNow: z.boolean(),
  hours: openingHoursSchema,
  facilities: z.array(z.enum(stationFacilities)),
  contactPhone: z.string(),
  orgId: z.number().int(),
  /** a link that opens navigation in a phone map app; the only place GCJ-02 coordinates appear */
  navigationUrl: z.string(),
});
export const nearestResponseSchema = z.object({ items: z.array(nearestStationSchema) });
export type NearestStation = z.infer<typeof nearestStationSchema>;

// ---------------------------------------------------------------- calendar

export const calendarDayKinds = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

export const calendarYearParamSchema = z.object({ year: z.coerce.number().int().min(1900, { message: 'calendar.year' }).max(2199, { message: 'calendar.year' }) });

export const calendarDaySchema = z.object({ date: calendarDateSchema, kind: z.enum(calendarDayKinds), name: z.string().trim().max(40).default('') });
export const calendarResponseSchema = z.object({
  year: z.number().int(),
  /** whether the year's official schedule is entered; an unknown year makes deadlines provisional */
  known: z.boolean(),
  source: z.string().nullable(),
  /** only the exceptions to Monday–Friday: holidays on weekdays, weekend days made working days (调休) */
  days: z.array(z.object({ date: z.string(), kind: z.enum(calendarDayKinds), name: z.string() })),
  /** years from the current one to next year that are not entered (the console warns city staff) */
  missingYears: z.array(z.number().int()),
});
export type CalendarResponse = z.infer<typeof calendarResponseSchema>;
export const calendarPutSchema = z.object({ days: z.array(calendarDaySchema).max(366) });

export const dueQuerySchema = z.object({
  from: calendarDateSchema,
  workingDays: z.coerce.number().int().min(0).max(250),
});
export const dueResponseSchema = z.object({ dueOn: z.string(), provisional: z.boolean() });

// ---------------------------------------------------------------- categories and requests

export const serviceCategorySchema = z.object({ code: z.string(), name: z.string(), workingDays: z.number().int() });
export const serviceCategoriesResponseSchema = z.object({ items: z.array(serviceCategorySchema) });
export type ServiceCategory = z.infer<typeof serviceCategorySchema>;

export const requestChannels = ['station', 'hotline', 'h5'] as const;
export type RequestChannel = (typeof requestChannels)[number];

/**
 * received (in the union's queue, nobody owns it yet) → in_progress (owned) ⇄ paused (补正: waiting for the
 * requester's materials) → resolved (办结 with a result, waiting for the rating) → closed (rated, or 未评价 after
 * 3 working days).
 */
export const requestStatuses = ['received', 'in_progress', 'paused', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const transferStates = ['pending', 'accepted'] as const;
export type TransferState = (typeof transferStates)[number];

const categoryCode = z.string().trim().min(1, { message: 'required' }).max(40);

export const serviceRequestCreateSchema = z.object({
  categoryCode,
  orgId: recordIdSchema,
  channel: z.enum(requestChannels),
  description: text(2000),
  requesterName: text(40),
  requesterPhone: chinaMobileSchema,
  /** staff may give a past time for a request taken on paper or by phone (ISO 8601 with offset) */
  receivedAt: z.iso.datetime({ offset: true, message: 'request.receivedAt' }).optional(),
  stationId: recordIdSchema.optional(),
  /** the enterprise it is about (in the actor's scope); counted by the rights module's automatic early warning */
  enterpriseId: recordIdSchema.optional(),
});
export type ServiceRequestCreate = z.input<typeof serviceRequestCreateSchema>;

/** A member's request from the H5: the requester is the signed-in member. */
export const memberRequestCreateSchema = z.object({
  categoryCode,
  orgId: recordIdSchema.optional(),
  stationId: recordIdSchema.optional(),
  description: text(2000),
});

/** The H5 without signing in: a one-time code to the requester's phone first (`POST /api/service-requests/code`). */
export const requestCodeRequestSchema = z.object({ phone: chinaMobileSchema });

/**
 * A request from the H5 by someone not signed in, "with a phone verified by one-time code": into the queue of the
 * position's union (`stationId`) or of the union named (`orgId`; one of the two is needed).
 */
export const publicRequestCreateSchema = z.object({
  categoryCode,
  orgId: recordIdSchema.optional(),
  stationId: recordIdSchema.optional(),
  /** the street or town (9-digit GB/T 2260 code) the rider picked when not at a position: its street union receives */
  regionCode: regionCodeSchema.refine((c) => c.length === 9, { message: 'region.streetRequired' }).optional(),
  description: text(2000),
  requesterName: text(40),
  phone: chinaMobileSchema,
  phoneCode: otpCodeSchema,
});

/**
 * A link token for one request, without an account: `f<id>-<HMAC>` follows it (given on submission), `r<id>-<HMAC>`
 * rates it (sent by SMS when it is resolved). Always in a body, never in an API URL.
 */
export const requestTokenSchema = z.string().trim().regex(/^[fr][1-9]\d{0,9}-[A-Za-z0-9_-]{43}$/, { message: 'request.token' });
export const requestTokenBodySchema = z.object({ token: requestTokenSchema });

/** What a link shows: no phone, no staff names. `canRate` only for a rating link while the request awaits its rating. */
export const publicRequestSchema = z.object({
  id: z.number().int(),
  categoryName: z.string(),
  /** the category's English name (service_categories.name_en), for English screens */
  categoryNameEn: z.string(),
  orgName: z.string(),
  status: z.enum(requestStatuses),
  description: z.string(),
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  provisional: z.boolean(),
  overdue: z.boolean(),
  result: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  canRate: z.boolean(),
  events: z.array(z.object({ at: z.string(), action: z.string() })),
});
export type PublicRequest = z.infer<typeof publicRequestSchema>;
export const publicRequestCreatedSchema = z.object({ request: publicRequestSchema, followToken: z.string() });
export type PublicRequestCreated = z.infer<typeof publicRequestCreatedSchema>;

export const requestEventSchema = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  note: z.string(),
});

export const serviceRequestSchema = z.object({
  id: z.number().int(),
  categoryCode: z.string(),
  categoryName: z.string(),
  /** the category's English name (service_categories.name_en), for English screens */
  categoryNameEn: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  channel: z.enum(requestChannels),
  status: z.enum(requestStatuses),
  description: z.string(),
  requesterName: z.string(),
  /** masked (138****1234) */
  requesterPhone: z.string(),
  /** the enterprise the request is about (staff-named), or null */
  enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  stationId: z.number().int().nullable(),
  receivedAt: z.string(),
  receivedOn: z.string(),
  /** Asia/Shanghai date; null while paused */
  dueOn: z.string().nullable(),
  provisional: z.boolean(),
  overdue: z.boolean(),
  ownerUserId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  transfer: z.object({ toOrgId: z.number().int(), toOrgName: z.string(), reason: z.string(), state: z.enum(transferStates), handlerUserId: z.number().int().nullable() }).nullable(),
  extension: z.object({ workingDays: z.number().int(), reason: z.string() }).nullable(),
  escalatedToOrgId: z.number().int().nullable(),
  escalatedToOrgName: z.string().nullable(),
  result: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  onTime: z.boolean().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  events: z.array(requestEventSchema),
  /** the rights case opened from this request (机制三), or null */
  rightsCaseId: z.number().int().nullable(),
});
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const serviceRequestListQuerySchema = z.object({
  status: z.enum(requestStatuses).optional(),
  /** only requests the actor owns (or handles after a transfer) */
  mine: boolQuery.optional(),
  overdue: boolQuery.optional(),
  orgId: recordIdQuery.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const serviceRequestListResponseSchema = z.object({ items: z.array(serviceRequestSchema.omit({ events: true, rightsCaseId: true })) });
export type ServiceRequestListItem = z.infer<typeof serviceRequestListResponseSchema>['items'][number];

export const transferBodySchema = z.object({ toOrgId: recordIdSchema, reason: text(500) });
export const pauseBodySchema = z.object({ reason: text(500) });
export const extendBodySchema = z.object({ workingDays: z.number().int().min(1).max(30), reason: text(500) });
export const closeBodySchema = z.object({ result: text(2000) });
export const ratingBodySchema = z.object({ score: z.number().int().min(1, { message: 'rating.score' }).max(5, { message: 'rating.score' }), comment: z.string().trim().max(500).default('') });

/** A phone shown in clear on request (the requester's, a rights case party's): the reveal is audit-logged. */
export const revealedPhoneSchema = z.object({ phone: z.string() });

/** Rating by the SMS link: the token instead of a session. */
export const linkRatingBodySchema = ratingBodySchema.extend({ token: requestTokenSchema });

/** Cockpit figures of a unit's subtree (requests received there or escalated to it). */
export const requestFiguresSchema = z.object({
  orgId: z.number().int(),
  received: z.number().int(),
  resolved: z.number().int(),
  /** of the resolved, share resolved on or before the due date (0…1; null when none) */
  onTimeRate: z.number().nullable(),
  /** median working days from receipt to resolution (null when none) */
  medianWorkingDays: z.number().nullable(),
  /** mean rating 1–5 of the rated (null when none) */
  satisfaction: z.number().nullable(),
  /** open requests past their due date, today (Asia/Shanghai) */
  overdueNow: z.number().int(),
  /** service positions of the subtree: all, by level and by 验收 state */
  positions: z.object({
    total: z.number().int(),
    byLevel: z.record(z.enum(stationLevels), z.number().int()),
    byAcceptance: z.record(z.enum(acceptanceStates), z.number().int()),
  }),
  /** the same figures per child unit (its subtree), in id order, at most 200 (the cockpit's 服务 tab) */
  children: z.array(z.object({
    org: z.object({ id: z.number().int(), name: z.string() }),
    received: z.number().int(),
    resolved: z.number().int(),
    onTimeRate: z.number().nullable(),
    medianWorkingDays: z.number().nullable(),
    satisfaction: z.number().nullable(),
    overdueNow: z.number().int(),
    positions: z.number().int(),
    /** positions that passed 验收 */
    acceptedPositions: z.number().int(),
  })),
});
export type RequestFigures = z.infer<typeof requestFiguresSchema>;
export const requestFiguresQuerySchema = z.object({ orgId: recordIdQuery });

const shanghaiClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const ISO_WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Whether a position is open at `now` by its hours, read on the Asia/Shanghai clock (错时服务 included). */
export function isOpenAt(hours: OpeningHours, now: Date): boolean {
  const parts = Object.fromEntries(shanghaiClock.formatToParts(now).map((p) => [p.type, p.value]));
  const weekday = ISO_WEEKDAY[parts.weekday ?? ''] ?? 0;
  const time = `${parts.hour}:${parts.minute}`;
  return hours.some((h) => h.weekdays.includes(weekday) && time >= h.open && time < h.close);
}

/** Streets with the fewest positions per 10,000 workers (employees of the street's enterprises), fewest first. */
export const stationGapsQuerySchema = z.object({ orgId: recordIdQuery, limit: z.coerce.number().int().min(1).max(100).default(20) });
export const stationGapsResponseSchema = z.object({
  items: z.array(z.object({
    orgId: z.number().int(), name: z.string(), stations: z.number().int(), workers: z.number().int(),
    /** positions per 10,000 workers, 2 decimals; null when the street has no recorded workers */
    per10k: z.number().nullable(),
  })),
});

/** An owner leaving hands all their open requests to a colleague (首问负责 moves explicitly, never by default). */
export const handoverBodySchema = z.object({ toUserId: recordIdSchema });
export const handoverResponseSchema = z.object({ moved: z.number().int() });

// ---------------------------------------------------------------- service lists

/** 服务清单 / 责任清单 / 资源清单 (DOMAIN.md §3: the street's sub-centre keeps all three). */
export const serviceListKinds = ['service', 'responsibility', 'resource'] as const;
export type ServiceListKind = (typeof serviceListKinds)[number];

export const serviceItemSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int().nullable(),
  list: z.enum(serviceListKinds),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  templateId: z.number().int().nullable(),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const serviceListsQuerySchema = z.object({ orgId: recordIdQuery });
export const serviceListsResponseSchema = z.object({
  /** the city's templates, each marked when the unit has adopted it */
  templates: z.array(serviceItemSchema.extend({ adopted: z.boolean() })),
  /** the unit's own list: adopted templates and its own items */
  items: z.array(serviceItemSchema),
});
export const serviceItemInputSchema = z.object({
  orgId: recordIdSchema,
  list: z.enum(serviceListKinds),
  category: text(40),
  title: text(100),
  description: z.string().trim().max(1000).default(''),
  /** adopting a city template */
  templateId: recordIdSchema.optional(),
});
