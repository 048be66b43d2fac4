/** The tray's "About Switchboard…" opens the About dialog over whatever screen is showing. */
import { useEffect, useState } from 'react';
import { useApi } from '../state/api-context.ts';
import { AboutDialog } from './AboutDialog.tsx';

export function AboutFromTray({ inCall }: { inCall: boolean }) {
  const api = useApi();
  // A window the tray's About opened arrives with ?show=about; an open one gets the showAbout event.
  const [open, setOpen] = useState(() => new URLSearchParams(window.location.search).get('show') === 'about');
  useEffect(() => api.on('showAbout', () => setOpen(true)), [api]);
  return open ? <AboutDialog inCall={inCall} onClose={() => setOpen(false)} /> : null;
}
