import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../layout/page-title.js';

export interface Crumb {
  label: string;
  to: string;
}

/**
 * Title, breadcrumbs, a short description and the page's main actions. The title is the page's
 * one `h1` and names the browser tab; a title given as elements is named by its text.
 */
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
  const heading = useRef<HTMLHeadingElement>(null);
  const [titleText, setTitleText] = useState(typeof title === 'string' ? title : '');
  useLayoutEffect(() => {
    setTitleText(heading.current?.textContent ?? '');
  }, [title]);
  usePageTitle(titleText);

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
        <Stack gap={4} miw={0}>
          <Group gap="sm">
            <Title order={1} size="h2" ref={heading} style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Title>
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
