// A local OpenID provider for the dashboard's dev and test stacks: authorization code + PKCE, groups in the ID token,
// RP-initiated logout, test users from a JSON file read on every sign-in (so a test can change a user's groups).
// Not for production: it exists so that single sign-on is exercised against a real provider (issue 17).
// Usage: node provider.mjs --port N --users users.json --client-secret-file F --app http://127.0.0.1:5080[,http://...]
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' }, users: { type: 'string' }, 'client-secret-file': { type: 'string' }, app: { type: 'string' },
  },
});
const port = Number(args.port);
const issuer = `http://127.0.0.1:${port}`;
const apps = args.app.split(',').map(a => a.replace(/\/$/, ''));
const users = () => JSON.parse(readFileSync(args.users, 'utf8'));
const clientSecret = readFileSync(args['client-secret-file'], 'utf8').trim();
const escape = s => String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'dashboard',
    client_secret: clientSecret,
    client_name: 'Dashboard',
    redirect_uris: apps.map(a => `${a}/signin-oidc`),
    post_logout_redirect_uris: apps.map(a => `${a}/signout-callback-oidc`),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  // The ID token carries the claims of its scopes (groups included), as Okta and Keycloak can be set to.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    // The application asked to end the session (RP-initiated logout): no confirmation screen, the session ends.
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head><body>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>
<script>document.forms[0].submit()</script></body></html>`;
      },
    },
  },
  findAccount: async (_ctx, id) => {
    const user = users().find(u => u.sub === id);
    return user && {
      accountId: id,
      claims: async () => ({ sub: id, email: user.email, email_verified: true, name: user.name, groups: user.groups ?? [] }),
    };
  },
  // First-party client: no consent screen; the grant covers what the client asked for.
  loadExistingGrant: async ctx => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups offline_access');
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [clientSecret] },
  ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600, IdToken: 3600, AccessToken: 3600, RefreshToken: 8 * 3600 },
});
provider.proxy = false;

const page = (uid, error = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local identity provider</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#eef1f5;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;display:grid;gap:.75rem;min-width:18rem}
h1{font-size:1.25rem;margin:0}p{margin:0;color:#555}.error{color:#b00020}input,button{font:inherit;padding:.5rem}
button{background:#0b6bcb;color:#fff;border:0;border-radius:4px}</style></head>
<body><form method="post" action="/interaction/${escape(uid)}/login"><h1>Local identity provider</h1>
<p>Test users only (scripts/oidc/users.json).</p>${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<label>User name <input name="login" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></body></html>`;

const readForm = req => new Promise((resolve, reject) => {
  let body = '';
  req.on('data', chunk => { body += chunk; if (body.length > 10_000) req.destroy(); });
  req.on('end', () => resolve(new URLSearchParams(body)));
  req.on('error', reject);
});

const handle = provider.callback();
http.createServer(async (req, res) => {
  try {
    const path = new URL(req.url, issuer).pathname;
    if (path === '/-/ready') {
      res.writeHead(200).end('ready');
      return;
    }
    const match = path.match(/^\/interaction\/([^/]+)(\/login)?$/);
    if (!match) {
      handle(req, res);
      return;
    }
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid));
      return;
    }
    const form = await readForm(req);
    const user = users().find(u => u.sub === form.get('login'));
    if (!user || user.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid, 'Unknown user name or wrong password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`The sign-in could not go on: ${err.message}`);
  }
}).listen(port, '127.0.0.1', () => console.log(`local OpenID provider at ${issuer} for ${apps.join(', ')}`));
