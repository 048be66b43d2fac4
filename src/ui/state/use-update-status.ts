/** The update status main pushes (checking, available, downloading…), and the About facts. */
import { useEffect, useState } from 'react';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';
import type { AboutInfo, UpdateStatus } from '../../shared/update.ts';

export function useUpdateStatus(api: SwitchboardApi): UpdateStatus {
  const [status, setStatus] = useState<UpdateStatus>({ phase: 'idle' });
  useEffect(() => {
    let live = true;
    const off = api.on('updateStatus', setStatus);
    void api.getUpdateStatus({}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return status;
}

export function useAboutInfo(api: SwitchboardApi): AboutInfo | null {
  const [info, setInfo] = useState<AboutInfo | null>(null);
  useEffect(() => {
    let live = true;
    void api.getAbout({}).then((result) => {
      if (live && result.ok) setInfo(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return info;
}
