// Starting and stopping the HTTP server around an app. The store belongs to the caller.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { NewsgraphError } from '../doc/errors.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import type { ServerConfig, ServerConfigInput } from './config.js';

export interface StartServerOptions {
  readonly store: Store;
  readonly config: ServerConfig | ServerConfigInput;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 3000; 0 picks a free port (see RunningServer.port). */
  readonly port?: number;
  /** An app to serve instead of createApp({store, config}) (e.g. with pages mounted on it). */
  readonly app?: Hono;
}

export interface RunningServer {
  readonly app: Hono;
  readonly server: Server;
  readonly host: string;
  /** The port actually bound. */
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections, lets requests in flight finish (up to graceMs), then drops the rest. */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = options.app ?? createApp({ store: options.store, config: options.config });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 3000 }) as Server;
    const onError = (e: NodeJS.ErrnoException) => {
      const message =
        e.code === 'EADDRINUSE'
          ? `Port ${options.port} on ${host} is already in use: pick another with --port (0 picks a free one).`
          : e.code === 'EADDRNOTAVAIL'
            ? `Cannot listen on ${host}: no such address on this machine (try --host 127.0.0.1).`
            : e.code === 'EACCES'
              ? `Not allowed to listen on port ${options.port}: ports below 1024 need privileges; pick a higher one.`
              : `Cannot listen on ${host}:${options.port}: ${e.message}`;
      reject(new NewsgraphError(e.code === 'EADDRINUSE' ? 'PORT_IN_USE' : 'LISTEN_FAILED', message));
    };
    s.once('error', onError);
    s.once('listening', () => {
      s.off('error', onError);
      resolve(s);
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | null = null;
  return {
    app,
    server,
    host,
    port,
    url: `http://${urlHost}:${port}`,
    close(graceMs = 5000) {
      closing ??= new Promise<void>((resolve) => {
        // Not unref'd: the process must stay up until close has finished.
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
