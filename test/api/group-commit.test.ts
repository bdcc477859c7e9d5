/**
 * Group commit of case registrations (api/group-commit.ts): a tenant's registrations that arrive
 * together are written in one transaction, each with its own case number, audit event, answer and
 * refusal; tenants never share a transaction; a failed transaction is retried request by request.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { GroupCommit, type BatchRequest } from '../../src/api/group-commit.ts';
import { caseOpeningBatches } from '../../src/api/routes/cases/routes.ts';
import type { WriteResult } from '../../src/api/write.ts';
import type { Actor } from '../../src/domain/access/roles.ts';
import { verifyChains } from '../../src/domain/audit/verify-chain.ts';
import { openCase, openCases, type OpenCaseInput, type OpenedCase } from '../../src/domain/cases/open-case.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { seedDemoUsers } from '../../src/seed/demo-users.ts';
import { inTenant } from '../../src/storage/transaction.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../support/storage.ts';

const TENANTS = ['IT', 'GR', 'ES'] as const;

function caseworker(tenantId: string): Actor {
  return { id: `${tenantId.toLowerCase()}-caseworker`, displayName: `Caseworker (${tenantId})`, tenantId, unitId: 'asylum', roles: ['caseworker'] };
}

/** A registration with a person of its own (varied names and birth dates, so no two look alike). */
function registration(i: number): OpenCaseInput {
  const birth = new Date(Date.UTC(1960, 0, 1) + i * 7_919 * 86_400_000 % (50 * 365 * 86_400_000)).toISOString().slice(0, 10);
  return { kind: 'asylum', person: { givenNames: `Given${i}x${i * 31}`, familyName: `Family${i * 17}q`, nationality: 'SY', birthDate: birth, sex: 'F' } } as OpenCaseInput;
}

async function referencesOf(storage: TestStorage, tenantId: string): Promise<number[]> {
  const rows = await storage.db.selectFrom('cases').select('reference').where('tenant_id', '=', tenantId).execute();
  return rows.map((r) => Number(r.reference.split('-').pop())).sort((a, b) => a - b);
}

async function openedEvents(storage: TestStorage, tenantId: string) {
  return storage.db.selectFrom('audit_events').select(['entity_id', 'actor_id', 'request_id', 'data'])
    .where('tenant_id', '=', tenantId).where('action', '=', 'case.opened').execute();
}

