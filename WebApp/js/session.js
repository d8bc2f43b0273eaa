// The signed-in session, in memory only (never in storage): tokens, the user and when to refresh.
// A refresh token rotates on every use, so refreshes are single-flight: concurrent callers share one.

/** When to refresh an access token that lives `lifetimeSeconds`: a minute before expiry, at 80 % for short ones. */
export function refreshDelaySeconds(lifetimeSeconds) {
  if (!(lifetimeSeconds > 0)) return 0;
  return Math.max(1, lifetimeSeconds >= 300 ? lifetimeSeconds - 60 : Math.floor(lifetimeSeconds * 0.8));
}

/** The payload of a JWT (not verified: the server does that), or null. */
export function tokenClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = typeof atob === 'function' ? atob(part) : Buffer.from(part, 'base64').toString('binary');
    return JSON.parse(decodeURIComponent(escape(json)));
  } catch {
    return null;
  }
}

/** Whether `role` may record reviews. */
export function canReview(role) {
  return role === 'reviewer' || role === 'admin';
}

export class Session {
  constructor() {
    this.tokens = null;
    this.user = null;
    this.timer = null;
    this.refreshing = null;
    this.onExpired = () => {};
  }

  get signedIn() {
    return this.tokens !== null;
  }

  /** Stores a token response ({access_token, refresh_token, expires_in, user?}) and schedules the refresh. */
  accept(response, refresher) {
    const claims = tokenClaims(response.access_token) || {};
    this.tokens = { access: response.access_token, refresh: response.refresh_token };
    this.user = response.user || { username: claims.name, role: claims.role || 'viewer' };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.refresh(refresher).catch(() => {}); }, refreshDelaySeconds(response.expires_in) * 1000);
  }

  /** Refreshes once even when called concurrently; on failure the session ends as expired. */
  refresh(refresher) {
    if (!this.tokens) return Promise.reject(new Error('not signed in'));
    if (!this.refreshing) {
      const token = this.tokens.refresh;
      this.refreshing = refresher(token)
        .then((response) => { this.accept(response, refresher); })
        .catch((error) => { this.expire(); throw error; })
        .finally(() => { this.refreshing = null; });
    }
    return this.refreshing;
  }

  expire() {
    const had = this.signedIn;
    this.clear();
    if (had) this.onExpired();
  }

  clear() {
    clearTimeout(this.timer);
    this.tokens = null;
    this.user = null;
  }
}
