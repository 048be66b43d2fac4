import { describe, expect, it } from 'vitest';
import type { DirectoryDepartment } from '../../../shared/directory.ts';
import type { GroupPresence } from '../../../shared/presence.ts';
import {
  departmentChildren,
  departmentTrail,
  filterDeskPhones,
  filterGroups,
  groupFreeCount,
  outsideNumber,
} from './picker-model.ts';

const group = (number: string, name: string, available: number, members = 3): GroupPresence => ({
  number,
  name,
  available,
  members: Array.from({ length: members }, (_, i) => `${number}${i}`),
  ringTimeoutSec: 20,
});

const department = (id: number, parentId: number | null, name: string): DirectoryDepartment => ({
  id,
  parentId,
  name,
  directCount: 1,
  totalCount: 1,
});

describe('the transfer picker', () => {
  it('lists groups with someone free first, then by number, and finds them by name or number', () => {
    const groups = [group('8300', '销售热线 Sales', 0), group('8200', '客服热线 Hotline', 2), group('8100', 'Ops', 0)];
    expect(filterGroups(groups, '').map((g) => g.number)).toEqual(['8200', '8100', '8300']);
    expect(filterGroups(groups, ' sales ').map((g) => g.number)).toEqual(['8300']);
    expect(filterGroups(groups, '客服').map((g) => g.number)).toEqual(['8200']);
    expect(filterGroups(groups, '83').map((g) => g.number)).toEqual(['8300']);
    expect(filterGroups(groups, 'nobody')).toEqual([]);
  });

  it('counts a group’s free agents against all its members', () => {
    expect(groupFreeCount(group('8200', 'Hotline', 2, 5))).toEqual({ free: 2, total: 5 });
  });

  it('finds desk phones by their owner’s name, extension or SIP user', () => {
    const phones = [
      { sipUser: 'desk-lobby', extension: '8000', name: '前台 Reception' },
      { sipUser: '1003', extension: '8002', name: '李娜 Li Na' },
    ];
    expect(filterDeskPhones(phones, '').length).toBe(2);
    expect(filterDeskPhones(phones, 'li na').map((p) => p.sipUser)).toEqual(['1003']);
    expect(filterDeskPhones(phones, '8000').map((p) => p.sipUser)).toEqual(['desk-lobby']);
    expect(filterDeskPhones(phones, 'LOBBY').map((p) => p.sipUser)).toEqual(['desk-lobby']);
  });

  it('browses the department tree a level at a time, with the trail from the top', () => {
    const tree = [
      department(1, null, '销售部 Sales'),
      department(2, 1, '华南 South'),
      department(3, 1, '华东 East'),
      department(4, null, '行政 Admin'),
    ];
    expect(departmentChildren(tree, null).map((d) => d.id)).toEqual([1, 4]);
    expect(departmentChildren(tree, 1).map((d) => d.id)).toEqual([2, 3]);
    expect(departmentChildren(tree, 3)).toEqual([]);
    expect(departmentTrail(tree, 2).map((d) => d.name)).toEqual(['销售部 Sales', '华南 South']);
    expect(departmentTrail(tree, null)).toEqual([]);
    expect(departmentTrail(tree, 99)).toEqual([]);
  });

  it('survives a department tree that loops', () => {
    const looped = [department(1, 2, 'A'), department(2, 1, 'B')];
    expect(departmentTrail(looped, 1).map((d) => d.name)).toEqual(['B', 'A']);
  });

  it('takes an outside number as typed or pasted, and refuses what is not one', () => {
    expect(outsideNumber('+86 139-1234-5678')).toBe('+8613912345678');
    expect(outsideNumber('(025) 5795.125')).toBe('0255795125');
    expect(outsideNumber('8002')).toBeNull();
    expect(outsideNumber('call me')).toBeNull();
    expect(outsideNumber('')).toBeNull();
    expect(outsideNumber('+1234567890123456')).toBeNull();
  });
});
