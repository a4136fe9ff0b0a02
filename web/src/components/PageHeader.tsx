import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  to: string;
}

/** Title, breadcrumbs, a short description and the page's main actions. */
export function PageHeader({
  title,
  description,
  crumbs = [],
  actions,
  badges,
}: {
  title: ReactNode;
  description?: ReactNode;
  crumbs?: Crumb[];
  actions?: ReactNode;
  badges?: ReactNode;
}) {
  return (
    <Stack gap="xs" mb="lg">
      {crumbs.length > 0 ? (
        <Breadcrumbs>
          {crumbs.map((crumb) => (
            <Anchor key={crumb.to} component={Link} to={crumb.to} size="sm">
              {crumb.label}
            </Anchor>
          ))}
        </Breadcrumbs>
      ) : null}
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{title}</Title>
            {badges}
          </Group>
          {description ? (
            <Text c="dimmed" size="sm" maw={720}>
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
