import type { DesktopIntegration } from '../../src/main/api/context';

/**
 * What the desktop shell offers the handlers under test: one object given to createHandlers,
 * changed in place by `setDesktop` (the handlers keep the object, as they keep the app's).
 */
export const desktop: DesktopIntegration = {};

export function setDesktop(integration: DesktopIntegration): void {
  for (const key of Object.keys(desktop)) delete desktop[key as keyof DesktopIntegration];
  Object.assign(desktop, integration);
}
