/**
 * Finds every VEVENT of a VCALENDAR, nested ones included, so none is dropped silently: a VCALENDAR
 * nested in another is read like a top-level one (reported as a warning), and a VEVENT anywhere
 * RFC 5545 does not allow one (inside a VEVENT, VTODO, VTIMEZONE…) is rejected with a reason.
 */
import type { IcsComponent } from './component-tree.ts';
import type { ImportWarning } from './import-warnings.ts';

export interface CalendarPart {
  calendar: IcsComponent;
  /** the enclosing VCALENDAR of a nested one (its time zones and X-WR-TIMEZONE apply too) */
  parent?: CalendarPart;
  events: IcsComponent[];
}

export interface NestedRejection {
  component: IcsComponent;
  reason: string;
}

export interface CalendarWalk {
  parts: CalendarPart[];
  rejected: NestedRejection[];
  warnings: ImportWarning[];
}

/** Components a VEVENT may hold; any other child is reported. */
const EVENT_CHILDREN = new Set(['VALARM']);
/** Components whose misplaced copies matter: they carry events. */
const CARRIERS = new Set(['VEVENT', 'VCALENDAR']);

export function walkCalendars(calendars: IcsComponent[]): CalendarWalk {
  const walk: CalendarWalk = { parts: [], rejected: [], warnings: [] };
  const misplaced = (component: IcsComponent, parent: IcsComponent): void => {
    if (CARRIERS.has(component.name)) {
      walk.rejected.push({
        component,
        reason: `${component.name} nested in ${parent.name} (line ${parent.line}) is not allowed by RFC 5545; it is not imported`,
      });
      return;
    }
    for (const child of component.children) misplaced(child, component);
  };
  const visit = (calendar: IcsComponent, parent?: CalendarPart): void => {
    const part: CalendarPart = { calendar, ...(parent ? { parent } : {}), events: [] };
    walk.parts.push(part);
    for (const child of calendar.children) {
      if (child.name === 'VCALENDAR') {
        walk.warnings.push({
          line: child.line,
          code: 'COMPONENT_NESTED',
          message: `VCALENDAR nested in the VCALENDAR of line ${calendar.line}: its events are imported`,
        });
        visit(child, part);
      } else if (child.name === 'VEVENT') {
        part.events.push(child);
        for (const grandchild of child.children)
          if (!EVENT_CHILDREN.has(grandchild.name)) misplaced(grandchild, child);
      } else {
        for (const grandchild of child.children) misplaced(grandchild, child);
      }
    }
  };
  for (const calendar of calendars) visit(calendar);
  return walk;
}
