/** What the demo server tells the page at `/config.json`. */
export interface DemoConfig {
  /** Base URL of the IC HTTP interface, e.g. http://127.0.0.1:4943. */
  host: string;
  canisters: { name: string; id: string }[];
  /** The public calendar seeded by `icp-calendar start` on the calendar canister, when there is one. */
  publicCalendarId?: string;
}
