import type { Config } from '@react-router/dev/config'

// Server rendering on: the loaders run per request with the user's Clerk session.
export default {
  ssr: true,
} satisfies Config
