import type { Permission } from '../api/types.js';

export interface NavItem {
  label: string;
  to: string;
  /** Shown only to roles holding this permission. */
  permission: Permission;
  /** Shown to an engaged auditor too: the pages their engagement opens (docs/auditor-access.md). */
  engaged?: true;
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
      { label: 'Assets', to: '/assets', permission: 'register:read', engaged: true },
      { label: 'Suppliers', to: '/suppliers', permission: 'register:read', engaged: true },
      { label: 'Processes', to: '/processes', permission: 'register:read', engaged: true },
      { label: 'Process matrix', to: '/matrix', permission: 'register:read', engaged: true },
      { label: 'Supplier reviews', to: '/supplier-reviews', permission: 'register:read' },
      { label: 'Inventory reviews', to: '/reviews', permission: 'register:read' },
      { label: 'Certificates', to: '/certificates', permission: 'register:read' },
    ],
  },
  {
    title: 'Controls',
    items: [
      { label: 'Frameworks', to: '/frameworks', permission: 'catalog:read', engaged: true },
      { label: 'Controls', to: '/controls', permission: 'catalog:read', engaged: true },
    ],
  },
  {
    title: 'Work',
    items: [
      { label: 'My work', to: '/work', permission: 'work:read' },
      { label: 'Calendar', to: '/calendar', permission: 'work:read' },
      { label: 'Work orders', to: '/work-orders', permission: 'work:read', engaged: true },
      { label: 'Nonconformances', to: '/nonconformances', permission: 'work:read', engaged: true },
      { label: 'CAPAs', to: '/capas', permission: 'work:read', engaged: true },
      { label: 'Restore tests', to: '/restore-tests', permission: 'work:read', engaged: true },
      { label: 'DR exercises', to: '/dr-exercises', permission: 'work:read', engaged: true },
      { label: 'Incidents', to: '/incidents', permission: 'incidents:read', engaged: true },
      { label: 'Changes', to: '/changes', permission: 'changes:read' },
      { label: 'Vulnerability findings', to: '/findings', permission: 'work:read' },
      { label: 'My training', to: '/training', permission: 'training:complete' },
    ],
  },
  {
    title: 'Assurance',
    items: [
      { label: 'Documents', to: '/documents', permission: 'documents:read' },
      { label: 'Training register', to: '/training/register', permission: 'training:read' },
      { label: 'Posture', to: '/posture', permission: 'posture:read', engaged: true },
      { label: 'SOC 2 A1.2', to: '/soc2/a1-2', permission: 'posture:read' },
      { label: 'Backups', to: '/backups', permission: 'backups:read' },
      { label: 'Reports', to: '/reports/effectiveness', permission: 'reports:read', engaged: true },
      { label: 'Evidence packs', to: '/reports/packs', permission: 'reports:read', engaged: true },
      { label: 'Audit log', to: '/audit', permission: 'audit:read' },
    ],
  },
  {
    title: 'Access',
    items: [
      { label: 'People', to: '/people', permission: 'people:read' },
      { label: 'Accounts', to: '/accounts', permission: 'accounts:read' },
      { label: 'Access requests', to: '/access-requests', permission: 'accounts:read' },
      { label: 'Access reviews', to: '/access-reviews', permission: 'accounts:read' },
    ],
  },
  {
    title: 'Administration',
    items: [
      { label: 'Users', to: '/admin/users', permission: 'users:manage' },
      { label: 'API tokens', to: '/admin/tokens', permission: 'tokens:manage' },
      { label: 'Auditor access', to: '/admin/auditor-access', permission: 'users:manage' },
      { label: 'Outbox', to: '/admin/outbox', permission: 'notifications:read' },
    ],
  },
];

/** Whether a navigation entry is the current page or one of its children. */
export function isActive(item: NavItem, pathname: string): boolean {
  if (item.to === '/') return pathname === '/';
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
