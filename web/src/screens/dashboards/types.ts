/**
 * @module web/screens/dashboards/types
 * The statistics API's answers as the dashboards read them (`/api/stats/…`, `/api/stats/case-indicators/…`):
 * the client's side of the contract, written from the OpenAPI document.
 */

export interface StatSource {
  id: string; publisher: string; dataset: string; title: string; file: string; location: string;
  upstream: string | null; retrievedOn: string; licence: string; credit: string;
}

/** Every indicator answer: definition, coverage and provenance next to the rows. */
export interface StatAnswer<T> {
  indicator: string;
  title: string;
  definition: string;
  unit: string;
  caveats: string[];
  coverage: Record<string, unknown>;
  sources: StatSource[];
  items: T[];
  total: number;
  /** Only on case-data indicators: "Waypoint case data". */
  source?: string;
}

export type CellMark = 'suppressed' | 'rounded';

export interface ArrivalRow { month: string; route: string; detections: number }
export interface DeathRow { year: number; route: string; deadAndMissing: number }
export interface RecognitionRow { year: number; citizen: string; geo: string; publisher: string; positive: number; decisions: number; rate: number | null }
export interface ReturnRow { year: number; geo: string; citizen: string; ordered: number | null; returned: number | null; rate: number | null }
export interface MonitorRow {
  country: string; name: string;
  asylumApplications: { year: number; value: number | null; previous: number | null; change: number | null; status: 'met' | 'not-met' | 'no-data' };
  recognitionRate: { rate: number | null; status: 'met' | 'not-met' | 'no-data' };
  grounds: Array<{ ground: string; status: 'met' | 'not-met' | 'incomplete' }>;
}
export interface FacilityUseRow {
  facility: string; name: string; memberState: string; country: string; month: string;
  capacity: number | null; peakOccupied: number | null; personDays: number | null; peakUse: number | null;
  protection?: Record<string, CellMark>;
}
export interface ComplianceRow {
  memberState: string; month: string;
  metOnTime: number | null; metLate: number | null; missed: number | null; openOverdue: number | null; openNotDue: number | null; onTimeRate: number | null;
  protection?: Record<string, CellMark>;
}
