/**
 * Search results as you type, best first, the matched part highlighted. Arrow keys move between
 * results (from the search box too); Enter calls the focused colleague's extension.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson, SearchHit } from '../../../shared/directory.ts';
import { SearchIcon } from '../../components/icons.tsx';
import { PersonRow } from './PersonRow.tsx';

type Props = {
  query: string;
  hits: SearchHit[];
  canDial: boolean;
  onDial: (number: string) => void;
  onOpen: (person: DirectoryPerson) => void;
  onBackToSearch: () => void;
};

export function SearchResults({ query, hits, canDial, onDial, onOpen, onBackToSearch }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 6,
  });

  const focusRow = (index: number) => {
    if (index < 0) return onBackToSearch();
    if (index >= hits.length) return;
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() =>
      scroller.current
        ?.querySelector<HTMLElement>(`[data-index="${index}"] [data-testid="search-result"] .dir-row-open`)
        ?.focus(),
    );
  };

  if (hits.length === 0) {
    return (
      <div className="calllog-empty" data-testid="search-results" data-query={query}>
        <span className="empty-icon" aria-hidden="true">
          <SearchIcon size={28} />
        </span>
        <div className="empty-title">{t('directory.noMatches')}</div>
        <div className="muted">{t('directory.noMatchesHint')}</div>
      </div>
    );
  }
  return (
    <div
      className="dir-scroll"
      ref={scroller}
      role="list"
      aria-label={t('directory.results')}
      data-testid="search-results"
      data-query={query}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const hit = hits[item.index]!;
          return (
            <div
              key={hit.person.id}
              role="listitem"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              <PersonRow
                person={hit.person}
                match={hit.match}
                canDial={canDial}
                onDial={onDial}
                onOpen={onOpen}
                testId="search-result"
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown') focusRow(item.index + 1);
                  else if (event.key === 'ArrowUp') focusRow(item.index - 1);
                  else return;
                  event.preventDefault();
                }}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
