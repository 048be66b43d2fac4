/**
 * The department tree as one virtualized list: departments (any depth, with counts) expand to
 * their sub-departments and the people directly in them. People are fetched a page at a time as
 * rows scroll into view, so a department of 100k people costs what is visible.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryDepartment, DirectoryPerson } from '../../../shared/directory.ts';
import { ChevronIcon, UsersIcon } from '../../components/icons.tsx';
import { useApi } from '../../state/api-context.ts';
import { PersonRow } from './PersonRow.tsx';

const PAGE = 100;
/** The whole company as one node, for browsing everyone by name. */
const EVERYONE = -1;

type Row =
  | { kind: 'department'; department: DirectoryDepartment; depth: number; expanded: boolean }
  | { kind: 'person'; departmentId: number; index: number; depth: number };

type Props = {
  generation: number;
  everyone: number;
  canDial: boolean;
  onDial: (number: string) => void;
  onOpen: (person: DirectoryPerson) => void;
};

export function DirectoryTree({ generation, everyone, canDial, onDial, onOpen }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [departments, setDepartments] = useState<DirectoryDepartment[]>([]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [pages, setPages] = useState<ReadonlyMap<string, DirectoryPerson[]>>(new Map());
  const asked = useRef(new Set<string>());
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void api.listDepartments({}).then((result) => {
      if (!live || !result.ok) return;
      setDepartments(result.value);
      // New data: people pages are asked again as they show.
      asked.current = new Set();
      setPages(new Map());
    });
    return () => {
      live = false;
    };
  }, [api, generation]);

  const rows = useMemo(() => {
    const children = new Map<number | null, DirectoryDepartment[]>();
    for (const d of departments) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d]);
    const out: Row[] = [];
    const everyoneNode: DirectoryDepartment = {
      id: EVERYONE,
      parentId: null,
      name: t('directory.everyone'),
      directCount: everyone,
      totalCount: everyone,
    };
    const walk = (department: DirectoryDepartment, depth: number) => {
      const open = expanded.has(department.id);
      out.push({ kind: 'department', department, depth, expanded: open });
      if (!open) return;
      for (const child of children.get(department.id) ?? []) walk(child, depth + 1);
      for (let index = 0; index < department.directCount; index++) {
        out.push({ kind: 'person', departmentId: department.id, index, depth: depth + 1 });
      }
    };
    for (const root of children.get(null) ?? []) walk(root, 0);
    walk(everyoneNode, 0);
    return out;
  }, [departments, expanded, everyone, t]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 6,
  });

  const personAt = useCallback(
    (departmentId: number, index: number): DirectoryPerson | undefined => {
      const page = Math.floor(index / PAGE);
      const key = `${departmentId}:${page}`;
      const loaded = pages.get(key);
      if (loaded) return loaded[index - page * PAGE];
      if (!asked.current.has(key)) {
        asked.current.add(key);
        void api
          .listDirectoryPeople({
            departmentId: departmentId === EVERYONE ? null : departmentId,
            offset: page * PAGE,
            limit: PAGE,
          })
          .then((result) => {
            if (result.ok) setPages((old) => new Map(old).set(key, result.value));
          });
      }
      return undefined;
    },
    [api, pages],
  );

  const toggle = (id: number) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div
      className="dir-scroll"
      ref={scroller}
      // A list of disclosure buttons (departments) and people rows: a tree's items may not hold a
      // Call button, and a person is two controls (open the card, call).
      role="list"
      aria-label={t('directory.tree')}
      data-testid="directory-tree"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const style = {
            position: 'absolute',
            top: 0,
            left: 0,
            right: 0,
            transform: `translateY(${item.start}px)`,
          } as const;
          if (row.kind === 'department') {
            const { department } = row;
            return (
              <div
                key={`d${department.id}`}
                role="listitem"
                style={style}
                data-index={item.index}
                ref={virtualizer.measureElement}
              >
                <button
                  type="button"
                  className="dir-row dir-department"
                  aria-expanded={row.expanded}
                  data-testid="directory-department"
                  data-name={department.name}
                  style={{ paddingLeft: 12 + row.depth * 16 }}
                  onClick={() => toggle(department.id)}
                >
                  <ChevronIcon size={16} className={`dir-chevron${row.expanded ? ' dir-chevron-open' : ''}`} />
                  {department.id === EVERYONE && <UsersIcon size={16} className="dir-everyone-icon" />}
                  <span className="dir-department-name">{department.name}</span>
                  <span className="dir-count" aria-label={t('directory.count', { count: department.totalCount })}>
                    {department.totalCount}
                  </span>
                </button>
              </div>
            );
          }
          const person = personAt(row.departmentId, row.index);
          return (
            <div
              key={`p${row.departmentId}:${row.index}`}
              role="listitem"
              style={style}
              data-index={item.index}
              ref={virtualizer.measureElement}
            >
              {person ? (
                <PersonRow
                  person={person}
                  canDial={canDial}
                  indent={row.depth}
                  onDial={onDial}
                  onOpen={onOpen}
                  testId="directory-person"
                />
              ) : (
                <div
                  className="dir-row dir-placeholder"
                  style={{ paddingLeft: 12 + row.depth * 16 }}
                  aria-hidden="true"
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
