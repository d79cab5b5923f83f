/**
 * Every built-in string of `<icp-calendar>` that is not a date or time (those come from Intl in the
 * element's locale). A page replaces any of them through the element's `strings` property.
 */
export const DEFAULT_STRINGS = {
  noCalendar: 'No calendar selected',
  unreachable: 'This calendar could not be reached.',
  offline: 'You are offline. The calendar will load when the connection is back.',
  retry: 'Retry',
  moving: 'This calendar is being moved to another server: changes can be saved again in a minute.',
  when: 'When',
  eventTimeZone: 'Event time',
  repeatsLabel: 'Repeats',
  repeats: 'Repeats',
  location: 'Location',
  description: 'Description',
  loadingDetails: 'Loading details…',
  detailsFailed: 'The details could not be loaded.',
  calendar: 'Calendar',
  edit: 'Edit',
  calendars: 'Calendars',
  close: 'Close',
};

export type WidgetStrings = typeof DEFAULT_STRINGS;

/** The defaults with a page's replacements laid over them (unknown keys are ignored). */
export function widgetStrings(replacements: Partial<WidgetStrings> | undefined): WidgetStrings {
  return replacements ? { ...DEFAULT_STRINGS, ...replacements } : DEFAULT_STRINGS;
}
