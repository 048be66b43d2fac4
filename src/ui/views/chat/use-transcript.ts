/** The shown chat's transcript: asked for when it opens (which marks it read), then kept by `chatTranscript` events. */
import { useEffect, useState } from 'react';
import type { ChatTranscript } from '../../../shared/chat.ts';
import { useApi } from '../../state/api-context.ts';

export function useTranscript(id: string): ChatTranscript | null {
  const api = useApi();
  const [transcript, setTranscript] = useState<ChatTranscript | null>(null);
  useEffect(() => {
    let current = true;
    setTranscript(null);
    // Listening starts first: a message arriving while the answer travels is not lost.
    const off = api.on('chatTranscript', (next) => {
      if (next.conversationId === id) setTranscript(next);
    });
    void api.openChat({ id }).then((result) => {
      if (current && result.ok && result.value) setTranscript((seen) => seen ?? result.value);
    });
    return () => {
      current = false;
      off();
      void api.openChat({ id: null });
    };
  }, [api, id]);
  return transcript;
}
