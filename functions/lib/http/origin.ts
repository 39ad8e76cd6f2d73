import { header, type ApiEvent } from './middleware';

/**
 * The URL a client reached this API at, for /openapi.json's `servers`. The host is API Gateway's
 * requestContext.domainName (the execute-api or custom domain the gateway matched, not a client's
 * Host header) and a stage other than $default is the first path segment. Scheme and port come
 * from X-Forwarded-Proto/-Port, which API Gateway sets (https, 443) and the local server sets to
 * its own (http, the port it listens on); only well-formed values are used, so the worst a client
 * can do is change the URL in its own copy of the document.
 */
export function apiOrigin(event: ApiEvent): string {
  const scheme = header(event, 'x-forwarded-proto') === 'http' ? 'http' : 'https';
  const rawPort = header(event, 'x-forwarded-port') ?? '';
  const port = /^\d{1,5}$/.test(rawPort) && Number(rawPort) > 0 && Number(rawPort) <= 65535 ? Number(rawPort) : null;
  const defaultPort = scheme === 'https' ? 443 : 80;
  const host = event.requestContext.domainName;
  const stage = event.requestContext.stage;
  const stagePath = stage && stage !== '$default' ? `/${encodeURIComponent(stage)}` : '';
  return `${scheme}://${host}${port !== null && port !== defaultPort ? `:${port}` : ''}${stagePath}`;
}
