// Next 16's proxy (formerly middleware): Clerk authenticates every request here, and every page
// not on the public list sends a signed-out visitor to /sign-in and back afterwards.
import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server'
import { env } from './lib/env'
import { PUBLIC_ROUTES, SIGN_IN_URL, SIGN_UP_URL } from './lib/routes'

// `/sign-in(/.*)?`, not Clerk's usual `/sign-in(.*)`, which would also let `/sign-in-later` through.
const isPublicRoute = createRouteMatcher(
  PUBLIC_ROUTES.map((route) => route.replace(/\/\*$/, '(/.*)?')),
)

export default clerkMiddleware(
  async (auth, request) => {
    if (!isPublicRoute(request)) await auth.protect()
  },
  {
    signInUrl: SIGN_IN_URL,
    signUpUrl: SIGN_UP_URL,
    // Verify session tokens with the PEM key instead of fetching the JWKS (Next reads no env
    // for this; it must be passed here).
    jwtKey: env.CLERK_JWT_KEY,
  },
)

export const config = {
  matcher: [
    // Everything except Next internals, static files and Clerk's webhook route (exactly that
    // path: one below it is an unknown page, which signed out goes to sign-in like any other).
    // The webhook's Svix signature is its check, and a proxied request's body is buffered (up to
    // 10 MiB) before the route runs, while the route refuses anything over 1 MiB without reading
    // further. Next reads this list at build time, so it is a literal.
    '/((?!_next|api/webhooks/clerk$|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
  ],
}
