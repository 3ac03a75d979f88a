// The console's JSON API: allowlisted reads through POST /api/rpc/<Service>/<Method> (proto3 JSON),
// actions with the user's own token, and the sampled bandit history. Identical reads in flight share
// one request, and answers are kept for a few seconds so going back and forth costs nothing.

const SERVICES = {
  definition: 'assay.assignment.v1.DefinitionService',
  evaluation: 'assay.assignment.v1.EvaluationService',
  override: 'assay.assignment.v1.OverrideService',
  banditAdmin: 'assay.bandit.v1.BanditAdminService',
  bandit: 'assay.bandit.v1.BanditService',
  results: 'assay.analysis.v1.ResultsService',
  monitor: 'assay.analysis.v1.MonitorService',
  metric: 'assay.analysis.v1.MetricService',
  power: 'assay.analysis.v1.PowerService',
};
const CACHE_MILLIS = 5_000;
const TOKEN_KEY = 'assay.console.token';
const cache = new Map();

/** An error answered by the console: code (gRPC name), message, fieldViolations. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? 'UNKNOWN';
    this.fieldViolations = body?.fieldViolations ?? [];
  }
}

async function post(path, body, headers = {}) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Assay-Console': '1', ...headers },
    body: JSON.stringify(body ?? {}),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** A read: rpc('results', 'GetExperimentResults', { experimentKey }). */
export function rpc(service, method, body = {}) {
  const path = `/api/rpc/${SERVICES[service]}/${method}`;
  const key = `${path}\n${JSON.stringify(body)}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.time < CACHE_MILLIS) return hit.promise;
  const promise = post(path, body);
  cache.set(key, { time: Date.now(), promise });
  promise.catch(() => cache.delete(key));
  return promise;
}

/** Every page of a List RPC, concatenated: listAll('definition', 'ListExperiments', 'experiments'). */
export async function listAll(service, method, field, body = {}) {
  const items = [];
  let pageToken = '';
  for (let page = 0; page < 100; page++) {
    const answer = await rpc(service, method, { ...body, pageSize: 1000, pageToken });
    items.push(...(answer[field] ?? []));
    pageToken = answer.nextPageToken;
    if (!pageToken) break;
  }
  return items;
}

/** An action with the user's own token (sessionStorage: this tab only). */
export async function act(service, method, body) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const answer = await post(`/api/actions/${SERVICES[service]}/${method}`, body, headers);
  cache.clear();
  return answer;
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function get(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  const json = await response.json();
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const config = () => get('/api/config');
export const allocation = (banditKey) => get(`/api/bandits/${encodeURIComponent(banditKey)}/allocation`);

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** One readable line for an error, naming the field when the service named one. */
export function describeError(error) {
  if (error instanceof ApiError) {
    const fields = error.fieldViolations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return `${error.code}: ${fields || error.message}`;
  }
  return String(error?.message ?? error);
}
