/**
 * @module web/pages
 * Server-rendered pages: the API reference (Swagger UI), and the home page shown when the browser
 * client is not built. Plain HTML, accessible (landmarks, labels) and readable without styles.
 */

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
header{border-bottom:3px solid #003399;margin-bottom:1rem}h1{color:#003399}button{font:inherit;padding:.4rem .8rem;margin:.2rem;cursor:pointer}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ccc}
pre{background:#f4f4f4;padding:1rem;overflow:auto}:focus{outline:3px solid #ffbf47}`;

/** Declared on every page so that browsers do not ask for `/favicon.ico` (a 404 they log as a console error). */
const ICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

/** The site icon: a "W" in the EU's yellow on its blue. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#003399"/>
<path d="M2.5 4l2.2 8 3.3-6 3.3 6 2.2-8" fill="none" stroke="#ffcc00" stroke-width="1.6" stroke-linejoin="round"/></svg>`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Waypoint</title>${ICON_LINK}<style>${STYLE}</style></head><body>
<header><p><strong>Waypoint</strong> — decision support for EU migration and asylum operations</p></header>
<main id="main">${body}</main></body></html>`;
}

/** The home page when the browser client is not built (in-process tests, or a failed build at start-up). */
export function homePage({ localIssuer }: { localIssuer: boolean }): string {
  return layout('Home', `<h1>Waypoint</h1>
<p>The web app is not available on this server: its build is missing (see the server's log; \`npm start\`
builds it). The law engine, case processing, registries, statistics and simulator are reached through the
<a href="/api/docs">HTTP API</a> (OpenAPI document at <a href="/api/openapi.json">/api/openapi.json</a>).</p>
${localIssuer ? '<p>Get a demo token with <code>npx waypoint token --user it-caseworker</code>.</p>' : '<p>Use a token from your organisation\'s identity provider.</p>'}`);
}

export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Waypoint API</title>${ICON_LINK}
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger', validatorUrl: null });</script></body></html>`;
}
