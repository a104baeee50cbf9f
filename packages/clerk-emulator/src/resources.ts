// Clerk resource JSON as clerk-js 5/6 and @clerk/backend 2/3 read it (snake_case, timestamps in
// milliseconds). Only what a password + email-code instance with organizations (no invitations,
// domains, billing, captcha or social sign-in) needs; the rest is switched off in the
// environment so the prebuilt UI never reaches for it or for third-party scripts.
import type {
  Client,
  Membership,
  Organization,
  Session,
  SignIn,
  SignUp,
  Store,
  User,
} from './store.ts'

const DAY_IN_MS = 24 * 60 * 60 * 1000
const MAX_ALLOWED_MEMBERSHIPS = 100

/** What each default role may do: Clerk's system permissions plus the kit's `tasks` feature. */
const ROLE_PERMISSIONS = {
  'org:admin': [
    'org:sys_profile:manage',
    'org:sys_profile:delete',
    'org:sys_memberships:read',
    'org:sys_memberships:manage',
    'org:tasks:manage',
    'org:tasks:read',
  ],
  'org:member': ['org:sys_memberships:read', 'org:tasks:read'],
} as const
const ROLE_NAMES = { 'org:admin': 'Admin', 'org:member': 'Member' } as const

/** Clerk's default roles, as `organization.getRoles()` lists them. */
export function rolesJSON() {
  const now = Date.now()
  return (['org:admin', 'org:member'] as const).map((key) => ({
    object: 'role',
    id: `role_${key.replace('org:', '')}`,
    key,
    name: ROLE_NAMES[key],
    description: '',
    permissions: [],
    created_at: now,
    updated_at: now,
  }))
}

export function organizationJSON(organization: Organization, store: Store) {
  return {
    object: 'organization',
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    image_url: '',
    has_image: false,
    members_count: store.membershipsOfOrganization(organization.id).length,
    pending_invitations_count: 0,
    max_allowed_memberships: MAX_ALLOWED_MEMBERSHIPS,
    admin_delete_enabled: true,
    public_metadata: {},
    created_at: organization.createdAt,
    updated_at: organization.updatedAt,
  }
}

function publicUserDataJSON(user: User | undefined, userId: string) {
  return {
    first_name: user?.firstName ?? null,
    last_name: user?.lastName ?? null,
    image_url: '',
    has_image: false,
    identifier: user?.email ?? '',
    user_id: userId,
  }
}

export function membershipJSON(membership: Membership, store: Store) {
  const organization = store.organizations.get(membership.organizationId)
  return {
    object: 'organization_membership',
    id: membership.id,
    organization: organization ? organizationJSON(organization, store) : null,
    public_metadata: {},
    public_user_data: publicUserDataJSON(store.users.get(membership.userId), membership.userId),
    role: membership.role,
    role_name: ROLE_NAMES[membership.role],
    permissions: [...ROLE_PERMISSIONS[membership.role]],
    created_at: membership.createdAt,
    updated_at: membership.updatedAt,
  }
}

/** The Backend API's organization: what only servers see, too. */
export function backendOrganizationJSON(organization: Organization, store: Store) {
  return {
    ...organizationJSON(organization, store),
    private_metadata: {},
    created_by: organization.createdBy ?? '',
  }
}

export function backendMembershipJSON(membership: Membership, store: Store) {
  const organization = store.organizations.get(membership.organizationId)
  return {
    ...membershipJSON(membership, store),
    organization: organization ? backendOrganizationJSON(organization, store) : null,
    private_metadata: {},
  }
}

/** Clerk's paginated list: one page of `items` and how many there are in all. */
export function page<T>(items: T[], query: URLSearchParams) {
  const limit = Number(query.get('limit') ?? 10) || 10
  const offset = Number(query.get('offset') ?? 0) || 0
  return { data: items.slice(offset, offset + limit), total_count: items.length }
}

export interface EnvironmentOptions {
  applicationName: string
  /** Where the prebuilt components send people; relative paths resolve against the app. */
  signInUrl: string
  signUpUrl: string
  homeUrl: string
}

