/** Matching addresses to the route table. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ROUTES } from '../routes.ts';
import { matchPath, pathOf, resolveRoute } from './match.ts';

describe('matchPath', () => {
  it('takes parameters and ignores a trailing slash', () => {
    assert.deepEqual(matchPath('/countries/:code', '/countries/TR/'), { code: 'TR' });
    assert.deepEqual(matchPath('/', '/'), {});
    assert.equal(matchPath('/countries/:code', '/countries'), null);
    assert.equal(matchPath('/law', '/law/assess'), null);
    assert.equal(matchPath('/countries/:code', '/countries/%E0%A4%A'), null);
  });

  it('gives back the parameters pathOf put in, whatever they are', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (code) => matchPath('/countries/:code', pathOf('/countries/:code', { code }))?.code === code));
  });
});

describe('the route table', () => {
  it('resolves every screen\'s address to that screen, and one address to one screen', () => {
    assert.equal(resolveRoute(ROUTES, '/law/assess')?.route.id, 'law-assess');
    assert.deepEqual(resolveRoute(ROUTES, '/countries/IT')?.params, { code: 'IT' });
    assert.equal(resolveRoute(ROUTES, '/nowhere'), null);
    assert.equal(new Set(ROUTES.map((r) => r.path)).size, ROUTES.length);
    assert.deepEqual(ROUTES.filter((r) => r.public).map((r) => r.id), ['signin', 'signin-callback']);
  });
});
