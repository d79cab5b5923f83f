import type { Occurrence } from '../client/calendar-source.ts';
import { zoneClock } from '../model/zone-clock.ts';
import type { IcpTimeGrid } from './icp-time-grid.ts';

const SNAP_MINUTES = 15;
const DEFAULT_MINUTES = 60;

type Mode = 'create' | 'move' | 'resize';

/** Pointer dragging in the time grid: create over empty slots, move events, resize them by the bottom edge. */
export class TimeDrag {
  private mode: Mode | undefined;
  private day = 0;
  private originMinute = 0;
  private currentMinute = 0;
  private currentDay = 0;
  private occurrence: Occurrence | undefined;

  constructor(private readonly grid: IcpTimeGrid) {}

  start(event: PointerEvent, day: number, occurrence?: Occurrence): void {
    if (!this.grid.context.editable || event.button !== 0 || this.mode) return;
    const target = event.target as HTMLElement;
    if (!occurrence && !target.classList.contains('column')) return;
    if (occurrence) event.stopPropagation();
    this.mode = occurrence ? (target.hasAttribute('data-resize') ? 'resize' : 'move') : 'create';
    this.occurrence = occurrence;
    this.day = day;
    this.currentDay = day;
    this.originMinute = this.minuteAt(event.clientY);
    this.currentMinute = this.originMinute;
    if (this.mode === 'create') event.preventDefault();
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onUp, { once: true });
    this.showPreview();
  }

  private readonly onMove = (event: PointerEvent): void => {
    this.currentMinute = this.minuteAt(event.clientY);
    this.currentDay = this.dayAt(event.clientX) ?? this.currentDay;
    this.showPreview();
  };

  private readonly onUp = (): void => {
    window.removeEventListener('pointermove', this.onMove);
    const mode = this.mode;
    this.mode = undefined;
    this.grid.preview = undefined;
    const clock = zoneClock(this.grid.context.timeZone);
    const delta = this.currentMinute - this.originMinute + (this.currentDay - this.day) * 1440;
    if (mode === 'create') {
      const [from, to] = this.createRange();
      this.emit('icp-slot-select', {
        start: clock.instantOf(this.day, from),
        end: clock.instantOf(this.day, to),
        allDay: false,
      });
      return;
    }
    const occurrence = this.occurrence!;
    if (delta === 0) return;
    this.grid.suppressClick = true;
    const start = mode === 'move' ? occurrence.start + delta * 60_000 : occurrence.start;
    const end = Math.max(occurrence.start + SNAP_MINUTES * 60_000, occurrence.end + delta * 60_000);
    this.emit('icp-occurrence-drag', { occurrence, start, end });
  };

  private createRange(): [number, number] {
    if (this.currentMinute === this.originMinute) {
      return [this.originMinute, Math.min(1440, this.originMinute + DEFAULT_MINUTES)];
    }
    const low = Math.min(this.originMinute, this.currentMinute);
    const high = Math.max(this.originMinute, this.currentMinute);
    return [low, Math.max(high, low + SNAP_MINUTES)];
  }

  private showPreview(): void {
    if (this.mode === 'create') {
      const [startMinute, endMinute] = this.createRange();
      this.grid.preview = { day: this.day, startMinute, endMinute };
      return;
    }
    const occurrence = this.occurrence!;
    const clock = zoneClock(this.grid.context.timeZone);
    const startMinute = clock.minuteOfDay(occurrence.start);
    const length = Math.max(SNAP_MINUTES, (occurrence.end - occurrence.start) / 60_000);
    const delta = this.currentMinute - this.originMinute;
    this.grid.preview =
      this.mode === 'move'
        ? {
            day: this.currentDay,
            startMinute: startMinute + delta,
            endMinute: startMinute + delta + length,
          }
        : {
            day: this.day,
            startMinute,
            endMinute: Math.max(startMinute + SNAP_MINUTES, startMinute + length + delta),
          };
  }

  private columns(): HTMLElement[] {
    return [...this.grid.renderRoot.querySelectorAll<HTMLElement>('.column')];
  }

  private minuteAt(clientY: number): number {
    const rect = this.columns()[0]!.getBoundingClientRect();
    const minute = ((clientY - rect.top) / rect.height) * 1440;
    return Math.min(1440, Math.max(0, Math.round(minute / SNAP_MINUTES) * SNAP_MINUTES));
  }

  private dayAt(clientX: number): number | undefined {
    const index = this.columns().findIndex((column) => {
      const rect = column.getBoundingClientRect();
      return clientX >= rect.left && clientX < rect.right;
    });
    return index === -1 ? undefined : this.grid.firstDay + index;
  }

  private emit(name: string, detail: unknown): void {
    this.grid.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }
}
