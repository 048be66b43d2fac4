/**
 * The page's emoji picker: a button beside the text box opens a panel of emoji from emojibase-data
 * (the maintained Unicode/CLDR dataset, names in Chinese and English; the app's picker uses the same),
 * by group or found by name; a tap puts the emoji where the caret is. The data (about 0.5 MB) is
 * fetched only when the panel first opens. Labels are set with textContent/attributes only.
 */
import type { Language } from './words.ts';

export type PickerWords = { open: string; search: string; none: string; groups: readonly string[] };

type Emoji = { unicode: string; label: string; tags?: string[]; group?: number; order?: number };

/** emojibase's groups that are for sending (2, "component", is bare skin tones and hair). */
export const GROUPS = [0, 1, 3, 4, 5, 6, 7, 8, 9] as const;
const SHOWN = 320;

const load = (language: Language): Promise<Emoji[]> =>
  (language === 'en' ? import('emojibase-data/en/compact.json') : import('emojibase-data/zh/compact.json')).then(
    ({ default: data }) =>
      (data as Emoji[])
        .filter((e) => e.group !== undefined && e.group !== 2)
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0)),
  );

/** By name first, then by search word. */
export function findEmoji<E extends { label: string; tags?: string[] }>(all: readonly E[], query: string): E[] {
  const term = query.trim().toLocaleLowerCase();
  if (!term) return [];
  const byLabel = all.filter((e) => e.label.toLocaleLowerCase().includes(term));
  const seen = new Set(byLabel);
  return [
    ...byLabel,
    ...all.filter((e) => !seen.has(e) && (e.tags ?? []).some((t) => t.toLocaleLowerCase().includes(term))),
  ];
}

export function emojiPicker(options: {
  button: HTMLButtonElement;
  panel: HTMLElement;
  box: HTMLTextAreaElement;
  language: Language;
  words: PickerWords;
}): void {
  const { button, panel, box, language, words } = options;
  button.setAttribute('aria-label', words.open);
  button.title = words.open;
  let all: Promise<Emoji[]> | null = null;
  let group: number = GROUPS[0];
  const search = document.createElement('input');
  search.type = 'search';
  search.placeholder = words.search;
  search.setAttribute('aria-label', words.search);
  search.className = 'emoji-search';
  const tabs = document.createElement('div');
  tabs.className = 'emoji-tabs';
  tabs.setAttribute('role', 'tablist');
  const grid = document.createElement('div');
  grid.className = 'emoji-grid';
  panel.replaceChildren(search, tabs, grid);

  const close = () => {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  const pick = (emoji: string) => {
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? box.value.length;
    box.setRangeText(emoji, start, end, 'end');
    box.dispatchEvent(new Event('input'));
    close();
    box.focus();
  };
  const draw = async () => {
    const emoji = await (all ??= load(language));
    tabs.hidden = search.value.trim() !== '';
    tabs.replaceChildren(
      ...GROUPS.map((g, index) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(g === group));
        tab.setAttribute('aria-label', words.groups[index] ?? '');
        tab.textContent = emoji.find((e) => e.group === g)?.unicode ?? '';
        tab.addEventListener('click', () => {
          group = g;
          void draw();
        });
        return tab;
      }),
    );
    const shown = search.value.trim() ? findEmoji(emoji, search.value) : emoji.filter((e) => e.group === group);
    if (shown.length === 0) {
      const none = document.createElement('p');
      none.textContent = words.none;
      grid.replaceChildren(none);
      return;
    }
    grid.replaceChildren(
      ...shown.slice(0, SHOWN).map((e) => {
        const choice = document.createElement('button');
        choice.type = 'button';
        choice.className = 'emoji-choice';
        choice.textContent = e.unicode;
        choice.title = e.label;
        choice.setAttribute('aria-label', e.label);
        choice.addEventListener('click', () => pick(e.unicode));
        return choice;
      }),
    );
  };
  search.addEventListener('input', () => void draw());
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close();
      button.focus();
    }
  });
  button.addEventListener('click', () => {
    if (!panel.hidden) return close();
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    void draw();
    search.focus();
  });
}
