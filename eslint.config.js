import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerImportsRule } from './eslint/layer-imports.js';

const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'bench/', 'node_modules/', 'test-results/', 'playwright-report/', 'test/fixtures/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { layers: { rules: { imports: layerImportsRule } } },
    rules: {
      'layers/imports': ['error', { root }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**', 'main/web/bridge/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
