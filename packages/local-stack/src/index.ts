export {
  APP_NAMES,
  APPS,
  type AppName,
  type AppPortVariable,
  appDir,
  isAppName,
  type KitApp,
  presentApps,
  repoRoot,
} from './apps.ts'
export { type LocalStack, localStack } from './local-stack.ts'
export {
  isOrganizationRole,
  ORGANIZATION_ROLES,
  type OrganizationRole,
  readSeedOrganizations,
  type SeedOrganization,
  seededOrganizations,
} from './seeded-organizations.ts'
export { readSeedUsers, type SeedUser, seededUsers } from './seeded-users.ts'
