import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@lianxin/db';
import {
  calendarPutSchema, handoverBodySchema, serviceItemInputSchema, serviceItemSchema, serviceListsQuerySchema, serviceListsResponseSchema, handoverResponseSchema, stationGapsQuerySchema, stationGapsResponseSchema, calendarResponseSchema, calendarYearParamSchema, closeBodySchema, dueQuerySchema, dueResponseSchema, extendBodySchema, idParamSchema,
  memberRequestCreateSchema, nearestQuerySchema, nearestResponseSchema, pauseBodySchema, ratingBodySchema, requestFiguresQuerySchema, requestFiguresSchema,
  serviceCategoriesResponseSchema, serviceRequestCreateSchema, serviceRequestListQuerySchema, serviceRequestListResponseSchema, serviceRequestSchema,
  linkRatingBodySchema, revealedPhoneSchema, publicRequestCreatedSchema, publicRequestCreateSchema, publicRequestSchema, requestCodeRequestSchema, requestTokenBodySchema,
  stationInputSchema, stationListQuerySchema, stationListResponseSchema, stationPatchSchema, stationSchema, transferBodySchema,
} from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { calendarYear, dueFrom, putCalendarYear } from './calendar.service.ts';
import {
  acceptRequest, closeRequest, createMemberRequest, createRequest, extendRequest, memberRequestDetail, memberRequests, pauseRequest, rateRequest,
  handOver, requestDetail, revealRequesterPhone, requestFigures, requestList, resumeRequest, transferRequest,
} from './requests.service.ts';
import { issueCode, perPhoneRateLimit } from '../phone-verification/phone-verification.service.ts';
import { createPublicRequest, rateByLink, requestByToken } from './requests.public.ts';
import { addServiceItem, removeServiceItem, serviceLists } from './service-lists.service.ts';
import { createStation, findNearest, patchStation, stationDetail, stationGaps, stationList } from './stations.service.ts';

const tags = ['services'];
const publicLimit = { rateLimit: { max: 120, timeWindow: 60_000 } };

