import { FormatRegistry } from '@sinclair/typebox'

// TypeBox checks a `format` only when it is registered: the two the kit's schemas use.
if (!FormatRegistry.Has('uuid'))
  FormatRegistry.Set('uuid', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v))
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v),
  )
