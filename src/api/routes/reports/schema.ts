/**
 * @module api/routes/reports/schema
 * Parameters of the report routes. Strict: an unknown or malformed parameter is a 400 naming it.
 */
import { z } from '@hono/zod-openapi';
import { FRONTEX_ROUTES, type FrontexRoute } from '../../../domain/partnerships/partnership-routes.ts';

export const ZReportParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, description: 'The partnership\'s id, or its code', example: 'eu-tn-mou' }),
});

export const ZMonthlyReportQuery = z.strictObject({
  month: z.string().regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM').describe('The month reported, YYYY-MM').openapi({ example: '2023-09' }),
  format: z.enum(['html', 'pdf']).optional().describe('html or pdf (or send Accept: text/html or application/pdf; default html)'),
  route: z.string().max(300)
    .refine((v) => v.split(',').every((r) => (FRONTEX_ROUTES as readonly string[]).includes(r.trim())), `comma-separated Frontex routes: ${FRONTEX_ROUTES.join(', ')}`)
    .transform((v) => v.split(',').map((r) => r.trim()) as FrontexRoute[])
    .optional().describe('Frontex routes to follow instead of the partnership\'s own, comma-separated'),
});
