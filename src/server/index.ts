// The HTTP API: createApp for an app to mount pages on, startServer to listen.

export { createApp, apiRoutes, type CreateAppOptions } from './app.js';
export { startServer, type RunningServer, type StartServerOptions } from './server.js';
export { resolveConfig, DEFAULT_MAX_BODY_BYTES, type ServerConfig, type ServerConfigInput, type ApiDeps } from './config.js';
export { setupToken, hashToken, checkBearer, TOKEN_FILE, type TokenSetup } from './auth.js';
export { ApiError } from './errors.js';
export { OPENAPI } from './openapi.js';
