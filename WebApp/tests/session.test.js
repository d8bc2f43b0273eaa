import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refreshDelaySeconds, tokenClaims, canReview, Session } from '../js/session.js';

const token = (claims) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`;

test('refresh a minute before expiry, or at 80 % of a short lifetime', () => {
  assert.equal(refreshDelaySeconds(900), 840);
  assert.equal(refreshDelaySeconds(60), 48);
  assert.equal(refreshDelaySeconds(1), 1);
  assert.equal(refreshDelaySeconds(undefined), 0);
});

test('claims and roles', () => {
  assert.deepEqual(tokenClaims(token({ name: 'ana', role: 'reviewer' })), { name: 'ana', role: 'reviewer' });
  assert.equal(tokenClaims('garbage'), null);
  assert.equal(canReview('reviewer'), true);
  assert.equal(canReview('admin'), true);
  assert.equal(canReview('viewer'), false);
});

test('concurrent refreshes share one request; a failed refresh expires the session', async () => {
  const session = new Session();
  let expired = 0;
  session.onExpired = () => { expired += 1; };
  let calls = 0;
  const refresher = async (refreshToken) => {
    calls += 1;
    assert.equal(refreshToken, 'r1');
    return { access_token: token({ name: 'ana', role: 'viewer' }), refresh_token: 'r2', expires_in: 900 };
  };
  session.accept({ access_token: token({ name: 'ana' }), refresh_token: 'r1', expires_in: 900 }, refresher);
  await Promise.all([session.refresh(refresher), session.refresh(refresher)]);
  assert.equal(calls, 1);
  assert.equal(session.tokens.refresh, 'r2');
  await assert.rejects(session.refresh(async () => { throw new Error('401'); }));
  assert.equal(session.signedIn, false);
  assert.equal(expired, 1);
  session.clear();
});
