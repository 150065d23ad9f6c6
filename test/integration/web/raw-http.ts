import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

/** Sends bytes exactly as given (no client-side validation of Host or path) and returns what
 *  the server wrote before closing, or what arrived within `waitMs`. */
export function rawRequest(port: number, text: string, waitMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, waitMs);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (answer !== '') resolve(answer);
      else reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(text);
  });
}

/** The status code of a raw HTTP answer ("HTTP/1.1 403 Forbidden" → 403), or 0. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export function httpCall(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Starts a PUT whose body never finishes: the upload stays "in flight" until `socket` ends. */
export function openUpload(
  port: number,
  path: string,
  headers: Record<string, string>,
  declaredBytes: number,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const lines = Object.entries({
        host: `127.0.0.1:${port}`,
        'content-length': String(declaredBytes),
        ...headers,
      }).map(([name, value]) => `${name}: ${value}`);
      socket.write(`PUT ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\nfirst bytes`);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}