export function environmentJSON(options: EnvironmentOptions) {
  const off = {
    enabled: false,
    required: false,
    used_for_first_factor: false,
    first_factors: [],
    used_for_second_factor: false,
    second_factors: [],
    verifications: [],
    verify_at_sign_up: false,
  }
  return {
    object: 'environment',
    id: 'env_emulator',
    auth_config: {
      object: 'auth_config',
      id: 'aac_emulator',
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
    },
    display_config: {
      object: 'display_config',
      id: 'display_config_emulator',
      instance_environment_type: 'production',
      application_name: options.applicationName,
      branded: false,
      preferred_sign_in_strategy: 'password',
      sign_in_url: options.signInUrl,
      sign_up_url: options.signUpUrl,
      home_url: options.homeUrl,
      after_sign_in_url: options.homeUrl,
      after_sign_up_url: options.homeUrl,
      after_sign_out_one_url: options.signInUrl,
      after_sign_out_all_url: options.signInUrl,
      after_switch_session_url: options.homeUrl,
      user_profile_url: options.homeUrl,
      logo_image_url: '',
      favicon_image_url: '',
      support_email: '',
      captcha_public_key: null,
      captcha_widget_type: null,
      captcha_provider: 'turnstile',
      captcha_public_key_invisible: null,
      captcha_oauth_bypass: [],
      show_devmode_warning: false,
      theme: {},
    },
    user_settings: {
      attributes: {
        email_address: {
          enabled: true,
          required: true,
          used_for_first_factor: true,
          first_factors: ['email_code'],
          used_for_second_factor: false,
          second_factors: [],
          verifications: ['email_code'],
          verify_at_sign_up: true,
        },
        password: {
          enabled: true,
          required: true,
          used_for_first_factor: false,
          first_factors: [],
          used_for_second_factor: false,
          second_factors: [],
          verifications: [],
          verify_at_sign_up: false,
        },
        phone_number: off,
        username: off,
        web3_wallet: off,
        first_name: off,
        last_name: off,
        authenticator_app: off,
        backup_code: off,
        passkey: off,
      },
      actions: { delete_self: false, create_organization: true },
      social: {},
      enterprise_sso: { enabled: false },
      sign_in: { second_factor: { required: false, enabled: false } },
      sign_up: {
        captcha_enabled: false,
        legal_consent_enabled: false,
        mode: 'public',
        progressive: true,
        allowlist_only: false,
        mfa: { required: false },
      },
      password_settings: {
        disable_hibp: true,
        min_length: 8,
        max_length: 72,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        allowed_special_characters: '',
      },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
      attack_protection: { enumeration_protection: { enabled: false } },
    },
    organization_settings: {
      enabled: true,
      max_allowed_memberships: MAX_ALLOWED_MEMBERSHIPS,
      force_organization_selection: false,
      actions: { admin_delete: true },
      domains: { enabled: false, enrollment_modes: [], default_role: null },
      slug: { disabled: false },
      organization_creation_defaults: { enabled: false },
    },
    // A present commerce_settings must carry the whole billing object, or clerk-js throws.
    commerce_settings: {
      billing: {
        stripe_publishable_key: null,
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: { user_api_keys_enabled: false, orgs_api_keys_enabled: false },
    maintenance_mode: false,
    client_debug_mode: false,
    partitioned_cookies: false,
  }
}

const verified = (strategy: string) => ({
  object: 'verification',
  status: 'verified',
  strategy,
  attempts: 1,
  expire_at: null,
  error: null,
})

function emailAddressJSON(user: User) {
  return {
    object: 'email_address',
    id: user.emailId,
    email_address: user.email,
    reserved: false,
    linked_to: [],
    matches_sso_connection: false,
    verification: verified('email_code'),
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  }
}

/** A user as the Frontend API shows it to its owner. */
export function userJSON(user: User, store: Store) {
  return {
    object: 'user',
    id: user.id,
    external_id: null,
    username: null,
    first_name: user.firstName,
    last_name: user.lastName,
    image_url: '',
    has_image: false,
    profile_image_id: '',
    primary_email_address_id: user.emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    email_addresses: [emailAddressJSON(user)],
    phone_numbers: [],
    web3_wallets: [],
    external_accounts: [],
    enterprise_accounts: [],
    passkeys: [],
    organization_memberships: store
      .membershipsOfUser(user.id)
      .map((membership) => membershipJSON(membership, store)),
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    public_metadata: {},
    unsafe_metadata: {},
    create_organization_enabled: true,
    create_organizations_limit: null,
    delete_self_enabled: false,
    legal_accepted_at: null,
    last_sign_in_at: user.lastSignInAt,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  }
}

/** A user as the Backend API returns it (adds what only servers see). */
export function backendUserJSON(user: User, store: Store) {
  return {
    ...userJSON(user, store),
    private_metadata: {},
    saml_accounts: [],
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    last_active_at: user.lastSignInAt,
  }
}

export function sessionJSON(session: Session, user: User, store: Store, token: string | null) {
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    expire_at: session.createdAt + 7 * DAY_IN_MS,
    abandon_at: session.createdAt + 30 * DAY_IN_MS,
    last_active_at: session.lastActiveAt,
    last_active_organization_id: session.activeOrganizationId,
    actor: null,
    tasks: null,
    factor_verification_age: [0, -1],
    user: userJSON(user, store),
    public_user_data: {
      first_name: user.firstName,
      last_name: user.lastName,
      image_url: '',
      has_image: false,
      identifier: user.email,
      user_id: user.id,
    },
    last_active_token: token ? { object: 'token', jwt: token } : null,
    created_at: session.createdAt,
    updated_at: session.lastActiveAt,
  }
}

export function signInJSON(signIn: SignIn | null, user: User | undefined) {
  if (!signIn) return null
  return {
    object: 'sign_in',
    id: signIn.id,
    status: signIn.status,
    supported_identifiers: ['email_address'],
    identifier: signIn.identifier,
    supported_first_factors: user
      ? [
          { strategy: 'password' },
          {
            strategy: 'email_code',
            safe_identifier: user.email,
            email_address_id: user.emailId,
            primary: true,
          },
        ]
      : [],
    supported_second_factors: null,
    first_factor_verification: signIn.status === 'complete' ? verified('password') : null,
    second_factor_verification: null,
    user_data: user
      ? { first_name: user.firstName, last_name: user.lastName, image_url: '', has_image: false }
      : null,
    created_session_id: signIn.createdSessionId,
    abandon_at: signIn.createdAt + DAY_IN_MS,
  }
}

export function signUpJSON(signUp: SignUp | null) {
  if (!signUp) return null
  const missing = [
    ...(signUp.email ? [] : ['email_address']),
    ...(signUp.password ? [] : ['password']),
  ]
  const emailVerification = signUp.email
    ? {
        object: 'verification',
        status: signUp.emailVerification === 'verified' ? 'verified' : 'unverified',
        strategy: 'email_code',
        attempts: null,
        expire_at: signUp.emailVerification === 'pending' ? Date.now() + 10 * 60 * 1000 : null,
        next_action:
          signUp.emailVerification === 'verified'
            ? ''
            : signUp.emailVerification === 'pending'
              ? 'needs_attempt'
              : 'needs_prepare',
        supported_strategies: ['email_code'],
        error: null,
      }
    : null
  return {
    object: 'sign_up',
    id: signUp.id,
    status: signUp.status,
    required_fields: ['email_address', 'password'],
    optional_fields: [],
    missing_fields: missing,
    unverified_fields:
      signUp.email && signUp.emailVerification !== 'verified' ? ['email_address'] : [],
    username: null,
    first_name: signUp.firstName,
    last_name: signUp.lastName,
    email_address: signUp.email,
    phone_number: null,
    web3_wallet: null,
    external_account_strategy: null,
    external_account: null,
    has_password: Boolean(signUp.password),
    unsafe_metadata: {},
    created_session_id: signUp.createdSessionId,
    created_user_id: signUp.createdUserId,
    abandon_at: signUp.createdAt + DAY_IN_MS,
    legal_accepted_at: null,
    locale: null,
    verifications: {
      email_address: emailVerification,
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
  }
}

/** `mintToken` gives each active session a fresh `last_active_token`. */
export async function clientJSON(
  client: Client | null,
  store: Store,
  mintToken: (session: Session) => Promise<string>,
) {
  if (!client) return null
  const sessions = []
  for (const session of store.activeSessions(client)) {
    const user = store.users.get(session.userId)
    if (user) sessions.push(sessionJSON(session, user, store, await mintToken(session)))
  }
  return {
    object: 'client',
    id: client.id,
    sessions,
    sign_in: signInJSON(
      client.signIn,
      client.signIn?.userId ? store.users.get(client.signIn.userId) : undefined,
    ),
    sign_up: signUpJSON(client.signUp),
    last_active_session_id: client.lastActiveSessionId,
    last_authentication_strategy: null,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  }
}
