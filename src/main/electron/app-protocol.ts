import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../security/csp';
import { contentTypeOf, resolveStaticPath } from '../security/static-files';

/**
 * Answers a request of the app protocol (app://ledger/…) from the built renderer folder, with
 * the CSP and the other security headers. Anything outside the folder or another host is 404.
 */
export async function appProtocolResponse(requestUrl: string, rendererDir: string): Promise<Response> {
  const notFound = () =>
    new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== 'app:' || url.host !== 'ledger') return notFound();
  const file = resolveStaticPath(rendererDir, url.pathname);
  if (!file) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) } });
  } catch {
    return notFound();
  }
}
