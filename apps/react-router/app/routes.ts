import { index, layout, type RouteConfig, route } from '@react-router/dev/routes'

// The public list is the top level: anyone may request these. Every other route, a path no page
// names included, sits in the signed-in layout, whose middleware sends a signed-out visitor to
// sign-in. Static files are served before any route and are public too.
export default [
  route('sign-in/*', 'routes/sign-in.tsx'),
  route('sign-up/*', 'routes/sign-up.tsx'),
  route('api/webhooks/clerk', 'routes/api.webhooks.clerk.ts'),
  layout('routes/signed-in.tsx', [
    index('routes/home.tsx'),
    route('ssr', 'routes/ssr.tsx'),
    // Without it an unknown path is a 404 before any middleware runs, which tells a signed-out
    // visitor what exists; here it goes to sign-in, as in the Next app.
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig
