/**
 * @module domain/registries/fields
 * The field schemas registry kinds are built from: dates, country and Member State codes, sources
 * (a document with its URL: every typed-in fact carries one, so it can be shown to an applicant and a
 * court, as C-758/24 Alace and Canpelli requires of designations), notes and the `verified` flag.
 * Objects are strict: an unknown field is refused, never ignored.
 */
import { z } from 'zod';
import { normaliseCountry } from '../../lib/country-codes.ts';
import { MEMBER_STATE_CODES, TENANT_CODES } from '../tenants/tenants.ts';

/**
 * Text PostgreSQL cannot store faithfully: NUL (refused by `text` and `jsonb`) and unpaired UTF-16
 * surrogates (stored as U+FFFD, which would break the hash of the audit event that recorded the
 * original string). The same rule as the API's `text()`; the domain keeps its own copy because it
 * validates imported files that never pass through the API's schemas.
 */
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string PostgreSQL stores as given. Chain `.trim()`, `.min()`, `.max()`. */
export function safeText() {
  return z.string().refine((value) => !UNSAFE_TEXT.test(value), 'must not contain NUL characters or unpaired surrogates');
}

export const ZDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');

/** ISO 3166-1 alpha-2 (and XK for Kosovo, as the EU and Eurostat use it); EL/UK are read as GR/GB. */
export const ZCountryCode = z.string()
  .regex(/^[A-Z]{2}$/, { message: 'ISO 3166-1 alpha-2 code in capitals', abort: true })
  .refine((code) => normaliseCountry(code) !== null, 'unknown country code')
  .transform((code) => normaliseCountry(code)!)
  .describe('ISO 3166-1 alpha-2 (XK for Kosovo; EL/UK accepted for GR/GB)');

/** One of the 27 Member States (GR, not Eurostat's EL, which is accepted and converted). */
export const ZMemberStateCode = z.string()
  .regex(/^[A-Z]{2}$/, { message: 'Member State code in capitals', abort: true })
  .refine((code) => MEMBER_STATE_CODES.has(normaliseCountry(code) ?? ''), 'not an EU Member State')
  .transform((code) => normaliseCountry(code)!)
  .describe('EU Member State, ISO 3166-1 alpha-2');

/** Only web addresses: a source must open in a browser (no `javascript:` or `file:` links). */
export const ZUrl = z.url({ protocol: /^https?$/, message: 'an http(s) address' }).max(2000);

export const ZSource = z.strictObject({
  title: safeText().trim().min(3).max(500).describe('What the document is: act, article, page title'),
  url: ZUrl,
  date: ZDate.nullable().default(null).describe('Date of the document, when known'),
}).describe('A document a fact rests on');
export type Source = z.infer<typeof ZSource>;

export const ZSources = z.array(ZSource).min(1).max(20);

export const ZNote = safeText().trim().min(1).max(4000).nullable().default(null);

export const ZVerified = z.boolean()
  .describe('Whether the fact was checked against the sources cited (false: typed in from a secondary mention, to be checked)');

/** A dated period: `to` is the last day it holds, or null while it lasts. */
export const ZPeriodFields = {
  from: ZDate.describe('First day'),
  to: ZDate.nullable().default(null).describe('Last day, or null while it lasts'),
};

/**
 * A record's code: lower-case words joined by hyphens (`eu-tr-statement`, `al-gjader`), stable, used as
 * the natural key of the kinds that have no better one and as the id other records and the law engine
 * name it by.
 */
export const ZCode = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters and digits in words joined by hyphens')
  .min(2).max(60).describe('Stable code: lower-case words joined by hyphens');

/** The tenant a record belongs to (a Member State, COM, an agency or a partner organisation). */
export const ZTenantCode = z.string().regex(/^[A-Z]{2,10}$/, { message: 'a tenant code in capitals', abort: true })
  .refine((code) => TENANT_CODES.has(code), 'not a tenant of Waypoint (a Member State code, COM, FRONTEX, EUAA, FRA, UNHCR or IOM)')
  .describe('A tenant: Member State code, COM, FRONTEX, EUAA, FRA, UNHCR or IOM');

/** An amount of money in whole units of an ISO 4217 currency (EUR 105 million is `{ amount: 105000000, currency: 'EUR' }`). */
export const ZMoney = z.strictObject({
  amount: z.number().nonnegative().max(1e13).describe('Whole or decimal units of the currency'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code in capitals').describe('ISO 4217, e.g. EUR'),
}).describe('An amount and its currency');
export type Money = z.infer<typeof ZMoney>;

/**
 * What in a record was not checked against its sources: the field and why. The record's `verified`
 * says whether its core facts (parties, dates, legal form) were checked; this list names the rest,
 * so that a reader sees which figure is a secondary report.
 */
export const ZUnverified = z.array(z.strictObject({
  field: safeText().trim().min(1).max(200).describe('The field or fact, as a path or in words'),
  note: safeText().trim().min(3).max(1000).describe('What is unverified and why'),
})).max(50).default([]).describe('Facts of the record not checked against a primary source');
