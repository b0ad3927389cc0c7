// The Graph view's page: a strict Content-Security-Policy (nothing remote, no inline code: the one script and the
// one style sheet come from the extension's folder, the script carries the page's nonce). Pure.

export interface PageResources {
  /** The webview's cspSource: where the extension's files are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** Fresh for every page: only the script tag carrying it runs. */
  nonce: string;
}

export function graphPageHtml(resources: PageResources): string {
  const { cspSource, scriptUri, styleUri, nonce } = resources;
  const csp = [`default-src 'none'`, `style-src ${cspSource}`, `img-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Migration Graph</title>
</head>
<body>
<div class="toolbar">
  <input id="search" type="search" placeholder="Search by revision id or message (Enter: next match)" aria-label="Search revisions by id or message" spellcheck="false">
  <span id="count" class="count" aria-live="polite"></span>
  <span id="legend" class="legend" hidden><span class="dot state-applied"></span>applied <span class="dot state-current"></span>current <span class="dot state-pending"></span>pending</span>
</div>
<div id="list" class="list" role="tree" tabindex="0" aria-label="Revision graph, newest first">
  <div id="spacer" class="spacer"></div>
</div>
<div id="empty" class="empty" hidden>No Alembic revisions in this workspace yet.</div>
<script nonce="${nonce}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

/** 32 hex digits from a random source the caller gives (crypto in the extension host). */
export function nonceFrom(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
