import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

// Import boundaries (docs/adr/0010): core `no-restricted-imports` with regular expressions over the
// import string. A file matched by several blocks gets the last one, so each block lists all its rules.
const rule = (regex, message) => ({ regex, message })
const noAdapters = rule(
  '(^|/)adapters/',
  'Only the composition root (apps/api/src/ports.ts) imports adapters: depend on a port.',
)
const noTestKit = rule('^@qf/(testing|sandbox)$', 'Production code imports no test kit nor stand-in.')
const noRoot = rule(
  '^(\\.\\./)+(ports|app|build-server|server|in-process)\\.js$',
  'A module receives its deps; it does not import the composition root or the app.',
)
const noModuleInternals = rule(
  '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.js$)',
  'Import another module through its index.ts only.',
)
const noAboveDb = rule('^\\.\\./', 'db/ imports nothing above it (tables live under db/tables).')
const noAboveDbNested = rule('^\\.\\./\\.\\./', 'db/ imports nothing above it (tables live under db/tables).')
const noApi = rule('^@qf/api$|(^|/)api/(src|test)/', 'Nothing outside apps/api imports the API’s code.')
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export const boundaries = [
  { files: ['apps/api/src/**/*.ts'], rules: restrict(noAdapters, noTestKit) },
  { files: ['apps/api/src/ports.ts', 'apps/api/src/adapters/**/*.ts'], rules: restrict(noTestKit) },
  {
    files: ['apps/api/src/modules/*/*.ts'],
    rules: restrict(noAdapters, noTestKit, noRoot, noModuleInternals),
  },
  { files: ['apps/api/src/db/*.ts'], rules: restrict(noAboveDb, noTestKit) },
  { files: ['apps/api/src/db/*/**/*.ts'], rules: restrict(noAboveDbNested, noTestKit) },
  {
    files: ['apps/api/test/**/*.ts'],
    rules: restrict(
      rule('(^|/)sandbox/(src|test)/', 'The API’s tests use the sandbox’s package or @qf/testing.'),
    ),
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.vue'],
    rules: restrict(
      rule('^@qf/(?!contracts(/|$))', 'The SPA imports only @qf/contracts (and its own code).'),
      rule('(^|/)(api|sandbox|testing)/(src|test)/|(^|/)packages/', 'The SPA imports only @qf/contracts.'),
    ),
  },
  {
    // The SPA's browser tests against the real system run the stand-ins and the API in-process.
    files: ['apps/web/test/**/*.ts'],
    rules: restrict(
      rule(
        '^@qf/(?!(contracts|testing|sandbox)(/|$))',
        'The SPA’s tests use @qf/contracts, @qf/testing, @qf/sandbox.',
      ),
      rule(
        '(^|/)api/(src/(?!in-process\\.js$)|test/)|(^|/)(sandbox|testing)/(src|test)/|(^|/)packages/',
        'The SPA’s tests reach the API through apps/api/src/in-process.ts only, the kits through their packages.',
      ),
    ),
  },
  {
    files: ['apps/sandbox/src/**/*.ts'],
    rules: restrict(rule('^@qf/', 'The stand-ins import nothing of the project.'), noApi),
  },
  {
    files: ['apps/sandbox/test/**/*.ts'],
    rules: restrict(rule('^@qf/(?!testing$)', 'The sandbox’s tests use only @qf/testing.'), noApi),
  },
  {
    files: ['packages/**/*.ts'],
    rules: restrict(noApi, rule('^@qf/(api|sandbox|web)$|(^|/)apps/', 'Packages import no app.')),
  },
  {
    // A package's tests may run the stand-ins (the sandbox's package), never the API's code.
    files: ['packages/*/test/**/*.ts'],
    rules: restrict(
      noApi,
      rule('^@qf/(api|web)$|(^|/)apps/', 'A package’s tests use only @qf/sandbox of the apps.'),
    ),
  },
  {
    files: ['bench/**/*.ts'],
    rules: restrict(rule('(^|/)api/test/', 'The bench uses @qf/testing, not the API’s test helpers.')),
  },
]

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '**/.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  { files: ['apps/web/src/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['scripts/**', 'bench/**', '**/scripts/**', '**/test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  ...boundaries,
)
