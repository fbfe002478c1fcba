import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordIdQuery } from '@lianxin/contracts';
import { writeScope } from '../../access/access.ts';
import { serviceContext } from '../../context.ts';
import { fieldError } from '../../errors.ts';
import { attachment, XLSX_TYPE } from '../../lib/xlsx.ts';
import { memberExportIds, memberExportQuerySchema, sendMemberExport } from './members.export.ts';
import { fileError } from './members.import.ts';
import {
  findBatch, importReport, importStatus, importSummary, importTemplate, ImportStore, startCommit, validateImport,
  type UploadedFile,
} from './members.import.service.ts';
import { access } from '../../access/route-access.ts';

/** The upload limit; @fastify/multipart is registered with the same figure in app.ts. */
export const IMPORT_MAX_MB = 30;

const summarySchema = z.object({
  batchId: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicates: z.number().int(),
  /** the first 100 problems, in the request's language */
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
const statusSchema = z.object({
  batchId: z.string(),
  status: z.enum(['validated', 'committing', 'committed', 'failed']),
  total: z.number().int(),
  valid: z.number().int(),
  processed: z.number().int(),
  committed: z.number().int(),
  message: z.string().optional(),
});
const batchParams = z.object({ batchId: z.string().max(64) });
const orgIdSchema = recordIdQuery;

/** Reads the multipart upload: the `file` part and the `orgId` field, in either order. */
async function readUpload(request: FastifyRequest): Promise<{ orgId: number; file: UploadedFile }> {
  if (!request.isMultipart()) throw fileError('import.fileRequired');
  let orgId: unknown;
  let file: UploadedFile | null = null;
  try {
    for await (const part of request.parts({ limits: { files: 2, fields: 10 } })) {
      if (part.type === 'file') {
        const upload: MultipartFile = part;
        const data = await upload.toBuffer();
        if (upload.fieldname === 'file' && !file) file = { data, filename: upload.filename, mimetype: upload.mimetype };
      } else if (part.fieldname === 'orgId') {
        orgId = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileError('import.fileTooLarge', { max: IMPORT_MAX_MB }, 413);
    throw error;
  }
  const parsedOrg = orgIdSchema.safeParse(orgId);
  if (!parsedOrg.success) throw fieldError('orgId', 'required');
  if (!file || file.data.length === 0) throw fileError('import.fileRequired');
  return { orgId: parsedOrg.data, file };
}

/**
 * Roster import (template, validate, report, commit with progress) and roster export. Validated batches live
 * in this plugin's memory; commits still running when the app closes are awaited.
 */
export const memberImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = new ImportStore();
  app.addHook('onClose', () => store.drain());

  app.get(
    '/api/members/import/template',
    { schema: { tags: ['members'], description: 'The roster template (xlsx) with notes listing the allowed values.' }, config: { access: access.staffRead() } },
    async (request, reply) => {
      serviceContext(request);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment('会员名册导入模板.xlsx')).send(await importTemplate());
    },
  );

  app.post(
    '/api/members/import',
    {
      schema: {
        tags: ['members'],
        description: 'multipart: `file` (xlsx or csv) and `orgId`. Validates every row, writes nothing, keeps the batch for an hour.',
        response: { 200: summarySchema },
      },
      config: { access: access.staffWrite() },
    },
    async (request) => {
      const ctx = serviceContext(request);
      writeScope(ctx.scope); // read-only roles stop here, before the upload is read
      const { orgId, file } = await readUpload(request);
      const batch = await validateImport(ctx, store, orgId, file);
      return importSummary(batch, request.locale);
    },
  );

  app.get(
    '/api/members/import/:batchId',
    { schema: { tags: ['members'], params: batchParams, response: { 200: statusSchema } }, config: { access: access.staffWrite() } },
    async (request) => importStatus(findBatch(serviceContext(request), store, request.params.batchId), request.locale),
  );

  app.get(
    '/api/members/import/:batchId/report.xlsx',
    { schema: { tags: ['members'], params: batchParams, description: 'Per-row report; ID numbers and phones masked.' }, config: { access: access.staffWrite() } },
    async (request, reply) => {
      const batch = findBatch(serviceContext(request), store, request.params.batchId);
      const file = await importReport(batch, request.locale);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment('会员导入校验结果.xlsx')).send(file);
    },
  );

  app.post(
    '/api/members/import/:batchId/commit',
    { schema: { tags: ['members'], params: batchParams, response: { 202: z.object({ batchId: z.string(), status: z.literal('committing') }) } }, config: { access: access.staffWrite() } },
    async (request, reply) => {
      const batch = startCommit(serviceContext(request), store, request.params.batchId, request.log);
      return reply.status(202).send({ batchId: batch.id, status: 'committing' as const });
    },
  );

  app.get(
    '/api/members/export.xlsx',
    { schema: { tags: ['members'], querystring: memberExportQuerySchema, description: 'The members the list shows for the same query (filters, search, sort), as a streamed xlsx, masked; audit-logged. Header x-export-rows: the row count.' }, config: { access: access.staffRead() } },
    async (request, reply) => {
      const ctx = serviceContext(request);
      return sendMemberExport(ctx, reply, await memberExportIds(ctx, request.query));
    },
  );
};
