import type { DemoConfig } from '../../web-components/demo/demo-config.ts';

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * What a site owner pastes to embed the seeded public calendar: the widget's one script tag and one
 * element with attributes only. Served at /embed.html by `icp-calendar start`.
 */
export function embedSnippet(config: DemoConfig, scriptUrl: string): string | undefined {
  const canisterId = config.canisters.find((canister) => canister.name.startsWith('calendar'))?.id;
  if (!canisterId || !config.publicCalendarId) return undefined;
  const attributes = {
    'canister-id': canisterId,
    'calendar-id': config.publicCalendarId,
    host: config.host,
    'sign-in': 'dev',
  };
  const attributeLines = Object.entries(attributes)
    .map(([name, value]) => `  ${name}="${escapeAttribute(value)}"`)
    .join('\n');
  return `<script type="module" src="${escapeAttribute(scriptUrl)}"></script>\n<icp-calendar\n${attributeLines}\n></icp-calendar>`;
}

export function embedPage(config: DemoConfig): string {
  const snippet = embedSnippet(config, './icp-calendar.js');
  const body =
    snippet === undefined
      ? '<p>No calendar canister with a public calendar is deployed, so there is nothing to embed.</p>'
      : `<p>This page is only the snippet below: one script tag and one element.</p>\n${snippet}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Embedded ICP Calendar</title>
<style>body { font-family: system-ui, sans-serif; margin: 1rem; } icp-calendar { height: 44rem; }</style>
</head>
<body>
<main>
<h1>Embedded ICP Calendar</h1>
${body}
</main>
</body>
</html>
`;
}
