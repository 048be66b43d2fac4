import { describe, expect, it } from 'vitest';
import { pageUrl } from './own-pages.ts';
import { isTrustedSender } from './sender-check.ts';

const uiWindow = { id: 'ui' };
const engineWindow = { id: 'engine' };
const mainFrame = { url: pageUrl('ui') };

describe('IPC sender check', () => {
  it('accepts the main frame of the window that holds the role, showing our page', () => {
    expect(isTrustedSender({ sender: uiWindow, senderMainFrame: mainFrame, senderFrame: mainFrame }, [uiWindow])).toBe(
      true,
    );
  });

  it('refuses the other role: the UI cannot speak as the engine', () => {
    expect(
      isTrustedSender({ sender: uiWindow, senderMainFrame: mainFrame, senderFrame: mainFrame }, [engineWindow]),
    ).toBe(false);
    expect(isTrustedSender({ sender: uiWindow, senderMainFrame: mainFrame, senderFrame: mainFrame }, [null])).toBe(
      false,
    );
  });

  it('refuses an iframe, a vanished frame and a page that is not ours', () => {
    const iframe = { url: pageUrl('ui') };
    expect(isTrustedSender({ sender: uiWindow, senderMainFrame: mainFrame, senderFrame: iframe }, [uiWindow])).toBe(
      false,
    );
    expect(isTrustedSender({ sender: uiWindow, senderMainFrame: mainFrame, senderFrame: null }, [uiWindow])).toBe(
      false,
    );
    const foreign = { url: 'https://evil.example/' };
    expect(isTrustedSender({ sender: uiWindow, senderMainFrame: foreign, senderFrame: foreign }, [uiWindow])).toBe(
      false,
    );
    const otherFile = { url: 'file:///tmp/evil/ui/index.html' };
    expect(isTrustedSender({ sender: uiWindow, senderMainFrame: otherFile, senderFrame: otherFile }, [uiWindow])).toBe(
      false,
    );
  });
});
