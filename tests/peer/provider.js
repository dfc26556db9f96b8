// A certified OpenID Provider (oidc-provider) on loopback, dressed as the Microsoft identity
// platform for tests/e2e_peer.rs: issuer `{origin}/{tenant}/v2.0`, the authorize, token and
// logout endpoints at Entra's paths, `tid`/`oid`/`name`/`preferred_username` in the ID token,
// one public client (no secret) with PKCE required, refresh tokens, and CORS on the token
// endpoint for the app's origin only. Everything else is oidc-provider's own, standard behaviour.
//
// Started by the test with these environment variables:
//   PEER_PORT      the loopback port to listen on
//   PEER_TENANT    the tenant id (a GUID), first segment of every path
//   PEER_CLIENT_ID the app's client id
//   PEER_REDIRECT  the app's redirect URI (its /auth/callback)
//   PEER_LOGOUT    where the end-session endpoint may return (the app's home)
//   PEER_SCOPES    the Graph and ARM scopes the app may ask for, space-separated
//
// It writes one JSON object a line on stdout (the test reads them): `listening`, every token
// request's Origin, grant successes and errors, each redirect to the app's callback exactly as
// sent to the browser, end-session, and what the Graph/ARM stand-in received.
import http from 'node:http';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.js: ${name} is not set`);
    process.exit(2);
  }
  return value;
};

const port = Number(env('PEER_PORT'));
const tenant = env('PEER_TENANT');
const clientId = env('PEER_CLIENT_ID');
const redirectUri = env('PEER_REDIRECT');
const postLogout = env('PEER_LOGOUT');
const resourceScopes = env('PEER_SCOPES').split(' ').filter(Boolean);
const origin = `http://127.0.0.1:${port}`;
const appOrigin = new URL(redirectUri).origin;
const base = `/${tenant}/oauth2/v2.0`;

const log = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

// The directory: whoever signs in on the (development) login page with one of these logins.
const people = {
  alex: { oid: '7d0c7a2e-6f43-4d59-9b41-2b1a4d5c9e10', name: 'Alex Wilber' },
};

const provider = new Provider(`${origin}/${tenant}/v2.0`, {
  clients: [{
    client_id: clientId,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogout],
  }],
  routes: {
    authorization: `${base}/authorize`,
    token: `${base}/token`,
    end_session: `${base}/logout`,
    jwks: `/${tenant}/discovery/v2.0/keys`,
    userinfo: `/${tenant}/openid/userinfo`,
  },
  // Entra's delegated permissions travel as scopes (`https://graph.microsoft.com/X`), not as
  // RFC 8707 resource indicators; declaring them lets consent grant them and a refresh ask for
  // a subset (the ARM token), as the identity platform does.
  scopes: ['openid', 'profile', 'offline_access', ...resourceScopes],
  claims: {
    openid: ['sub', 'tid', 'oid'],
    profile: ['name', 'preferred_username'],
  },
  // Entra puts the profile claims in the ID token of the code flow; oidc-provider's default
  // keeps them for userinfo only.
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    const person = people[id];
    if (!person) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          tid: tenant,
          oid: person.oid,
          name: person.name,
          preferred_username: `${id}@contoso.example`,
        };
      },
    };
  },
  pkce: { required: () => true },
  issueRefreshToken: async (_ctx, client, code) =>
    client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
  // CORS only for the app's own origin (its redirect URI's), as a SPA registration allows.
  clientBasedCORS: (_ctx, requestOrigin, client) =>
    client.redirectUris.some((uri) => new URL(uri).origin === requestOrigin),
  cookies: { keys: ['e2e-peer-cookie-key-not-a-secret'] },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
});
provider.proxy = false;

provider.on('grant.success', (ctx) => log({
  event: 'grant.success',
  grant_type: ctx.oidc.params.grant_type,
  scope: ctx.oidc.params.scope ?? null,
}));
provider.on('grant.error', (ctx, err) => log({
  event: 'grant.error',
  grant_type: ctx.oidc.params?.grant_type ?? null,
  error: err.error,
  detail: err.error_detail ?? err.error_description ?? null,
  scope: err.scope ?? null,
}));
provider.on('authorization.error', (_ctx, err) => log({
  event: 'authorization.error', error: err.error, detail: err.error_detail ?? err.error_description ?? null,
}));
provider.on('end_session.success', () => log({ event: 'end_session.success' }));

provider.use(async (ctx, next) => {
  if (ctx.path === `${base}/token` && ctx.method === 'POST') {
    log({ event: 'token_request', origin: ctx.get('origin') || null });
  }
  await next();
  const location = ctx.response.get('location');
  if (location && location.startsWith(redirectUri)) {
    log({ event: 'callback', location });
  }
});

// Stand-in for Graph and ARM: checks the bearer token is one this provider issued, records
// that, and answers 501 (a request that is not retried): the test is about sign-in only.
async function resource(req, res, api) {
  const cors = {
    'Access-Control-Allow-Origin': appOrigin,
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, ConsistencyLevel, Prefer',
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE',
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors).end();
    return;
  }
  const bearer = (req.headers.authorization || '').replace(/^Bearer /, '');
  const token = bearer ? await provider.AccessToken.find(bearer) : undefined;
  log({ event: 'resource', api, token_valid: Boolean(token), scope: token?.scope ?? null });
  res.writeHead(501, { ...cors, 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 'NotImplemented', message: 'This test peer serves sign-in only.' } }));
}

// The one place where this peer departs from oidc-provider's reading of the standard, to match
// the identity platform's: Entra grants `offline_access` to an SPA without `prompt=consent`;
// oidc-provider applies OpenID Connect Core §11 literally and drops `offline_access` unless the
// request has `prompt=consent`. Without it no refresh token is issued, and the refresh request
// (which, as with Entra, names `offline_access` again) is refused as asking for a scope never
// granted (RFC 6749 §6). So an authorization request that asks for `offline_access` and has no
// `prompt` gets `prompt=consent` here; the consent page then shows at each interactive sign-in.
// Silent (`prompt=none`) and other prompted requests pass unchanged.
function asEntraWould(req) {
  const url = new URL(req.url, origin);
  const scopes = (url.searchParams.get('scope') || '').split(' ');
  if (url.pathname === `${base}/authorize` && scopes.includes('offline_access') && !url.searchParams.has('prompt')) {
    url.searchParams.set('prompt', 'consent');
    req.url = `${url.pathname}${url.search}`;
  }
}

const callback = provider.callback();
http.createServer((req, res) => {
  const api = ['graph', 'arm'].find((p) => req.url.startsWith(`/${p}/`));
  if (api) {
    resource(req, res, api).catch(() => res.writeHead(500).end());
  } else {
    asEntraWould(req);
    callback(req, res);
  }
}).listen(port, '127.0.0.1', () => log({ event: 'listening', port }));
