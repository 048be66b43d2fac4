/** The missed-call badge and the retention setting, as main pushes them. */
import { useEffect, useState } from 'react';
import type { CallHistoryInfo } from '../../shared/domain.ts';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';

export function useHistoryInfo(api: SwitchboardApi): CallHistoryInfo | null {
  const [info, setInfo] = useState<CallHistoryInfo | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on('callHistoryInfo', setInfo);
    void api.getCallHistoryInfo({}).then((result) => {
      if (live && result.ok) setInfo(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return info;
}
