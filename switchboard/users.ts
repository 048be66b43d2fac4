export type SwitchboardUser = { user: string; password: string; displayName: string };

/** Demo accounts for development; 1003 is meant for a plain SIP phone (baresip). Unicode names on purpose. */
export const demoUsers: SwitchboardUser[] = [
  { user: '1001', password: 'alice-secret', displayName: 'Alice 爱丽丝' },
  { user: '1002', password: 'bob-secret', displayName: 'Bob Müller' },
  { user: '1003', password: 'phone-secret', displayName: 'Desk Phone 1003' },
];
