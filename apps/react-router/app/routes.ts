import { index, type RouteConfig, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('ssr', 'routes/ssr.tsx'),
  route('sign-in/*', 'routes/sign-in.tsx'),
  route('sign-up/*', 'routes/sign-up.tsx'),
  route('api/webhooks/clerk', 'routes/api.webhooks.clerk.ts'),
] satisfies RouteConfig
