import {
  Anchor,
  Badge,
  Button,
  createTheme,
  SegmentedControl,
  TableScrollContainer,
  type CSSVariablesResolver,
} from '@mantine/core';

/**
 * System fonts only: the CSP allows no external font hosts. Colours and component defaults meet
 * WCAG 2.1 AA (docs/accessibility.md): text at least 4.5:1 against its background, links told
 * apart by more than colour, badges and buttons never cut their words.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 of each colour under white text on filled buttons and badges (shade 6 is 3.6:1).
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // A link inside a sentence must not be told apart by colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A status badge shows its full words: it keeps its width in a row and wraps when wider
    // than its cell, instead of ending in "OVE…".
    Badge: Badge.extend({
      styles: {
        root: {
          flexShrink: 0,
          maxWidth: '100%',
          height: 'auto',
          minHeight: 'var(--badge-height)',
        },
        label: {
          whiteSpace: 'normal',
          overflow: 'visible',
          textOverflow: 'clip',
          textAlign: 'center',
          lineHeight: 1.35,
        },
      },
    }),
    Button: Button.extend({ styles: { root: { flexShrink: 0 } } }),
    // Tabs of a filter scroll sideways on a phone rather than spill over the page.
    SegmentedControl: SegmentedControl.extend({
      styles: { root: { maxWidth: '100%', overflowX: 'auto' } },
    }),
    // A wide table's scroller takes the keyboard focus, so it can be scrolled without a mouse
    // even when no link or button inside it would.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});

/**
 * Text colours of at least 5:1 against white, gray 0 and the colour's own light shades 1 and 2
 * (a light badge's or alert's background): Mantine's shade 9 is only 2.7:1 for yellow and 3.6:1
 * for orange. Computed once from Mantine's palette by darkening shade 9 in 2 % steps.
 */
const READABLE_TEXT: Record<string, string> = {
  red: '#a52222',
  pink: '#9f1d4a',
  grape: '#7e2b93',
  violet: '#5436ac',
  indigo: '#2e44ab',
  blue: '#145490',
  cyan: '#096272',
  teal: '#07684b',
  green: '#226c30',
  lime: '#446e0a',
  yellow: '#984f00',
  orange: '#a1350b',
};

/** Colours whose shade 8 is too light under white text: their filled variant uses the above. */
const DARKENED_FILLED = ['cyan', 'teal', 'green', 'lime', 'yellow', 'orange'];

/**
 * Mantine's dimmed text (gray 6, 3.3:1 on white) and links (blue 6, 3.6:1) are too faint for
 * WCAG AA: secondary text is gray 7 and links blue 9; coloured text (light and outline badges,
 * alerts, `c="red"`) uses the readable colours above.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
    '--mantine-color-error': READABLE_TEXT.red!,
  };
  for (const [color, value] of Object.entries(READABLE_TEXT)) {
    light[`--mantine-color-${color}-light-color`] = value;
    light[`--mantine-color-${color}-text`] = value;
    light[`--mantine-color-${color}-outline`] = value;
    if (DARKENED_FILLED.includes(color)) light[`--mantine-color-${color}-filled`] = value;
  }
  return { variables: {}, light, dark: {} };
};
