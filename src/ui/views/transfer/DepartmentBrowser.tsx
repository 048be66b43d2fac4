/**
 * The department tree as the Wo Cloud client's 呼叫转接 shows it: a level at a time, its sub-departments (with how
 * many people) and the people directly in it, and a trail back up.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronIcon } from '../../components/icons.tsx';
import { useApi } from '../../state/api-context.ts';
import { departmentChildren, departmentTrail } from './picker-model.ts';
import { PickerPerson } from './PickerRows.tsx';
import { useDepartmentLevel } from './use-picker-data.ts';

export function DepartmentBrowser(props: { selected: string; onPick: (number: string) => void }) {
  const { t } = useTranslation();
  const [at, setAt] = useState<number | null>(null);
  const { departments, people } = useDepartmentLevel(useApi(), at);
  const children = departmentChildren(departments, at);
  const trail = departmentTrail(departments, at);
  return (
    <div className="picker-departments" data-testid="picker-departments">
      <nav className="picker-trail" aria-label={t('directory.tree')}>
        <button type="button" className="picker-trail-step" data-testid="picker-trail-top" onClick={() => setAt(null)}>
          {t('transfer.picker.allDepartments')}
        </button>
        {trail.map((department) => (
          <span key={department.id} className="picker-trail-part">
            <span aria-hidden="true">›</span>
            <button
              type="button"
              className="picker-trail-step"
              aria-current={department.id === at ? 'location' : undefined}
              onClick={() => setAt(department.id)}
            >
              {department.name}
            </button>
          </span>
        ))}
      </nav>
      <ul className="picker-people picker-list" aria-label={t('transfer.picker.tabs.departments')}>
        {children.map((department) => (
          <li key={`d${department.id}`}>
            <button
              type="button"
              className="picker-department"
              data-testid="picker-department"
              data-name={department.name}
              onClick={() => setAt(department.id)}
            >
              <span className="picker-person-name">{department.name}</span>
              <span className="picker-person-number">
                {t('directory.count', { count: department.totalCount })}
                <ChevronIcon size={14} />
              </span>
            </button>
          </li>
        ))}
        {people.map((person) => (
          <li key={`p${person.number}-${person.name}`}>
            <PickerPerson
              person={person}
              selected={props.selected === person.number}
              onPick={() => props.onPick(person.number)}
            />
          </li>
        ))}
        {at !== null && children.length === 0 && people.length === 0 && (
          <li className="picker-empty">{t('directory.noMatches')}</li>
        )}
      </ul>
    </div>
  );
}
