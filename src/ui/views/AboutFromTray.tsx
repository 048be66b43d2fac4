/** The tray's "About Switchboard…" opens the About dialog over whatever screen is showing. */
import { useEffect, useState } from 'react';
import { useApi } from '../state/api-context.ts';
import { AboutDialog } from './AboutDialog.tsx';

export function AboutFromTray({ inCall }: { inCall: boolean }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  useEffect(() => api.on('showAbout', () => setOpen(true)), [api]);
  return open ? <AboutDialog inCall={inCall} onClose={() => setOpen(false)} /> : null;
}
