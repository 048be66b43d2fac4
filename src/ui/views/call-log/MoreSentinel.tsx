/** Loads the next page when it scrolls into view; a button does the same for keyboards. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function MoreSentinel({ loading, onMore, testId }: { loading: boolean; onMore: () => void; testId?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((items) => {
      if (items.some((item) => item.isIntersecting)) more.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <button
      ref={ref}
      type="button"
      className="btn btn-ghost btn-block calllog-more"
      disabled={loading}
      data-testid={testId}
      onClick={onMore}
    >
      {loading ? t('callLog.loading') : t('callLog.loadMore')}
    </button>
  );
}
