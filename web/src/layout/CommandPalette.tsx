import { Badge, Button, Group, Kbd, Loader, Modal, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks';
import { useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { SEARCH_KIND_LABELS, pathOfResult, useSearch, type SearchResult } from '../api/search.js';
import './command-palette.css';

/**
 * The Ctrl-K / Cmd-K search over everything the role may read (GET /search): a dialog (focus kept
 * inside, Escape closes) with a combobox and its listbox; the arrow keys move through the results,
 * Enter opens the one chosen. The header's button opens it for pointer users.
 */
export function CommandPalette() {
  const [opened, { open, close }] = useDisclosure(false);
  // Both, on every platform: Ctrl-K on Windows and Linux, Cmd-K on a Mac; even in a text field.
  useHotkeys(
    [
      ['ctrl+K', open],
      ['meta+K', open],
    ],
    [],
  );
  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={open}
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="open-search"
        rightSection={
          <Kbd size="xs" visibleFrom="sm">
            Ctrl K
          </Kbd>
        }
      >
        Search
      </Button>
      <Modal opened={opened} onClose={close} title="Search" size="lg" yOffset="10vh">
        {opened ? <PaletteBody onDone={close} /> : null}
      </Modal>
    </>
  );
}

function PaletteBody({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const listId = useId();
  const [words, setWords] = useState('');
  const [debounced] = useDebouncedValue(words, 120);
  const search = useSearch(debounced);
  const [active, setActive] = useState(0);
  const items = words.trim() ? (search.data?.items ?? []) : [];
  const current = Math.min(active, Math.max(items.length - 1, 0));

  function go(result: SearchResult | undefined) {
    if (!result) return;
    onDone();
    void navigate(pathOfResult(result));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (items.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((current + 1) % items.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current - 1 + items.length) % items.length);
    } else if (event.key === 'Home') {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      setActive(items.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(items[current]);
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  const status = !words.trim()
    ? 'Type a key, a name, words of a title, a tag, an e-mail or a number (WO-12, NC-3, INC-7)'
    : search.isFetching && items.length === 0
      ? 'Searching…'
      : items.length === 0
        ? 'Nothing found'
        : `${items.length} result${items.length === 1 ? '' : 's'}${search.data?.more ? '; more match, add words to narrow them' : ''}`;

  return (
    <>
      <TextInput
        data-autofocus
        aria-label="Search records"
        placeholder="Search assets, suppliers, controls, work, nonconformances, incidents, people…"
        value={words}
        onChange={(event) => {
          setWords(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? optionId(current) : undefined}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        autoComplete="off"
        spellCheck={false}
      />
      <ul role="listbox" id={listId} aria-label="Search results" className="command-palette-list">
        {items.map((item, index) => (
          <li
            key={`${item.kind}:${item.id}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className="command-palette-option"
            onClick={() => go(item)}
            onMouseMove={() => setActive(index)}
          >
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate="end">
                  {item.title}
                </Text>
                <Text size="xs" c="dimmed" truncate="end">
                  {item.detail}
                </Text>
              </div>
              <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                {SEARCH_KIND_LABELS[item.kind]}
              </Badge>
            </Group>
          </li>
        ))}
      </ul>
      <Text size="xs" c="dimmed" role="status" data-testid="search-status">
        {status}
      </Text>
    </>
  );
}
