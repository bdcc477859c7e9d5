/**
 * @module api/routes/reports/routes
 * Reports: `GET /api/reports/partnerships/{id}/monthly?month=YYYY-MM`, a partnership's monthly
 * monitoring report as an HTML page or a PDF file (`?format=` or the Accept header). It reads the
 * registries (everyone may) and the public statistics (`statistics:read`); nothing is written.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getPartnershipMonthlyReport } from '../../../domain/reports/get-partnership-monthly-report.ts';
import { renderReportHtml } from '../../../domain/reports/render-html.ts';
import { renderReportPdf } from '../../../domain/reports/render-pdf.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, problemResponses } from '../../schemas.ts';
import { ZMonthlyReportQuery, ZReportParams } from './schema.ts';

/** The quality an Accept header gives a media type (RFC 9110 §12.5.1): its own entry, else 0. */
function quality(accept: string, type: string): number {
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    if (range?.trim() !== type) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q ? Number(q.slice(2)) || 0 : 1;
  }
  return 0;
}

/** PDF when asked with `?format=pdf`, or by an Accept header that rates PDF above HTML. */
function wantsPdf(c: Context, format: 'html' | 'pdf' | undefined): boolean {
  if (format) return format === 'pdf';
  const accept = c.req.header('accept') ?? '';
  return quality(accept, 'application/pdf') > quality(accept, 'text/html');
}

export const reportsRoutes = new OpenAPIHono<AppEnv>();

reportsRoutes.openapi(createRoute({
  method: 'get', path: '/api/reports/partnerships/{id}/monthly', tags: ['Reports'], summary: 'A partnership\'s monthly monitoring report (HTML or PDF)', security: bearer,
  description: 'Its mechanisms, the capacity of their facilities over the thirteen months ending with the month, flows on its route (Frontex detections by month, nationalities), returns of its nationals (Eurostat), deaths and missing on the route (IOM), funding pledged, committed and disbursed, each with coverage notes, and the sources. Charts are inline SVG in HTML and vector graphics in PDF. A section without data says what its data covers.',
  request: { params: ZReportParams, query: ZMonthlyReportQuery },
  responses: {
    200: {
      description: 'The report',
      content: {
        'text/html': { schema: z.string().openapi({ description: 'A self-contained, accessible HTML page' }) },
        'application/pdf': { schema: z.string().openapi({ format: 'binary', description: 'An A4 PDF with bookmarks' }) },
      },
    },
    ...problemResponses(400, 404),
  },
}), async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const actor = c.var.actor;
  const db = c.var.services.storage.db;
  const report = await getPartnershipMonthlyReport({ read: (work) => asActor(db, actor, work), db, actor, idOrKey: id, month: query.month, routes: query.route, smallCellMin: c.var.services.config.smallCellMin });
  const name = `waypoint-${report.partnership.code}-${report.month}`;
  if (wantsPdf(c, query.format)) {
    const pdf = await renderReportPdf(report);
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${name}.pdf"` }) as never;
  }
  return c.html(renderReportHtml(report), 200) as never;
});
