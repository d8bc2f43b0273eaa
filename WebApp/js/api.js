// The API client: JSON requests with the session's access token; a 401 refreshes the token once and retries;
// a failed refresh ends the session (the app then shows the sign-in page with a message).
import { parseJSON } from './json.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  constructor(session, base = '') {
    this.session = session;
    this.base = base;
  }

  async login(username, password) {
    const response = await this.raw('POST', '/login', { username, password }, false);
    this.session.accept(response, (token) => this.refreshTokens(token));
    return this.session.user;
  }

  refreshTokens(token) {
    return this.raw('POST', '/refresh', { refresh_token: token }, false);
  }

  async logout() {
    const tokens = this.session.tokens;
    this.session.clear();
    if (tokens) await this.raw('POST', '/logout', { refresh_token: tokens.refresh }, false).catch(() => {});
  }

  get(path, query) {
    return this.request('GET', withQuery(path, query));
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  delete(path) {
    return this.request('DELETE', path);
  }

  async request(method, path, body) {
    if (!this.session.signedIn) throw new ApiError(401, 'signed_out', 'Please sign in.');
    try {
      return await this.raw(method, path, body, true);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !this.session.signedIn) throw error;
      await this.session.refresh((token) => this.refreshTokens(token));
      return this.raw(method, path, body, true);
    }
  }

  async raw(method, path, body, authorised) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authorised && this.session.tokens) headers.Authorization = `Bearer ${this.session.tokens.access}`;
    let response;
    try {
      response = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let value = null;
    try {
      value = text ? parseJSON(text) : null;
    } catch {
      throw new ApiError(response.status, 'bad_response', `The server answered ${response.status} with something that is not JSON.`);
    }
    if (!response.ok) {
      const error = (value && value.error) || {};
      throw new ApiError(response.status, error.code || 'error', error.message || `The server answered ${response.status}.`);
    }
    return value;
  }
}

/** `path?key=value…` without empty values, percent-encoded (a space is %20: the server does not read + as one). */
export function withQuery(path, query) {
  if (!query) return path;
  const entries = Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '');
  const text = entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  return entries.length ? `${path}?${text}` : path;
}
