import { createTheme, InputWrapper, type MantineColorsTuple } from '@mantine/core';

/**
 * A calm, high-contrast theme. The primary shade is dark enough for white text (≥ 4.5:1) and for
 * blue text on white; focus is always visible for keyboard users.
 */
const lotseBlue: MantineColorsTuple = [
  '#e8f1fb',
  '#d0e1f5',
  '#a3c3ea',
  '#72a2df',
  '#4a86d5',
  '#3274cf',
  '#1f5fb8',
  '#154f9e',
  '#0d4287',
  '#033570',
];

export const theme = createTheme({
  primaryColor: 'lotse',
  primaryShade: 8,
  colors: { lotse: lotseBlue },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  other: { appName: 'Lotse' },
  components: {
    // a field's hint ("TT.MM.JJJJ") under its input, above an error: the input boxes of a form row
    // line up whether or not a field has a hint (every input reads InputWrapper's defaults)
    InputWrapper: InputWrapper.extend({
      defaultProps: { inputWrapperOrder: ['label', 'input', 'description', 'error'] },
    }),
  },
});
