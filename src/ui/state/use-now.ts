/**
 * Milliseconds since `origin`, re-rendering on each whole second *of that span*
 * (not of the wall clock), so a call timer turns over exactly when a second of
 * talk time has passed.
 */
import { useEffect, useState } from 'react';

export function useElapsed(origin: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      const intoSecond = (((current - origin) % 1000) + 1000) % 1000;
      timer = setTimeout(tick, 1000 - intoSecond + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [origin]);
  return now - origin;
}
