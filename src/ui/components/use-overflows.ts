/**
 * Whether an element's content is taller than the element, kept current as either changes size. A panel that
 * scrolls must be reachable by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable), and one that does not
 * should not cost a Tab stop, so callers give it tabIndex 0 only while this is true.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useOverflows(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    const mutations = new MutationObserver(() => {
      for (const child of element.children) observer.observe(child);
      measure();
    });
    mutations.observe(element, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, [ref]);
  return overflows;
}
