import { Ed25519KeyIdentity } from '@dfinity/identity';

import { createCalendarAgent } from '../../web-components/client/calendar-agent.ts';
import { createActor } from '../../web-components/client/generated/calendar-bindings.ts';

/**
 * A site owner's page: the bundle's one script tag and one `<icp-calendar>` with attributes only. No page
 * code sets `source`; the element connects to the canister by itself.
 */
export function embedPage(attributes: Record<string, string>): string {
  const attributeText = Object.entries(attributes)
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Embedded calendar</title>
<script type="module" src="./icp-calendar.js"></script></head>
<body><main><h1>Our calendar</h1>
<icp-calendar ${attributeText} style="height: 720px"></icp-calendar>
</main></body></html>`;
}

export interface OwnedCalendar {
  calendarId: string;
  /** The owner's key as DevIdentityProvider stores it in localStorage. */
  ownerKeyJson: string;
}

/** Creates a public calendar owned by a fresh key, with one event today at 09:00 UTC titled `title`. */
export async function createOwnedPublicCalendar(
  host: string,
  canisterId: string,
  title: string,
): Promise<OwnedCalendar> {
  const owner = Ed25519KeyIdentity.generate();
  const actor = createActor(canisterId, await createCalendarAgent(host, owner));
  const calendar = await actor.create_calendar({
    name: 'Embedded calendar of its owner',
    time_zone: 'UTC',
    color: ['#7c3aed'],
    description: [],
    visibility: { public: null },
  });
  if ('Err' in calendar) throw new Error(`create_calendar: ${calendar.Err.code}`);
  const today = new Date().toISOString().slice(0, 10);
  const event = await actor.create_event(calendar.Ok.id, {
    title,
    start: `${today}T09:00:00`,
    end: `${today}T10:00:00`,
    all_day: false,
    time_zone: 'UTC',
    rrule: [],
    exdates: [],
    rdates: [],
    overrides: [],
    transparent: false,
    color: [],
    description: [],
    location: [],
    reminders: [],
  });
  if ('Err' in event) throw new Error(`create_event: ${event.Err.code}`);
  return { calendarId: calendar.Ok.id, ownerKeyJson: JSON.stringify(owner.toJSON()) };
}
