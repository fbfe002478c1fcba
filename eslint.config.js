// Type-aware linting: floating promises and non-exhaustive switches are errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/*.tmp.ts', '**/dist/**', '**/node_modules/**', 'data/**', 'packages/db/migrations/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // "today" is a Shanghai day: shanghaiDate() (contracts/dates.ts); calendar arithmetic: addDays / calendarDayOf
      'no-restricted-syntax': ['error',
        {
          selector: "CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.callee.property.name='toISOString'][arguments.1.value=10], CallExpression[callee.property.name='split'][callee.object.callee.property.name='toISOString'][arguments.0.value='T']",
          message: 'A UTC date is not "today" in Shanghai: use shanghaiDate() for today, addDays()/calendarDayOf() for calendar arithmetic (@lianxin/contracts).',
        },
        {
          selector: "Literal[value=/\\bcurrent_date\\b|\\bnow\\(\\)::date\\b/i], TemplateElement[value.raw=/\\bcurrent_date\\b|\\bnow\\(\\)::date\\b/i]",
          message: 'The SQL current date is the database server\'s day, not Shanghai\'s: pass shanghaiDate() as a parameter.',
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
