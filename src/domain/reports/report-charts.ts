/**
 * @module domain/reports/report-charts
 * The charts of a partnership's report, and how its figures are written, shared by the HTML and PDF
 * renderers so that both show the same things the same way.
 */
import type { ChartSpec } from './chart.ts';
import type { PartnershipMonthlyReport } from './monthly-report.ts';

/** A count with thousands separators; an en dash when unknown. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-GB');
}

/** A share as a percentage with one decimal, signed when asked; an en dash when unknown. */
export function percent(value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined) return '–';
  const text = `${(value * 100).toFixed(1)} %`;
  return signed && value > 0 ? `+${text}` : text;
}

export function money(amount: number, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;
}

export interface ReportCharts {
  flows: ChartSpec | null;
  capacity: ChartSpec | null;
  returns: ChartSpec | null;
  deaths: ChartSpec | null;
  funding: ChartSpec | null;
}

/** The charts a report has data for (null where a section has nothing to draw). */
export function reportCharts(r: PartnershipMonthlyReport): ReportCharts {
  const p = r.partnership.title;
  const hasAny = (values: Array<number | null>) => values.some((v) => v !== null);
  const flows = r.flows.byRoute.some((s) => hasAny(s.detections))
    ? {
        title: `Detections on the route${r.flows.routes.length > 1 ? 's' : ''}, ${r.window[0]} to ${r.month}`,
        description: `Frontex detections of illegal border-crossings per month on ${r.flows.routes.join(' and ')}: ${count(r.flows.month)} in ${r.month}, ${count(r.flows.sameMonthLastYear)} in ${r.window[0]}.`,
        unit: 'detections', categories: r.window,
        series: r.flows.byRoute.map((s) => ({ name: s.route, values: s.detections, type: 'bar' as const })),
      }
    : null;
  const capacity = r.capacity.facilities.some((f) => hasAny(f.capacity))
    ? {
        title: `Capacity of the facilities at the end of each month, ${r.window[0]} to ${r.month}`,
        description: `Places in the facilities of ${p}'s mechanisms at each month's end: ${count(r.capacity.total.at(-1))} at the end of ${r.month}.`,
        unit: 'places', categories: r.window,
        series: r.capacity.facilities.map((f) => ({ name: f.name, values: f.capacity, type: 'line' as const })),
      }
    : null;
  const years = r.returns.years;
  const returns = years.length
    ? {
        title: `Orders to leave and returns of citizens of ${r.partnership.partnerName}, ${years[0]!.year}–${years.at(-1)!.year}`,
        description: `Eurostat figures per year: ${years.map((y) => `${y.year}: ${count(y.ordered)} ordered, ${count(y.returned ?? y.returnedThirdCountry)} returned`).join('; ')}.`,
        unit: 'persons', categories: years.map((y) => String(y.year)),
        series: [
          { name: 'ordered to leave', values: years.map((y) => y.ordered), type: 'bar' as const },
          { name: 'returned', values: years.map((y) => y.returned), type: 'bar' as const },
          { name: 'returned to a third country', values: years.map((y) => y.returnedThirdCountry), type: 'bar' as const },
        ].filter((s) => hasAny(s.values)),
      }
    : null;
  const deaths = hasAny(r.deaths.deadAndMissing)
    ? {
        title: `Dead and missing on the route${r.deaths.routes.length > 1 ? 's' : ''}, ${r.window[0]} to ${r.month}`,
        description: `IOM Missing Migrants Project, dead and missing per month on ${r.deaths.routes.join(' and ')}: ${count(r.deaths.month)} in ${r.month}.`,
        unit: 'persons', categories: r.window,
        series: [{ name: 'dead and missing', values: r.deaths.deadAndMissing, type: 'bar' as const }],
      }
    : null;
  const totals = r.funding.totals.filter((t) => t.committed + t.disbursed > 0);
  const funding = totals.length
    ? {
        title: `Funding committed and disbursed up to ${r.to}`,
        description: totals.map((t) => `${money(t.committed, t.currency)} committed, ${money(t.disbursed, t.currency)} disbursed`).join('; '),
        unit: 'amount', categories: totals.map((t) => t.currency),
        series: [
          { name: 'committed', values: totals.map((t) => t.committed), type: 'bar' as const },
          { name: 'disbursed', values: totals.map((t) => t.disbursed), type: 'bar' as const },
        ],
      }
    : null;
  return { flows, capacity, returns, deaths, funding };
}
