import {
  Alert,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useSession } from '../api/identity.js';
import { useCan, useCurrentUser } from '../auth/permissions.js';
import { formatDateTime } from '../components/format.js';
import { USER_ROLE_LABELS } from '../components/labels.js';
import { MailStatusBanner } from '../pages/admin/MailStatusBanner.js';
import { CommandPalette } from './CommandPalette.js';
import { Logo } from './Logo.js';
import { NAVIGATION, isActive } from './navigation.js';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink.js';

/** The signed-in frame: header with the user, navigation on the left, the page in the middle. */
export function AppLayout() {
  const [navbarOpen, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const can = useCan();
  const user = useCurrentUser();
  const logout = useLogout();
  const engagement = useSession().data?.engagement ?? null;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navbarOpen } }}
      padding="lg"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navbarOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Menu"
            />
            <Logo />
          </Group>
          <Group gap="sm" wrap="nowrap">
            {engagement ? null : <CommandPalette />}
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text size="sm" fw={500} data-testid="current-user">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {user.email}
              </Text>
            </Stack>
            <Badge variant="light" visibleFrom="sm">
              {USER_ROLE_LABELS[user.role]}
            </Badge>
            <Button
              variant="default"
              size="xs"
              loading={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, {
                  onSettled: () => void navigate('/login', { replace: true }),
                })
              }
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {NAVIGATION.map((section) => {
            const items = section.items.filter(
              (item) => can(item.permission) && (!engagement || item.engaged),
            );
            if (items.length === 0) return null;
            return (
              <Stack key={section.title ?? 'home'} gap={2} mb="md">
                {section.title ? (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                    {section.title}
                  </Text>
                ) : null}
                {items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={isActive(item, location.pathname)}
                    onClick={close}
                  />
                ))}
              </Stack>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
        {engagement ? (
          <Alert color="blue" mb="md" data-testid="engagement-banner" title="Audit engagement">
            {engagement.framework}, period {engagement.periodFrom} to {engagement.periodTo}.
            Read-only access until {formatDateTime(engagement.expiresAt)}; every view and download
            is recorded in the audit log.
          </Alert>
        ) : null}
        {can('users:manage') ? <MailStatusBanner /> : null}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