describe(`group commit of registrations on ${ENGINE}`, () => {
  describe('over HTTP', () => {
    let t: TestProduct;
    before(async () => { t = await startTestProduct(); });
    after(() => t.close());

    it('writes a burst of one tenant in fewer transactions, each request answered as if alone', async () => {
      const existing = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ person: { givenNames: 'Yusuf', familyName: 'Benali', nationality: 'MA', birthDate: '1994-03-02', sex: 'M' } }) });
      assert.equal(existing.status, 201);
      const before = await referencesOf(t.storage, 'IT');
      type Sent = { user: string; body: unknown; expect: number; code?: string };
      const sent: Sent[] = [];
      for (let i = 0; i < 36; i++) {
        const user = i % 2 === 0 ? 'it-caseworker' : 'it-supervisor';
        if (i % 9 === 4) sent.push({ user, body: { kind: 'asylum', personId: randomUUID() }, expect: 400, code: 'VALIDATION_FAILED' });
        else if (i % 9 === 7) {
          sent.push({ user, body: { kind: 'asylum', onDuplicate: 'refuse', person: { givenNames: 'Youssef', familyName: 'Ben Ali', nationality: 'MA', birthDate: '1994-03-02', sex: 'M' } }, expect: 409, code: 'DUPLICATE_SUSPECTED' });
        } else sent.push({ user, body: { ...registration(i) }, expect: 201 });
      }
      for (let i = 0; i < 8; i++) sent.push({ user: 'gr-caseworker', body: { ...registration(100 + i) }, expect: 201 });
      // The same person registered by two officers in the same burst: the later one is told of the earlier.
      const twin = { givenNames: 'Karim', familyName: 'Haddad', nationality: 'DZ', birthDate: '1988-07-14', sex: 'M' };
      const twins = [sent.length, sent.length + 1];
      sent.push({ user: 'it-caseworker', body: { kind: 'asylum', person: twin }, expect: 201 }, { user: 'it-supervisor', body: { kind: 'asylum', person: { ...twin, givenNames: 'Kareem' } }, expect: 201 });
      const answers = await Promise.all(sent.map((s) => t.call(s.user, 'POST', '/api/cases', { body: s.body })));
      const accepted: Array<{ id: string; reference: string; user: string; requestId: string | null; tenant: string }> = [];
      const bodies: Array<{ personId: string; duplicates?: Array<{ personId: string }> }> = [];
      for (const [i, response] of answers.entries()) {
        const body = await response.json() as { id: string; reference: string; code?: string; tenantId: string; personId: string };
        bodies[i] = body;
        assert.equal(response.status, sent[i]!.expect, JSON.stringify(body));
        if (sent[i]!.code) assert.equal(body.code, sent[i]!.code);
        else accepted.push({ id: body.id, reference: body.reference, user: sent[i]!.user, requestId: response.headers.get('x-request-id'), tenant: body.tenantId });
      }
      const [a, b] = twins.map((i) => bodies[i]!);
      const told = [a!.duplicates ?? [], b!.duplicates ?? []].map((list) => list.map((d) => d.personId));
      assert.deepEqual(told.map((list) => list.length).sort(), [0, 1], `exactly one twin is told of the other: ${JSON.stringify(told)}`);
      assert.ok(told[0]!.includes(b!.personId) || told[1]!.includes(a!.personId));
      // Accepted registrations took consecutive numbers after the last one; refused ones took none.
      const italian = accepted.filter((a) => a.tenant === 'IT');
      assert.deepEqual(await referencesOf(t.storage, 'IT'), [...before, ...italian.map((_, k) => before.at(-1)! + k + 1)]);
      assert.deepEqual(await referencesOf(t.storage, 'GR'), accepted.filter((a) => a.tenant === 'GR').map((_, k) => k + 1));
      // Each case has exactly one case.opened event, by the user who asked, with that request's id.
      const events = new Map((await openedEvents(t.storage, 'IT')).map((e) => [e.entity_id, e]));
      for (const a of italian) {
        const event = events.get(a.id);
        assert.ok(event, `case ${a.reference} has its event`);
        assert.equal(event.actor_id, a.user);
        if (a.requestId) assert.equal(event.request_id, a.requestId);
        assert.equal((event.data as { reference: string }).reference, a.reference);
      }
      assert.ok((await verifyChains({ db: t.storage.db })).every((r) => r.ok), 'every chain verifies');
      // Fewer transactions than requests: the metrics show the batches.
      const metrics = await (await t.call(null, 'GET', '/metrics')).text();
      const count = Number(/^waypoint_write_batch_size_count (\d+)/m.exec(metrics)?.[1]);
      const sum = Number(/^waypoint_write_batch_size_sum (\d+)/m.exec(metrics)?.[1]);
      assert.equal(sum, 1 + sent.length, 'every request went through a batch');
      assert.ok(count < sum, `${sum} requests in ${count} transactions`);
    });
  });

  describe('the batcher', () => {
    let storage: TestStorage;
    before(async () => { storage = await openTestStorage(); await seedDemoUsers(storage.db); });
    after(() => storage.close());

    it('retries each request alone when the batch transaction fails, so only the failing one fails', async () => {
      let transactions = 0;
      const batches = new GroupCommit<OpenCaseInput>({
        db: storage.db, maxBatch: 64,
        work: async (tx, tenantId, requests) => {
          transactions++;
          if (requests.some((r) => r.input.reason === 'poison')) throw new Error('the database failed');
          const outcomes = await openCases({ tx, tenantId, items: requests });
          return outcomes.map((o): WriteResult | DomainError => ('refused' in o ? o.refused : { status: 201, body: o.opened }));
        },
      });
      const actor = caseworker('ES');
      const before = await referencesOf(storage, 'ES');
      const requests: Array<BatchRequest<OpenCaseInput>> = Array.from({ length: 6 }, (_, i) => ({
        actor, requestId: `req-${i}`, idempotency: null, input: { ...registration(200 + i), reason: i === 3 ? 'poison' : null },
      }));
      const outcomes = await Promise.allSettled(requests.map((r) => batches.submit(r)));
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 5);
      const failed = outcomes[3]!;
      assert.equal(failed.status, 'rejected');
      assert.match(String((failed as PromiseRejectedResult).reason), /the database failed/);
      assert.ok(transactions >= 1 + 6, 'the failed batch, then each request alone');
      assert.deepEqual(await referencesOf(storage, 'ES'), [...before, ...[1, 2, 3, 4, 5].map((k) => (before.at(-1) ?? 0) + k)]);
      const requestIds = (await openedEvents(storage, 'ES')).map((e) => e.request_id).sort();
      assert.deepEqual(requestIds, ['req-0', 'req-1', 'req-2', 'req-4', 'req-5']);
    });

    it('checks a registration that waited for the chain head against what the holder committed', async () => {
      // Two transactions (two server processes, or the API beside an import) register one person at
      // the same moment: the second waits for the first's chain-head lock, and must then see its person.
      const actor = caseworker('IT');
      const person = { givenNames: 'Samir', familyName: 'Oufkir', nationality: 'MA', birthDate: '1979-11-30', sex: 'M' } as const;
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let earlier: OpenedCase | null = null;
      const first = inTenant(storage.db, { tenantId: 'IT' }, async (tx) => {
        earlier = await openCase({ tx, actor, input: { kind: 'asylum', person } });
        await held; // the head stays locked and the person uncommitted until released
      });
      while (!earlier) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = inTenant(storage.db, { tenantId: 'IT' }, (tx) => openCase({ tx, actor, input: { kind: 'asylum', person: { ...person, givenNames: 'Samyr' } } }));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the second is now waiting
      release();
      await first;
      const later = await second;
      assert.deepEqual(later.duplicates.map((d) => d.personId), [(earlier as OpenedCase).personId]);
    });

    it('numbers, chains and refuses per request whatever the batches (property)', async () => {
      await fc.assert(fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ tenant: fc.constantFrom(...TENANTS), valid: fc.boolean() }), { minLength: 1, maxLength: 24 }),
        async (maxBatch, plan) => {
          const batches = caseOpeningBatches({ db: storage.db, maxBatch });
          const before = Object.fromEntries(await Promise.all(TENANTS.map(async (tenant) => [tenant, await referencesOf(storage, tenant)] as const)));
          const seed = Math.floor(Math.random() * 1e6);
          const outcomes = await Promise.allSettled(plan.map(({ tenant, valid }, i) => batches.submit({
            actor: caseworker(tenant), requestId: null, idempotency: null,
            input: valid ? registration(seed + i) : { kind: 'asylum', personId: randomUUID() } as OpenCaseInput,
          })));
          for (const [i, outcome] of outcomes.entries()) {
            if (plan[i]!.valid) assert.equal(outcome.status, 'fulfilled', String((outcome as PromiseRejectedResult).reason));
            else assert.equal((outcome as PromiseRejectedResult).reason?.code, 'VALIDATION_FAILED');
          }
          for (const tenant of TENANTS) {
            const added = plan.filter((p) => p.tenant === tenant && p.valid).length;
            const last = before[tenant]!.at(-1) ?? 0;
            assert.deepEqual(await referencesOf(storage, tenant), [...before[tenant]!, ...Array.from({ length: added }, (_, k) => last + k + 1)]);
          }
          assert.ok((await verifyChains({ db: storage.db })).every((r) => r.ok));
        }), { numRuns: ENGINE === 'pglite' ? 12 : 25 });
    });
  });
});
