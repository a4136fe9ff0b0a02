import type { Permission } from '../api/types.js';

export interface NavItem {
  label: string;
  to: string;
  /** Shown only to roles holding this permission. */
  permission: Permission;
}

export interface NavSection {
  title: string | null;
  items: NavItem[];
}

export const NAVIGATION: NavSection[] = [
  { title: null, items: [{ label: 'Dashboard', to: '/', permission: 'register:read' }] },
  {
    title: 'Register',
    items: [
      { label: 'Assets', to: '/assets', permission: 'register:read' },
      { label: 'Suppliers', to: '/suppliers', permission: 'register:read' },
      { label: 'Processes', to: '/processes', permission: 'register:read' },
      { label: 'Process matrix', to: '/matrix', permission: 'register:read' },
      { label: 'Inventory reviews', to: '/reviews', permission: 'register:read' },
    ],
  },
  {
    title: 'Controls',
    items: [
      { label: 'Frameworks', to: '/frameworks', permission: 'catalog:read' },
      { label: 'Controls', to: '/controls', permission: 'catalog:read' },
    ],
  },
  {
    title: 'Work',
    items: [
      { label: 'My work', to: '/work', permission: 'work:read' },
      { label: 'Work orders', to: '/work-orders', permission: 'work:read' },
      { label: 'Nonconformances', to: '/nonconformances', permission: 'work:read' },
      { label: 'Restore tests', to: '/restore-tests', permission: 'work:read' },
      { label: 'DR exercises', to: '/dr-exercises', permission: 'work:read' },
    ],
  },
  {
    title: 'Assurance',
    items: [
      { label: 'Posture', to: '/posture', permission: 'posture:read' },
      { label: 'SOC 2 A1.2', to: '/soc2/a1-2', permission: 'posture:read' },
      { label: 'Backups', to: '/backups', permission: 'backups:read' },
      { label: 'Reports', to: '/reports/effectiveness', permission: 'reports:read' },
      { label: 'Evidence packs', to: '/reports/packs', permission: 'reports:read' },
      { label: 'Audit log', to: '/audit', permission: 'audit:read' },
    ],
  },
  {
    title: 'Administration',
    items: [
      { label: 'Users', to: '/admin/users', permission: 'users:manage' },
      { label: 'API tokens', to: '/admin/tokens', permission: 'tokens:manage' },
    ],
  },
];

/** Whether a navigation entry is the current page or one of its children. */
export function isActive(item: NavItem, pathname: string): boolean {
  if (item.to === '/') return pathname === '/';
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
