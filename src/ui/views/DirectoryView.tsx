/**
 * The company directory: one search box (name, pinyin, initials, extension, mobile digits,
 * e-mail) over the department tree; a colleague's card from a click or right-click; a call from
 * the row's button, the card, or Enter on a result. Everything is answered by main from the
 * local copy, so it keeps working offline.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson, SearchHit } from '../../shared/directory.ts';
import { AlertIcon, SearchIcon, UsersIcon } from '../components/icons.tsx';
import { useApi } from '../state/api-context.ts';
import { useDial } from '../state/use-dial.ts';
import { useDirectoryStatus } from '../state/use-directory.ts';
import { DirectoryTree } from './directory/DirectoryTree.tsx';
import { PersonCard } from './directory/PersonCard.tsx';
import { SearchResults } from './directory/SearchResults.tsx';

export function DirectoryView({ canDial }: { canDial: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { status, generation } = useDirectoryStatus(api);
  const { dial, pending, error } = useDial();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; hits: SearchHit[] }>({ query: '', hits: [] });
  const [card, setCard] = useState<DirectoryPerson | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const latest = useRef(0);

  // Every keystroke asks main (a few ms); only the answer to the newest query is shown.
  useEffect(() => {
    const term = query.trim();
    if (!term) return;
    const ticket = ++latest.current;
    void api.searchDirectory({ query: term, limit: 100 }).then((result) => {
      if (ticket === latest.current && result.ok) setResults({ query: term, hits: result.value });
    });
  }, [api, query, generation]);

  if (status?.state === 'no-device') {
    return (
      <section className="calllog-empty" data-testid="directory-unavailable">
        <span className="empty-icon" aria-hidden="true">
          <UsersIcon size={28} />
        </span>
        <div className="empty-title">{t('directory.needsNumberSignIn')}</div>
        <div className="muted">{t('directory.needsNumberSignInHint')}</div>
      </section>
    );
  }

  const call = (number: string) => {
    setCard(null);
    void dial(number);
  };
  const searching = query.trim() !== '';
  const stale = status?.error === 'offline' || status?.error === 'server-error';

  return (
    <section className="directory" aria-label={t('directory.label')} data-testid="directory">
      <div className="calllog-toolbar">
        <label className="calllog-search">
          <SearchIcon size={16} className="calllog-search-icon" />
          <input
            ref={searchBox}
            type="search"
            value={query}
            placeholder={t('directory.search')}
            aria-label={t('directory.search')}
            data-testid="directory-search"
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              // Arrow down or Enter moves to the best match; Enter there calls (never a call straight from typing).
              if (event.key !== 'ArrowDown' && event.key !== 'Enter') return;
              const first = document.querySelector<HTMLElement>('[data-testid="search-result"] .dir-row-open');
              if (!first) return;
              event.preventDefault();
              first.focus();
            }}
          />
        </label>
      </div>
      {status && (status.state === 'syncing' || stale || status.error === 'signed-out-elsewhere') && (
        <div className="dir-status muted" role="status" data-testid="directory-status" data-state={status.state}>
          {status.state === 'syncing'
            ? t('directory.syncing')
            : status.error === 'signed-out-elsewhere'
              ? t('directory.signedOutElsewhere')
              : t('directory.offline')}
        </div>
      )}
      {error && (
        <div className="notice notice-error calllog-notice" role="alert">
          <AlertIcon size={18} className="notice-icon" />
          <div>
            <div className="notice-title">{t(error.key)}</div>
            {error.detail && <div className="notice-detail">{error.detail}</div>}
          </div>
        </div>
      )}
      {searching ? (
        <SearchResults
          query={results.query}
          hits={results.hits}
          canDial={canDial && !pending}
          onDial={call}
          onOpen={setCard}
          onBackToSearch={() => searchBox.current?.focus()}
        />
      ) : status && status.people === 0 ? (
        <div className="calllog-empty" data-testid="directory-empty">
          <span className="empty-icon" aria-hidden="true">
            <UsersIcon size={28} />
          </span>
          <div className="empty-title">
            {status.state === 'syncing' ? t('directory.loading') : t('directory.empty')}
          </div>
        </div>
      ) : (
        <DirectoryTree
          generation={generation}
          everyone={status?.people ?? 0}
          canDial={canDial && !pending}
          onDial={call}
          onOpen={setCard}
        />
      )}
      {card && <PersonCard person={card} canDial={canDial && !pending} onDial={call} onClose={() => setCard(null)} />}
    </section>
  );
}