/** 机制二 routes: the working-day calendar, service positions, categories and service requests. */
export const servicesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/calendar/due', {
    schema: { tags, description: 'The N-th working day after `from` on the official calendar; provisional when it counts a day of an unentered year.', querystring: dueQuerySchema, response: { 200: dueResponseSchema } },
    config: { ...publicLimit, access: access.public },
  }, async (request) => dueFrom(app.db, request.query.from, request.query.workingDays));

  app.get('/api/calendar/:year', {
    schema: { tags, description: 'A year\'s exceptions to Monday–Friday (holidays, 调休 working days) and whether the year is entered.', params: calendarYearParamSchema, response: { 200: calendarResponseSchema } },
    config: { ...publicLimit, access: access.public },
  }, async (request) => calendarYear(app.db, request.params.year));

  app.put('/api/calendar/:year', {
    schema: { tags, params: calendarYearParamSchema, body: calendarPutSchema, response: { 200: calendarResponseSchema } },
    config: { access: access.staffWrite('calendar.edit') },
  }, async (request) => putCalendarYear(serviceContext(request), request.params.year, request.body));

  app.get('/api/service-categories', {
    schema: { tags, response: { 200: serviceCategoriesResponseSchema } },
    config: { ...publicLimit, access: access.public },
  }, async (request) => {
    const en = request.locale === 'en';
    const rows = await queryRows<{ code: string; nameZh: string; nameEn: string; workingDays: number }>(app.db, sql`
      select code, name_zh as "nameZh", name_en as "nameEn", working_days as "workingDays" from service_categories order by sort, code`);
    return { items: rows.map((r) => ({ code: r.code, name: en ? r.nameEn : r.nameZh, workingDays: r.workingDays })) };
  });

  app.get('/api/stations/nearest', {
    schema: { tags, description: 'Accepted service positions nearest a WGS-84 point, nearest first; distanceM in great-circle metres.', querystring: nearestQuerySchema, response: { 200: nearestResponseSchema } },
    config: { ...publicLimit, access: access.public },
  }, async (request) => ({ items: await findNearest(app.db, request.query, new Date()) }));

  app.get('/api/stations', {
    schema: { tags, querystring: stationListQuerySchema, response: { 200: stationListResponseSchema } },
    config: { access: access.staffRead() },
  }, async (request) => stationList(serviceContext(request), request.query));

  app.get('/api/stations/gaps', {
    schema: { tags, description: 'Streets of a unit with the fewest accepted positions per 10,000 workers, fewest first.', querystring: stationGapsQuerySchema, response: { 200: stationGapsResponseSchema } },
    config: { access: access.staffRead() },
  }, async (request) => stationGaps(serviceContext(request), request.query.orgId, request.query.limit));

  app.get('/api/stations/:id', {
    schema: { tags, params: idParamSchema, response: { 200: stationSchema } },
    config: { access: access.staffRead() },
  }, async (request) => stationDetail(serviceContext(request), request.params.id));

  app.post('/api/stations', {
    schema: { tags, body: stationInputSchema, response: { 201: stationSchema } },
    config: { access: access.staffWrite() },
  }, async (request, reply) => reply.status(201).send(await createStation(serviceContext(request), request.body)));

  app.patch('/api/stations/:id', {
    schema: { tags, params: idParamSchema, body: stationPatchSchema, response: { 200: stationSchema } },
    config: { access: access.staffWrite() },
  }, async (request) => patchStation(serviceContext(request), request.params.id, request.body));

  app.get('/api/service-lists', {
    schema: { tags, description: 'A unit\'s 服务清单 / 责任清单 / 资源清单 and the city\'s templates it may adopt.', querystring: serviceListsQuerySchema, response: { 200: serviceListsResponseSchema } },
    config: { access: access.staffRead() },
  }, async (request) => serviceLists(serviceContext(request), request.query.orgId));

  app.post('/api/service-lists/items', {
    schema: { tags, body: serviceItemInputSchema, response: { 201: serviceItemSchema } },
    config: { access: access.staffWrite() },
  }, async (request, reply) => reply.status(201).send(await addServiceItem(serviceContext(request), request.body)));

  app.delete('/api/service-lists/items/:id', {
    schema: { tags, params: idParamSchema },
    config: { access: access.staffWrite() },
  }, async (request, reply) => {
    await removeServiceItem(serviceContext(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/service-requests', {
    schema: {
      tags, description: 'A request taken by staff (首问负责: at a station or by the hotline the recorder owns it; h5 waits in the queue). The same request saved again within 10 minutes answers the first with 200.',
      body: serviceRequestCreateSchema, response: { 200: serviceRequestSchema, 201: serviceRequestSchema },
    },
    config: { access: access.staffWrite() },
  }, async (request, reply) => {
    const { request: taken, created } = await createRequest(serviceContext(request), request.body);
    return reply.status(created ? 201 : 200).send(taken);
  });

  app.get('/api/service-requests', {
    schema: { tags, querystring: serviceRequestListQuerySchema, response: { 200: serviceRequestListResponseSchema } },
    config: { access: access.staffRead() },
  }, async (request) => ({ items: await requestList(serviceContext(request), request.query) }));

  app.get('/api/service-requests/figures', {
    schema: { tags, description: 'Cockpit figures of a unit\'s subtree and of each child unit (at most 200), with the service positions by level and 验收 state.', querystring: requestFiguresQuerySchema, response: { 200: requestFiguresSchema } },
    config: { access: access.staffRead() },
  }, async (request) => requestFigures(serviceContext(request), request.query.orgId));

  app.get('/api/service-requests/:id', {
    schema: { tags, params: idParamSchema, response: { 200: serviceRequestSchema } },
    config: { access: access.staffRead() },
  }, async (request) => requestDetail(serviceContext(request), request.params.id));

  app.post('/api/service-requests/:id/requester-phone', {
    schema: { tags, description: 'The requester\'s phone in clear, for staff whose scope sees the request (to call back); audit-logged.', params: idParamSchema, response: { 200: revealedPhoneSchema } },
    config: { access: access.staffWrite() },
  }, async (request) => revealRequesterPhone(serviceContext(request), request.params.id));

  app.post('/api/service-requests/handover', {
    schema: { tags, description: 'An owner leaving hands all their open requests to a colleague of their scope.', body: handoverBodySchema, response: { 200: handoverResponseSchema } },
    config: { access: access.staffWrite() },
  }, async (request) => handOver(serviceContext(request), request.body.toUserId));

  const action = { tags, params: idParamSchema, response: { 200: serviceRequestSchema } };
  app.post('/api/service-requests/:id/accept', { schema: action, config: { access: access.staffWrite() } },
    async (request) => acceptRequest(serviceContext(request), request.params.id));
  app.post('/api/service-requests/:id/transfer', { schema: { ...action, body: transferBodySchema }, config: { access: access.staffWrite() } },
    async (request) => transferRequest(serviceContext(request), request.params.id, request.body));
  app.post('/api/service-requests/:id/pause', { schema: { ...action, body: pauseBodySchema }, config: { access: access.staffWrite() } },
    async (request) => pauseRequest(serviceContext(request), request.params.id, request.body.reason));
  app.post('/api/service-requests/:id/resume', { schema: action, config: { access: access.staffWrite() } },
    async (request) => resumeRequest(serviceContext(request), request.params.id));
  app.post('/api/service-requests/:id/extend', { schema: { ...action, body: extendBodySchema }, config: { access: access.staffWrite('requests.approveExtension') } },
    async (request) => extendRequest(serviceContext(request), request.params.id, request.body));
  app.post('/api/service-requests/:id/close', { schema: { ...action, body: closeBodySchema }, config: { access: access.staffWrite() } },
    async (request) => closeRequest(serviceContext(request), request.params.id, request.body.result));

  app.post('/api/service-requests/:id/rating', {
    schema: { tags, description: 'The requester rates a resolved request (H5, signed in).', params: idParamSchema, body: ratingBodySchema, response: { 200: serviceRequestSchema } },
    config: { access: access.member },
  }, async (request) => rateRequest(serviceContext(request), request.params.id, request.body));

  // the H5 without an account (issue 11): a one-time code, the request, then link tokens to follow and rate it
  app.post('/api/service-requests/code', {
    schema: { tags, description: 'Sends a one-time code to a requester\'s phone (no account); POST /api/service-requests/public carries it as phoneCode.', body: requestCodeRequestSchema, response: { 202: z.object({ sent: z.literal(true) }) } },
    config: { ...perPhoneRateLimit(5), access: access.public },
  }, async (request, reply) => {
    await issueCode(app.db, app.keys, request.body.phone, 'service_request', { address: request.ip, codesPerAddressPerHour: app.config.smsCodesPerAddressPerHour });
    void app.flushNotifications();
    return reply.status(202).send({ sent: true as const });
  });

  app.post('/api/service-requests/public', {
    schema: {
      tags, description: 'A request from the H5 without signing in, with the phone\'s one-time code; into the queue of the position\'s (or the named) union. Answers a follow link token; the same body again within 10 minutes answers the first with 200.',
      body: publicRequestCreateSchema, response: { 200: publicRequestCreatedSchema, 201: publicRequestCreatedSchema },
    },
    config: { access: access.public, rateLimit: { max: 10, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const { created, ...answer } = await createPublicRequest({ db: app.db, keys: app.keys, ip: request.ip }, request.body);
    void app.flushNotifications();
    return reply.status(created ? 201 : 200).send(answer);
  });

  app.post('/api/service-requests/by-link', {
    schema: { tags, description: 'A request by its follow or rating link token (in the body, never in a URL); no phone, no staff names. 410 for a spent or expired rating link.', body: requestTokenBodySchema, response: { 200: publicRequestSchema } },
    config: { ...publicLimit, access: access.public },
  }, async (request) => requestByToken({ db: app.db, keys: app.keys, ip: request.ip }, request.body.token));

  app.post('/api/service-requests/rate-by-link', {
    schema: { tags, description: 'The requester rates a resolved request by the SMS link, without signing in; the link works once.', body: linkRatingBodySchema, response: { 200: publicRequestSchema } },
    config: { access: access.public, rateLimit: { max: 20, timeWindow: 60_000 } },
  }, async (request) => rateByLink({ db: app.db, keys: app.keys, ip: request.ip }, request.body));

  app.post('/api/me/service-requests', {
    schema: {
      tags, description: 'A member\'s request from the H5; the same request sent again while queued (a double tap, a retry within 10 minutes) answers the first with 200.',
      body: memberRequestCreateSchema, response: { 200: serviceRequestSchema, 201: serviceRequestSchema },
    },
    config: { access: access.member },
  }, async (request, reply) => {
    const { request: created, created: isNew } = await createMemberRequest(serviceContext(request), request.body);
    return reply.status(isNew ? 201 : 200).send(created);
  });

  app.get('/api/me/service-requests', {
    schema: { tags, response: { 200: serviceRequestListResponseSchema } },
    config: { access: access.member },
  }, async (request) => ({ items: await memberRequests(serviceContext(request)) }));

  app.get('/api/me/service-requests/:id', {
    schema: { tags, params: idParamSchema, response: { 200: serviceRequestSchema } },
    config: { access: access.member },
  }, async (request) => memberRequestDetail(serviceContext(request), request.params.id));
};
