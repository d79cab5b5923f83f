/** Windows time zone names (as Outlook and Exchange write them in TZID) → IANA ids, from CLDR. */
import { WINDOWS_ZONES } from './generated/windows-zones.ts';

let lowerCaseNames: Map<string, string> | undefined;

/** The IANA id CLDR gives a Windows zone name (case-insensitive), or undefined. */
export function ianaOfWindowsZone(name: string): string | undefined {
  if (!lowerCaseNames) {
    lowerCaseNames = new Map();
    for (const [windows, iana] of Object.entries(WINDOWS_ZONES))
      lowerCaseNames.set(windows.toLowerCase(), iana);
  }
  return lowerCaseNames.get(name.trim().toLowerCase());
}
